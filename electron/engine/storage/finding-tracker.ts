import type { StorageFinding, VolumeVerdict } from '../../../shared/model';
import type { Candidate } from './candidate';

interface Tracked {
  candidate: Candidate;
  since: number;
  present: number;
  absent: number;
  raised: boolean;
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Hysteresis: a finding raises only once it held for two polls in a row, and clears only once it
 * was gone for two — a brick restarted with `start force` (new port, quotad briefly down) must not
 * flap the verdict. Failed polls are not fed in: they say nothing either way.
 */
export class FindingTracker {
  private readonly tracked = new Map<string, Tracked>();

  update(candidates: readonly Candidate[], now: number): StorageFinding[] {
    const seen = new Set<string>();
    for (const c of candidates) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      const t = this.tracked.get(c.id) ?? { candidate: c, since: now, present: 0, absent: 0, raised: false };
      t.candidate = c;
      t.present += 1;
      t.absent = 0;
      if (t.present >= 2) t.raised = true;
      this.tracked.set(c.id, t);
    }
    for (const [id, t] of this.tracked) {
      if (seen.has(id)) continue;
      t.absent += 1;
      t.present = 0;
      // A finding that never raised has nothing to clear; a raised one waits for a second poll.
      if (!t.raised || t.absent >= 2) this.tracked.delete(id);
    }
    return this.findings();
  }

  findings(): StorageFinding[] {
    return [...this.tracked.values()]
      .map(({ candidate: c, since, raised, absent }) => ({
        id: c.id,
        rule: c.rule,
        severity: c.severity,
        title: c.title,
        explanation: c.explanation,
        detail: c.detail,
        volume: c.volume,
        state: raised ? (absent > 0 ? ('clearing' as const) : ('raised' as const)) : ('confirming' as const),
        since,
      }))
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.since - b.since || a.id.localeCompare(b.id));
  }
}

/**
 * The verdict: the worst raised finding (warning → degraded, critical → critical). A problem seen
 * once, or data that could not be read, makes it at least `unknown`: never ok without evidence.
 */
export function verdictOf(findings: readonly StorageFinding[], missing: readonly string[]): { verdict: VolumeVerdict; reason: string } {
  const counted = findings.filter((f) => f.state !== 'confirming');
  const critical = counted.filter((f) => f.severity === 'critical');
  const warnings = counted.filter((f) => f.severity === 'warning');
  const more = (n: number): string => (n > 1 ? ` (and ${n - 1} more)` : '');
  if (critical.length > 0) return { verdict: 'critical', reason: `${critical[0]!.title}${more(critical.length + warnings.length)}` };
  if (warnings.length > 0) return { verdict: 'degraded', reason: `${warnings[0]!.title}${more(warnings.length)}` };
  if (missing.length > 0) return { verdict: 'unknown', reason: missing[0]! };
  const confirming = findings.filter((f) => f.state === 'confirming' && f.severity !== 'info');
  if (confirming.length > 0) return { verdict: 'unknown', reason: `Seen once, confirming on the next poll: ${confirming[0]!.title}` };
  const info = counted.filter((f) => f.severity === 'info');
  return { verdict: 'ok', reason: info.length > 0 ? info[0]!.title : 'All bricks up, nothing to heal' };
}
