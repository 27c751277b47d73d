/** Node options that load code into every new thread (`--import tsx`, `-r ts-node/register`, …): as one argument `--x=value` or two. */
const LOADERS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** Options a reader thread takes from its parent: profiling and warnings. The ones followed by a value may come as `--x value`. */
const PASSED_WITH_VALUE = new Set(['--cpu-prof-dir', '--cpu-prof-name', '--cpu-prof-interval', '--heap-prof-dir', '--heap-prof-name', '--heap-prof-interval']);
const PASSED = new Set([
  ...PASSED_WITH_VALUE,
  '--cpu-prof',
  '--heap-prof',
  '--enable-source-maps',
  '--no-warnings',
  '--trace-warnings',
  '--no-deprecation',
  '--trace-deprecation',
  '--throw-deprecation',
  '--pending-deprecation',
]);

/**
 * The parent's Node options for a reader thread: only profiling and warning options. A thread
 * inherits its parent's options unless given its own, and under `node --import tsx` (the bench,
 * scripts run from source) each reader thread loaded tsx again: ≈ 4,000 page faults and ≈ 250 ms of
 * CPU before its first byte. Given its own, Node refuses V8 options (`--max-old-space-size`,
 * `--stack-trace-limit`, …) and per-process ones (`--title`) with ERR_WORKER_INVALID_EXEC_ARGV, so
 * `node --max-old-space-size=4096 fleetscope logs big.log` failed; V8's flags are the process's and
 * apply to the thread anyway. Everything else (loaders and their values included) is left out.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const name = arg.split('=', 1)[0]!;
    const takesNext = name === arg && (LOADERS.has(name) || PASSED_WITH_VALUE.has(name));
    if (PASSED.has(name)) out.push(arg);
    if (!takesNext) continue;
    i++;
    if (PASSED.has(name) && i < execArgv.length) out.push(execArgv[i]!);
  }
  return out;
}
