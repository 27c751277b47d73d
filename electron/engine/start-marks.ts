/**
 * Start-up marks for the first-data benchmark (issue 13 item 7): with FLEETSCOPE_START_MARKS=1 in
 * the environment, the first time each step of a start happens is written to stderr as
 * `[start] <ms since the process started> cpu <ms of CPU the process used so far> <step>`. Off
 * (one lookup) otherwise: nothing is printed. The CPU figure is what a loaded machine changes
 * least: wall time there measures the other jobs as much as this process.
 */
const enabled = process.env['FLEETSCOPE_START_MARKS'] === '1';
const seen = new Set<string>();

export function startMark(step: string): void {
  if (!enabled || seen.has(step)) return;
  seen.add(step);
  const cpu = process.cpuUsage();
  process.stderr.write(`[start] ${performance.now().toFixed(0)} cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ${step}\n`);
}
