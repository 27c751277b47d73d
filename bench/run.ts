// `npm run bench`: every bench/*.bench.ts in its own process, one after another (timing on a
// 2-core machine is noisy enough without two benchmarks sharing it).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const f of files) {
  process.stdout.write(`\n=== ${f}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`${f} failed to run (exit ${r.status})\n`);
  }
}
process.exit(failed ? 1 : 0);
