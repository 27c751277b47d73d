/** A caller asked for something the demo fleet does not have (unknown primary or node); safe to show as is. */
export class DemoInputError extends Error {
  override readonly name = 'DemoInputError';
}
