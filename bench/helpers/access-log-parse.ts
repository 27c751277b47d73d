// Child process of access-log.bench.ts: parses the given logs and prints wall time, CPU time and
// peak RSS as JSON, so the figures are this parse's alone (not the generator's). Reads with the
// bundled worker threads as `fleetscope logs` does (the bench builds it first when stale).
import { join } from 'node:path';
import { analyseAccessLogs } from '../../electron/engine/access-log/analyse';
import { useAccessLogWorker } from '../../electron/engine/access-log/range-runner';

useAccessLogWorker(join(import.meta.dirname, '..', '..', 'dist-electron', 'access-log-worker.cjs'));

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const report = await analyseAccessLogs(process.argv.slice(2));
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    wallMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    lines: report.lines.total,
    ranges: report.sources.reduce((n, s) => n + (s.ranges ?? 1), 0),
    operations: report.operations.total,
  })}\n`,
);
