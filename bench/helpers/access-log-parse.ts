// Child process of access-log.bench.ts: parses the given logs and prints wall time, CPU time and
// peak RSS as JSON, so the figures are this parse's alone (not the generator's).
import { analyseAccessLogs } from '../../electron/engine/access-log/analyse';

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
    operations: report.operations.total,
  })}\n`,
);
