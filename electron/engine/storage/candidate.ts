import type { FindingSeverity } from '../../../shared/model';

/** A finding as one poll sees it, before it has held for two polls. */
export interface Candidate {
  id: string;
  rule: string;
  severity: FindingSeverity;
  title: string;
  explanation: string;
  detail: string | null;
  volume: string | null;
}

export const candidate = (c: Omit<Candidate, 'id' | 'detail' | 'volume'> & { subject: string; detail?: string | null; volume?: string | null }): Candidate => ({
  id: `${c.rule}:${c.subject}`,
  rule: c.rule,
  severity: c.severity,
  title: c.title,
  explanation: c.explanation,
  detail: c.detail ?? null,
  volume: c.volume ?? null,
});

/** Bytes as "1.2 GB" (powers of 1024, as Gluster prints them). */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

export function formatSeconds(s: number): string {
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${Math.round(s / 86_400)} d`;
}
