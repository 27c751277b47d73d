import { describe, expect, it } from 'vitest';
import { parseCliOutput } from '../../../../electron/engine/storage/gluster-xml';
import type { Expect } from './fixture-expectations/baselines';
import { HEAL_AND_GEOREP_EXPECTED } from './fixture-expectations/heal-and-georep';
import { CLUSTER_EXPECTED } from './fixture-expectations/cluster';
import { VOLUME_EXPECTED } from './fixture-expectations/volumes';
import { findingKeys, fixture, fixtureNames, runScenario } from './gluster-scenario';

/**
 * Every real GlusterFS capture in ../shared/fixtures/gluster, fed to the parser and, as the
 * answer to one command of an otherwise healthy poll, to the health rules. Each expectation is
 * written out by hand from what the capture shows (see HOW-CAPTURED.md for the situations).
 */

const EXPECTED: Record<string, (file: string) => Expect> = { ...CLUSTER_EXPECTED, ...VOLUME_EXPECTED, ...HEAL_AND_GEOREP_EXPECTED };

describe('every GlusterFS fixture', () => {
  const files = fixtureNames();

  it('has a hand-written expectation (a new capture must get one)', () => {
    expect(files.length).toBeGreaterThan(190);
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !files.includes(f))).toEqual([]);
  });

  it.each(files)('%s', async (file) => {
    const e = EXPECTED[file]!(file);
    expect(parseCliOutput(fixture(file)).kind).toBe(e.parse);
    const { source } = await runScenario(e.scenario);
    if (e.source !== undefined) expect(source.status).toBe(e.source);
    if (e.error !== undefined) expect(source.lastError?.code).toBe(e.error);
    if (e.cluster !== undefined) expect(findingKeys(source.findings)).toEqual([...e.cluster].sort());
    if (e.verdict !== undefined) {
      const v = source.volumes.find((x) => x.name === e.scenario.volume);
      expect(v, `volume ${e.scenario.volume} in the snapshot`).toBeDefined();
      expect(v!.verdict).toBe(e.verdict);
      expect(findingKeys(v!.findings)).toEqual([...(e.findings ?? [])].sort());
      if (e.verdict === 'unknown') expect(v!.verdictReason).not.toBe('');
    } else {
      expect(source.volumes).toEqual([]);
      expect(source.lastError?.message).toBeTruthy();
    }
    e.check?.(source);
  });
});
