import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../../../electron/demo';
import { activeFaults } from '../../../../electron/demo/scenarios/active-faults';
import { parse } from 'yaml';
import { demoScenarios, parseScenario, SCENARIO_FILES } from '../../../../electron/demo/scenarios/catalog';
import { resolveTarget, scenarioProblems } from '../../../../electron/demo/scenarios/scenario-targets';
import { parseRoute, formatRoute } from '../../../../shared/logic/route';

const FOLDER = join(import.meta.dirname, '../../../../electron/demo/scenarios');

let fleet: DemoFleet;
beforeAll(async () => {
  fleet = await startDemoFleet();
});
afterAll(async () => {
  await fleet?.stop();
});

describe('the scenario files', () => {
  it('lists every .yaml file of the folder, so a new scenario cannot be left out of the build', () => {
    const files = readdirSync(FOLDER).filter((f) => f.endsWith('.yaml'));
    expect(SCENARIO_FILES.map((f) => f.file).sort()).toEqual(files.sort());
  });

  it('names each scenario uniquely, and as its file', () => {
    const names = SCENARIO_FILES.map(({ file, text }) => parseScenario(file, text).name);
    expect(new Set(names).size).toBe(names.length);
    expect(SCENARIO_FILES.map(({ file }) => file)).toEqual(names.map((n) => `${n}.yaml`));
  });

  it('lists the same scenarios from the parsed documents as parsing each file (a bundle parses them at build time)', () => {
    expect(demoScenarios()).toEqual(SCENARIO_FILES.map(({ file, text }) => parseScenario(file, text)));
  });

  it('survives JSON, as the build carries the parsed documents', () => {
    for (const { text } of SCENARIO_FILES) expect(JSON.parse(JSON.stringify(parse(text)))).toEqual(parse(text));
  });

  describe.each(SCENARIO_FILES)('$file', ({ file, text }) => {
    it('validates, opens real views, and every fault it names exists in the default demo fleet and switches', async () => {
      const scenario = parseScenario(file, text);
      expect(scenarioProblems(scenario, fleet.state())).toEqual([]);
      for (const step of scenario.steps) {
        // The route reads back as itself: a typo would silently land on the Overview.
        expect(formatRoute(parseRoute(`#${step.view}`))).toBe(`#${step.view}`);
        for (const f of step.faults) {
          const resolved = resolveTarget(fleet.state(), f.target, f.fault);
          if ('problem' in resolved) throw new Error(resolved.problem);
          await fleet.applyFault(resolved.id, f.fault, f.enabled);
        }
      }
      // Each story ends where it began: a healthy fleet.
      expect(activeFaults(fleet.state())).toEqual([]);
    });
  });
});

describe('parseScenario', () => {
  it('names the file and every problem of an invalid scenario', () => {
    const bad =
      'name: Bad Name\ntitle: t\ndescription: d\nsteps:\n  - when: soon\n    caption: c\n    view: /nowhere\n    faults:\n      - { target: x, fault: { kind: melt }, enabled: true }\n';
    const message = (() => {
      try {
        parseScenario('bad.yaml', bad);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toMatch(/^bad\.yaml is not a valid scenario: /);
    for (const path of ['name:', 'steps.0.when:', 'steps.0.view:', 'steps.0.faults.0.fault.kind:']) expect(message).toContain(path);
    expect(message).toContain('docs/demo-scenarios.md');
  });

  it('says when the text is not YAML at all', () => {
    expect(() => parseScenario('broken.yaml', 'steps: [unclosed')).toThrow(/^broken\.yaml is not valid YAML/);
  });
});

describe('resolveTarget', () => {
  it('takes a target by id or by name, and lists the right kind of target when neither fits', () => {
    const state = fleet.state();
    expect(resolveTarget(state, 'production eu', { kind: 'slow' })).toEqual({ id: 'prod-eu' });
    expect(resolveTarget(state, 'prod-eu', { kind: 'slow' })).toEqual({ id: 'prod-eu' });
    const wrongKind = resolveTarget(state, 'Production EU', { kind: 'mirror-farm-behind' });
    expect(wrongKind).toEqual({ problem: expect.stringContaining('needs a mirror of the demo fleet') as string });
    expect(JSON.stringify(wrongKind)).toContain('São Paulo office mirror');
    expect(resolveTarget(state, 'Production US', { kind: 'node-down', node: 'prod-us-node-9' })).toEqual({
      problem: expect.stringContaining('Production US has no node "prod-us-node-9"') as string,
    });
    expect(resolveTarget(state, 'Demo GlusterFS', { kind: 'gluster-heal-backlog', volume: 'nope' })).toEqual({
      problem: expect.stringContaining('no volume "nope"') as string,
    });
  });
});
