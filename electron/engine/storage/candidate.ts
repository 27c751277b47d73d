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
