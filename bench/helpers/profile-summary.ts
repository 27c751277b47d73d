// Self time of a .cpuprofile by function and by file, largest first:
// `node --import tsx bench/helpers/profile-summary.ts FILE [TOP]`.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [TOP]');
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
const short = (url: string): string => url.replace(/^.*\/(node_modules|electron|shared)\//, '$1/').replace(/^node:/, 'node:');
const fnKey = (n: ProfileNode): string =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  if (n.callFrame.functionName === '(idle)') {
    idle += us;
    continue;
  }
  total += us;
  byFn.set(fnKey(n), (byFn.get(fnKey(n)) ?? 0) + us);
  const f = short(n.callFrame.url) || n.callFrame.functionName;
  byFile.set(f, (byFile.get(f) ?? 0) + us);
}
const line = (k: string, us: number): string => `${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}\n`;
process.stdout.write(`non-idle ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms\n-- by function (self)\n`);
for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(line(k, us));
process.stdout.write('-- by file (self)\n');
for (const [k, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(line(k, us));
// Inclusive (self + callees) by function, each function counted once per stack (recursion).
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const k = fnKey(byId.get(at)!);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}
process.stdout.write('-- by function (inclusive)\n');
for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 2 * top)) process.stdout.write(line(k, us));
