/** Node options that load code into every new thread (`--import tsx`, `-r ts-node/register`, …): as one argument `--x=value` or two. */
const LOADERS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/**
 * The parent's Node options for a reader thread, without those that load modules: the worker bundle
 * needs only Node's built-ins, and a thread inherits its parent's options by default. Under `node
 * --import tsx` (the bench, scripts run from source) each reader thread loaded tsx again: ≈ 4,000
 * page faults and ≈ 250 ms of CPU before its first byte, while the range planned for it waited.
 * Other options (`--cpu-prof`, V8 flags) stay, so a reader thread can still be profiled.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (LOADERS.has(arg)) i++;
    else if (!LOADERS.has(arg.split('=', 1)[0]!)) out.push(arg);
  }
  return out;
}
