import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StorageSource } from '../../../../shared/model';
import { storageSourceConfigSchema, type StorageSourceConfig } from '../../../../electron/engine/config/storage-config-schema';
import type { CommandResult, GlusterRunner } from '../../../../electron/engine/storage/runner';
import { StorageSourcePoller } from '../../../../electron/engine/storage/storage-source';
import { openHistoryStore } from '../../../../electron/engine/store/history-store';

/** The real GlusterFS 10.3 captures: `../shared/fixtures/gluster` beside the repository. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../../../shared/fixtures/gluster/', import.meta.url));

export const fixtureNames = (): string[] =>
  readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.xml') || f.endsWith('.txt'))
    .sort();
export const fixture = (name: string): string => {
  const path = `${FIXTURES_DIR}${name}`;
  if (!existsSync(path)) throw new Error(`No fixture ${name} in ${FIXTURES_DIR}`);
  return readFileSync(path, 'utf8');
};

/** A fixture file name or literal output; or a list of them: one per poll, the last one repeated. */
type One = string | { text: string };
export type Answer = One | One[];

/** Which fixture answers which command; anything not given answers "not in this scenario" (rc 1). */
export interface Scenario {
  /** The volume the expectations are about. */
  volume: string;
  info: Answer;
  status?: Answer;
  detail?: Answer;
  peers?: Answer;
  global?: Answer;
  /** `volume get V all`, the same answer for every volume. */
  get?: Answer;
  georep?: Answer;
  quota?: Answer;
  heal?: Record<string, Answer>;
  splitBrain?: Record<string, Answer>;
  expectedVolumes?: string[];
}

/** When the fixtures were captured (the VM clock said 2026-11-21), so geo-replication lag is small. */
export const CAPTURE_NOW = Date.UTC(2026, 10, 21, 19, 52, 0);

const pick = (a: Answer | undefined, poll: number): string | undefined => {
  const one = Array.isArray(a) ? a[Math.min(poll, a.length - 1)] : a;
  if (one === undefined) return undefined;
  return typeof one === 'string' ? fixture(one) : one.text;
};

/** A runner that answers gluster's arguments from fixture files, as a cat-ing script would. */
export function fixtureRunner(sc: Scenario, pollIndex: () => number): GlusterRunner & { calls: string[] } {
  const calls: string[] = [];
  const answer = (args: readonly string[]): CommandResult => {
    const words = args.filter((a) => !a.startsWith('--'));
    const cmd = words.join(' ');
    calls.push(cmd);
    const poll = pollIndex();
    let out: string | undefined;
    let m: RegExpExecArray | null;
    if (cmd === 'volume info') out = pick(sc.info, poll);
    else if (cmd === 'volume status all') out = pick(sc.status, poll);
    else if (cmd === 'volume status all detail') out = pick(sc.detail, poll);
    else if (cmd === 'peer status') out = pick(sc.peers ?? 'peer-status.single-node.xml', poll);
    else if (cmd === 'volume get all all') out = pick(sc.global ?? 'volume-get.all.all.xml', poll);
    else if (/^volume get \S+ all$/.test(cmd)) out = pick(sc.get ?? 'volume-get.bbshared.all.xml', poll);
    else if (cmd === 'volume geo-replication status') out = pick(sc.georep ?? 'georep-status.none.xml', poll);
    else if (/^volume quota \S+ list$/.test(cmd)) out = pick(sc.quota, poll);
    else if ((m = /^volume heal (\S+) info summary$/.exec(cmd))) out = pick(sc.heal?.[m[1]!], poll);
    else if ((m = /^volume heal (\S+) info split-brain$/.exec(cmd))) out = pick(sc.splitBrain?.[m[1]!], poll);
    if (out === undefined) return { stdout: '', stderr: `no answer for "${cmd}" in this scenario\n`, exitCode: 1, durationMs: 1 };
    return { stdout: out, stderr: '', exitCode: 0, durationMs: 1 };
  };
  return { transport: 'local', endpoint: 'fixtures', calls, run: async (args) => answer(args), close: async () => undefined };
}

export function sourceConfig(over: Partial<StorageSourceConfig> = {}): StorageSourceConfig {
  return storageSourceConfigSchema.parse({ id: 'gl', name: 'Gluster', gluster: { local: { command: 'gluster' } }, ...over });
}

/**
 * Polls a scenario (twice by default, so findings have held for two polls and are raised, or as
 * many times as its longest answer list) and returns the source as the snapshot would carry it.
 */
export async function runScenario(
  sc: Scenario,
  opts: {
    polls?: number;
    now?: number;
    stepMs?: number;
    config?: Partial<StorageSourceConfig>;
    /** false: heal info only when due (default: every poll). */ requested?: boolean;
  } = {},
): Promise<{ source: StorageSource; calls: string[] }> {
  let poll = 0;
  let now = opts.now ?? CAPTURE_NOW;
  const runner = fixtureRunner(sc, () => poll);
  const store = openHistoryStore({ path: ':memory:' });
  const config = sourceConfig({ expectedVolumes: sc.expectedVolumes ?? [], ...opts.config });
  const poller = new StorageSourcePoller(config, { runner, store, now: () => now, pollIntervalSeconds: 15 });
  const length = (x: unknown): number => (Array.isArray(x) ? x.length : 1);
  const lengths = [
    sc.info,
    sc.status,
    sc.detail,
    sc.peers,
    sc.global,
    sc.get,
    sc.georep,
    sc.quota,
    ...Object.values(sc.heal ?? {}),
    ...Object.values(sc.splitBrain ?? {}),
  ].map(length);
  const polls = opts.polls ?? Math.max(2, ...lengths);
  try {
    for (; poll < polls; poll += 1) {
      try {
        await poller.poll(new AbortController().signal, (opts.requested ?? true) ? 'always' : 'if-due');
      } catch {
        // An unreachable cluster throws so the scheduler backs off; the source still records it.
      }
      now += opts.stepMs ?? 15_000;
    }
    return { source: poller.snapshot(now), calls: runner.calls };
  } finally {
    store.close();
  }
}

/** `rule:severity` of a volume's findings, `(confirming)` appended to those not raised yet; sorted. */
export const findingKeys = (findings: StorageSource['findings']): string[] =>
  findings.map((f) => `${f.rule}:${f.severity}${f.state === 'confirming' ? ' (confirming)' : f.state === 'clearing' ? ' (clearing)' : ''}`).sort();
