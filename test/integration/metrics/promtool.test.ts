import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { missingPrometheus, RULE_FILES } from './real-prometheus';

/** The shipped rules, checked and unit-tested by Debian's promtool (scripts/ensure-system-deps.sh installs it). */
const TESTS = 'deploy/prometheus/tests/fleetscope-rules.test.yml';

interface RuleFile {
  groups: Array<{ rules: Array<{ alert?: string; record?: string }> }>;
}
interface RuleTests {
  tests: Array<{ name: string; alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }>; promql_expr_test?: Array<{ expr: string }> }>;
}

const promtool = (args: string[]): { status: number | null; out: string } => {
  const r = spawnSync('promtool', args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

describe('the shipped Prometheus rules', () => {
  it('have promtool installed', () => {
    expect(missingPrometheus()).toBeNull();
  });

  it('pass `promtool check rules`', () => {
    const r = promtool(['check', 'rules', ...RULE_FILES]);
    expect(r.out).toMatch(/SUCCESS: 16 rules found[\s\S]*SUCCESS: 3 rules found/);
    expect(r.status).toBe(0);
  });

  it('pass `promtool test rules`', () => {
    const r = promtool(['test', 'rules', TESTS]);
    expect(r.out).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('are unit-tested: every alert with a firing and a quiet case, every recording rule by an expression test', () => {
    const alerts = RULE_FILES.flatMap((f) => (parse(readFileSync(f, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules.map((r) => r.alert).filter(Boolean)));
    const records = RULE_FILES.flatMap((f) => (parse(readFileSync(f, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules.map((r) => r.record).filter(Boolean)));
    const suite = parse(readFileSync(TESTS, 'utf8')) as RuleTests;
    const cases = suite.tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const alert of alerts) {
      expect(
        cases.some((c) => c.alertname === alert && c.exp_alerts.length > 0),
        `${alert} fires`,
      ).toBe(true);
      expect(
        cases.some((c) => c.alertname === alert && c.exp_alerts.length === 0),
        `${alert} stays quiet`,
      ).toBe(true);
    }
    const exprs = suite.tests.flatMap((t) => (t.promql_expr_test ?? []).map((e) => e.expr)).join('\n');
    for (const record of records) expect(exprs, record).toContain(record);
    expect(alerts.length).toBe(16);
  });

  it('fail `promtool test rules` when a rule is broken (the suite really checks them)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-promtool-'));
    try {
      // The brick-down alert made blind: its firing case must now fail.
      writeFileSync(
        join(dir, 'fleetscope-alerts.yml'),
        readFileSync(RULE_FILES[0]!, 'utf8').replace('fleetscope_gluster_bricks{state="down"} > 0', 'fleetscope_gluster_bricks{state="down"} > 5'),
      );
      writeFileSync(join(dir, 'fleetscope-recording.yml'), readFileSync(RULE_FILES[1]!, 'utf8'));
      const suite = readFileSync(TESTS, 'utf8').replaceAll('../fleetscope-', `${dir}/fleetscope-`);
      writeFileSync(join(dir, 'suite.yml'), suite);
      const r = promtool(['test', 'rules', join(dir, 'suite.yml')]);
      expect(r.status).not.toBe(0);
      expect(r.out).toContain('FleetscopeGlusterBrickDown');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ship a Prometheus configuration that `promtool check config` accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-promconfig-'));
    try {
      writeFileSync(join(dir, 'fleetscope-alerts.yml'), readFileSync(RULE_FILES[0]!, 'utf8'));
      writeFileSync(join(dir, 'fleetscope-recording.yml'), readFileSync(RULE_FILES[1]!, 'utf8'));
      writeFileSync(join(dir, 'fleetscope-token'), 'viewer-token\n');
      writeFileSync(join(dir, 'fleetscope-ca.pem'), '');
      writeFileSync(join(dir, 'prometheus.yml'), readFileSync('deploy/prometheus/prometheus.yml', 'utf8').replaceAll('/etc/prometheus/', `${dir}/`));
      const r = promtool(['check', 'config', join(dir, 'prometheus.yml')]);
      expect(r.out).toMatch(/SUCCESS: 2 rule files found/);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
