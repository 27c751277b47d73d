// Access-log parsing: a generated 1 GB atlassian-bitbucket-access.log (in the temp folder, removed
// after), parsed in a child process; time as a ratio to `wc -l` on the same file, and peak RSS.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAccessLog } from './helpers/access-log-gen';
import { report } from './helpers/report';
import { speedProbeNs } from './helpers/speed-probe';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const RATIO_BOUND = 8;
const RSS_BOUND_MB = 250;

// The parse runs the bundled worker (dist-electron/access-log-worker.cjs): built first when the sources are newer.
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('The build failed: the access-log worker bundle is needed.');

const dir = mkdtempSync(join(tmpdir(), 'fs-bench-access-log-'));
try {
  // 32 MB of distinct traffic, repeated to 1 GB: generating a whole gigabyte line by line would take minutes.
  const seedFile = join(dir, 'seed.log');
  await generateAccessLog(seedFile, 32 * MB);
  const file = join(dir, 'atlassian-bitbucket-access.log');
  const seed = readFileSync(seedFile);
  const out = createWriteStream(file);
  for (let written = 0; written < GB; written += seed.length) if (!out.write(seed)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  const bytes = statSync(file).size;

  const timed = (cmd: string, args: string[]): { wallMs: number; stdout: string } => {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 16 * MB });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
    return { wallMs: performance.now() - t0, stdout: r.stdout };
  };
  // Once to bring the file into the page cache, then measured.
  timed('wc', ['-l', file]);
  const wc = timed('wc', ['-l', file]);
  const wcCpu = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time wc -l '${file}' >/dev/null`], { encoding: 'utf8' })
    .stderr.trim()
    .split(/\s+/)
    .map(Number);
  const wcCpuMs = ((wcCpu[0] ?? 0) + (wcCpu[1] ?? 0)) * 1000;
  const lines = Number(wc.stdout.trim().split(/\s+/)[0]);
  const probeBefore = speedProbeNs();
  const parse = timed(process.execPath, ['--import', 'tsx', 'bench/helpers/access-log-parse.ts', file]);
  const figures = JSON.parse(parse.stdout.trim().split('\n').pop()!) as {
    wallMs: number;
    cpuMs: number;
    maxRssBytes: number;
    lines: number;
    operations: number;
    ranges: number;
  };

  process.stdout.write(
    `file: ${(bytes / MB).toFixed(0)} MB, ${lines} lines (wc -l), parser read ${figures.lines} lines, ${figures.operations} git operations, in ${figures.ranges} range(s) at once (${availableParallelism()} cores)\n`,
  );
  process.stdout.write(
    `wc -l: ${wc.wallMs.toFixed(0)} ms wall, ${wcCpuMs.toFixed(0)} ms CPU; parse (in its child, module loading excluded): ${figures.wallMs.toFixed(0)} ms wall, ${figures.cpuMs.toFixed(0)} ms CPU\n`,
  );
  const probeAfter = speedProbeNs();
  process.stdout.write(
    `machine speed probe (a fixed register-only loop, CPU per step; higher = the host's slow state): ${probeBefore.toFixed(2)} ns before the parse, ${probeAfter.toFixed(2)} ns after\n`,
  );
  process.stdout.write(`formula: ratio = parse time / wc -l time on the same cached file; peak RSS = the parsing process's maxRSS\n`);
  const wallRatio = figures.wallMs / wc.wallMs;
  const cpuRatio = figures.cpuMs / Math.max(wcCpuMs, 1);
  report('parse time / wc -l time (wall clock)', `${wallRatio.toFixed(1)}×`, `<= ${RATIO_BOUND}×`, wallRatio <= RATIO_BOUND);
  report('parse CPU / wc -l CPU (shared machine: less noisy)', `${cpuRatio.toFixed(1)}×`, `<= ${RATIO_BOUND}×`, cpuRatio <= RATIO_BOUND);
  report('peak RSS while parsing 1 GB', `${(figures.maxRssBytes / MB).toFixed(0)} MB`, `<= ${RSS_BOUND_MB} MB`, figures.maxRssBytes <= RSS_BOUND_MB * MB);
  report('parse throughput', `${(bytes / MB / (figures.wallMs / 1000)).toFixed(0)} MB/s`, '(measured)', true);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
