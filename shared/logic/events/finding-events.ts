import type { NewFleetEvent, Snapshot, StorageFinding } from '../../model';

interface Raised {
  targetId: string;
  source: string;
  finding: StorageFinding;
}

/** Findings that count as raised: held for two polls (`raised`), or on their first poll gone (`clearing`, still shown). */
function raised(s: Snapshot): Map<string, Raised> {
  const out = new Map<string, Raised>();
  for (const src of s.storage) {
    for (const f of [...src.findings, ...src.volumes.flatMap((v) => v.findings)]) {
      if (f.state !== 'confirming') out.set(`${src.id}:${f.id}`, { targetId: src.id, source: src.name, finding: f });
    }
  }
  return out;
}

/** Storage findings raised and cleared between two snapshots. */
export function findingEvents(prev: Snapshot, next: Snapshot): NewFleetEvent[] {
  const before = raised(prev);
  const after = raised(next);
  const events: NewFleetEvent[] = [];
  for (const [key, r] of after) {
    if (before.has(key)) continue;
    events.push({
      at: next.generatedAt,
      kind: 'finding-raised',
      severity: r.finding.severity,
      targetId: r.targetId,
      subject: r.finding.volume,
      text: `${r.source}: ${r.finding.title} (${r.finding.rule})`,
      demo: false,
    });
  }
  for (const [key, r] of before) {
    if (after.has(key)) continue;
    events.push({
      at: next.generatedAt,
      kind: 'finding-cleared',
      severity: 'info',
      targetId: r.targetId,
      subject: r.finding.volume,
      text: `${r.source}: cleared — ${r.finding.title} (${r.finding.rule})`,
      demo: false,
    });
  }
  return events;
}

/** Alerts opened and resolved between two snapshots, by their stable id (the fingerprint). */
export function alertEvents(prev: Snapshot, next: Snapshot): NewFleetEvent[] {
  const before = new Map(prev.alerts.map((a) => [a.id, a]));
  const after = new Map(next.alerts.map((a) => [a.id, a]));
  const events: NewFleetEvent[] = [];
  for (const [id, a] of after) {
    if (!before.has(id)) {
      events.push({
        at: next.generatedAt,
        kind: 'alert-opened',
        severity: a.severity,
        targetId: a.targetId,
        subject: null,
        text: `Alert: ${a.title}`,
        demo: false,
      });
    }
  }
  for (const [id, a] of before) {
    if (!after.has(id)) {
      events.push({
        at: next.generatedAt,
        kind: 'alert-resolved',
        severity: 'info',
        targetId: a.targetId,
        subject: null,
        text: `Resolved: ${a.title}`,
        demo: false,
      });
    }
  }
  return events;
}
