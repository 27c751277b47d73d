/**
 * Resolves once the wall clock is past `t` (epoch ms). A poll's time is read in whole milliseconds
 * when its reads end, so a poll asked for after this ends with a time later than `t`; asked for in
 * the millisecond of `t`, a poll against a loopback server can end in it too, and a wait for "a
 * later poll" would then wait for the next scheduled one.
 */
export async function pastMillisecond(t: number): Promise<void> {
  while (Date.now() <= t) await new Promise((resolve) => setTimeout(resolve, 1));
}
