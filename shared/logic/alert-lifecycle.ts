import type { Alert, AlertAck, Silence } from '../model';

/**
 * The rule of an alert: its id without the target's prefix (`prod:cache-disk-guard` →
 * `cache-disk-guard`, `mirrors:eu:down` → `mirrors:down`). With the target it makes the
 * fingerprint, which is the alert's id: stable for as long as the condition holds.
 */
export function alertRule(alert: Pick<Alert, 'id' | 'targetId'>): string {
  const own = `${alert.targetId}:`;
  if (alert.id.startsWith(own)) return alert.id.slice(own.length);
  const mirrors = `mirrors:${alert.targetId}:`;
  if (alert.id.startsWith(mirrors)) return `mirrors:${alert.id.slice(mirrors.length)}`;
  return alert.id;
}

/** A silence is in force from its start until its end, unless an admin ended it early. */
export const silenceActive = (s: Silence, now: number): boolean => s.expiredAt === null && s.startsAt <= now && now < s.endsAt;

export function silenceMatches(s: Silence, alert: Pick<Alert, 'id' | 'targetId'>, now: number): boolean {
  if (!silenceActive(s, now)) return false;
  if (s.matcher.targetId !== undefined && s.matcher.targetId !== alert.targetId) return false;
  return s.matcher.rule === undefined || s.matcher.rule === alertRule(alert);
}

/** The alerts with their lifecycle marks: acknowledged (by fingerprint) and silenced (by the first matching silence). */
export function muteAlerts(alerts: readonly Alert[], acks: ReadonlyMap<string, AlertAck>, silences: readonly Silence[], now: number): Alert[] {
  return alerts.map((a) => ({ ...a, ack: acks.get(a.id) ?? null, silence: silences.find((s) => silenceMatches(s, a, now)) ?? null }));
}

/** Muted alerts are listed but draw no attention: no notification, shown dimmed. */
export const isMuted = (a: Pick<Alert, 'ack' | 'silence'>): boolean => Boolean(a.ack) || Boolean(a.silence);
