import type { Snapshot, TargetStatus } from '../../shared/model';

/** Exit codes of `fleetscope check`, for cron and scripts: worst severity wins. */
export const EXIT = { ok: 0, warning: 1, critical: 2, unchecked: 3 } as const;

const EXIT_BY_STATUS: Record<TargetStatus, number> = { up: EXIT.ok, degraded: EXIT.warning, down: EXIT.critical, unknown: EXIT.unchecked };

export interface CheckReport {
  exitCode: number;
  verdict: 'ok' | 'warning' | 'critical' | 'could not check';
  generatedAt: string;
  targets: Array<{
    kind: 'primary' | 'mirror-farm' | 'storage';
    id: string;
    name: string;
    status: TargetStatus;
    message: string | null;
    version: string | null;
  }>;
}

/** Builds the health report of one poll; "could not check" outranks a warning but not a critical. */
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
    ...s.mirrorFarms.map((f) => ({ kind: 'mirror-farm' as const, id: f.id, name: f.name, status: f.status, message: messageOf(f), version: null })),
    ...s.storage.map((v) => ({ kind: 'storage' as const, id: v.id, name: v.name, status: v.status, message: messageOf(v), version: null })),
  ];
  const codes = targets.map((t) => EXIT_BY_STATUS[t.status]);
  const exitCode = codes.includes(EXIT.critical)
    ? EXIT.critical
    : codes.includes(EXIT.unchecked)
      ? EXIT.unchecked
      : codes.includes(EXIT.warning)
        ? EXIT.warning
        : EXIT.ok;
  const verdict = (['ok', 'warning', 'critical', 'could not check'] as const)[exitCode]!;
  return { exitCode, verdict, generatedAt: new Date(s.generatedAt).toISOString(), targets };
}

export function formatCheckReport(r: CheckReport): string {
  const rows = r.targets.map(
    (t) => `${t.status.toUpperCase().padEnd(9)}${t.kind} ${t.name} (${t.id})${t.version ? ` ${t.version}` : ''}${t.message ? ` — ${t.message}` : ''}`,
  );
  if (rows.length === 0) rows.push('(no targets configured)');
  return `${rows.join('\n')}\nFleet: ${r.verdict} (exit ${r.exitCode})`;
}

/** The one-line reason a later area's target gives, whichever field it keeps it in. */
function messageOf(target: object): string | null {
  const t = target as { statusMessage?: unknown; message?: unknown; lastError?: { message?: unknown } | null };
  const m = t.statusMessage ?? t.message ?? t.lastError?.message;
  return typeof m === 'string' ? m : null;
}
