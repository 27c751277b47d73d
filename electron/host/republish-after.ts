/** Each named handler publishes a fresh snapshot once it has run: an alert's lifecycle change shows at once, not at the next poll. */
export function republishAfter<H extends object>(handlers: H, names: readonly (keyof H)[], republish: () => void): H {
  const wrapped: H = { ...handlers };
  for (const name of names) {
    const handler = handlers[name] as (a: unknown, c: unknown) => Promise<unknown>;
    (wrapped as Record<keyof H, unknown>)[name] = async (args: unknown, caller: unknown) => {
      const result = await handler(args, caller);
      republish();
      return result;
    };
  }
  return wrapped;
}
