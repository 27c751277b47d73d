import type { Alert, Severity, Snapshot, TargetStatus } from '../../shared/model';

/** Exit codes of `fleetscope check`, for cron and scripts: worst severity wins. */
export const EXIT = { ok: 0, warning: 1, critical: 2, unchecked: 3 } as const;

const EXIT_BY_STATUS: Record<TargetStatus, number> = { up: EXIT.ok, degraded: EXIT.warning, down: EXIT.critical, unknown: EXIT.unchecked };
const EXIT_BY_SEVERITY: Record<Severity, number> = { info: EXIT.ok, warning: EXIT.warning, critical: EXIT.critical };

export interface CheckReport {
  exitCode: number;
  verdict: 'ok' | 'warning' | 'critical' | 'could not check';
  generatedAt: string;
  targets: Array<{
    kind: 'primary' | 'cache' | 'mirror-farm' | 'storage';
    id: string;
    name: string;
    status: TargetStatus;
    message: string | null;
    version: string | null;
  }>;
  /** Every open alert the UI shows, from every area: the target, the rule, how bad, and what it says. */
  findings: Array<{ targetId: string; rule: string; severity: Severity; title: string; text: string; since: string }>;
}

/**
 * The health report of what the engine judged: each target's status (primaries, their caches,
 * mirror farms, storage sources) and every open alert. "could not check" outranks a warning but
 * not a critical.
 */
export function buildCheckReport(s: Snapshot): CheckReport {
  const targets: CheckReport['targets'] = [
    ...s.primaries.map((p) => ({
      kind: 'primary' as const,
      id: p.id,
      name: p.name,
      status: p.status,
      message: p.statusMessage ?? p.lastError?.message ?? null,
      version: p.version,
    })),
    ...s.primaries.flatMap((p) =>
      p.cache ? [{ kind: 'cache' as const, id: p.id, name: `${p.name} SCM cache`, status: p.cache.status, message: p.cache.statusMessage, version: null }] : [],
    ),
    ...s.mirrorFarms.map((f) => ({ kind: 'mirror-farm' as const, id: f.id, name: f.name, status: f.status, message: messageOf(f), version: null })),
    ...s.storage.map((v) => ({ kind: 'storage' as const, id: v.id, name: v.name, status: v.status, message: messageOf(v), version: null })),
  ];
  const findings = s.alerts.map(toFinding);
  // A cache that cannot be read (no SCM cache plugin, or its endpoints refused) is shown, not judged:
  // the primary itself answers for reachability, and the cache's own problems arrive as alerts.
  const judged = targets.filter((t) => !(t.kind === 'cache' && t.status === 'unknown'));
  const codes = [...judged.map((t) => EXIT_BY_STATUS[t.status]), ...findings.map((f) => EXIT_BY_SEVERITY[f.severity])];
  const exitCode = codes.includes(EXIT.critical)
    ? EXIT.critical
    : codes.includes(EXIT.unchecked)
      ? EXIT.unchecked
      : codes.includes(EXIT.warning)
        ? EXIT.warning
        : EXIT.ok;
  const verdict = (['ok', 'warning', 'critical', 'could not check'] as const)[exitCode];
  return { exitCode, verdict, generatedAt: new Date(s.generatedAt).toISOString(), targets, findings };
}

export function formatCheckReport(r: CheckReport): string {
  const rows = r.targets.map(
    (t) => `${t.status.toUpperCase().padEnd(9)}${t.kind} ${t.name} (${t.id})${t.version ? ` ${t.version}` : ''}${t.message ? ` — ${t.message}` : ''}`,
  );
  if (rows.length === 0) rows.push('(no targets configured)');
  const findings = r.findings.map((f) => `${f.severity.toUpperCase().padEnd(9)}${f.title} [${f.rule} on ${f.targetId}] — ${f.text}`);
  return [...rows, ...(findings.length > 0 ? ['', 'Findings:', ...findings] : []), `Fleet: ${r.verdict} (exit ${r.exitCode})`].join('\n');
}

/** Whether a problem was seen once and waits for the next poll to count (storage findings). */
export function needsConfirmation(s: Snapshot): string[] {
  return s.storage.filter((src) => [...src.findings, ...src.volumes.flatMap((v) => v.findings)].some((f) => f.state !== 'raised')).map((src) => src.id);
}

/** An alert's rule is its id without the target: `prod:cache-disk-guard` → `cache-disk-guard`, `mirrors:f1:down` → `mirrors:down`. */
function toFinding(a: Alert): CheckReport['findings'][number] {
  const rule = a.id
    .split(':')
    .filter((part) => part !== a.targetId)
    .join(':');
  return { targetId: a.targetId, rule, severity: a.severity, title: a.title, text: a.message, since: new Date(a.since).toISOString() };
}

/** The one-line reason a later area's target gives, whichever field it keeps it in. */
function messageOf(target: object): string | null {
  const t = target as { statusMessage?: unknown; message?: unknown; lastError?: { message?: unknown } | null };
  const m = t.statusMessage ?? t.message ?? t.lastError?.message;
  return typeof m === 'string' ? m : null;
}
