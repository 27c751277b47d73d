import { randomUUID } from 'node:crypto';
import { FleetApiError } from '../../../shared/contract';
import { alertRule, muteAlerts, silenceActive } from '../../../shared/logic/alert-lifecycle';
import type { Alert, AlertAck, AlertRecord, Silence, SilenceMatcher, Snapshot } from '../../../shared/model';
import type { HistoryStore } from '../store/history-store';

/**
 * Alerts with a lifecycle, in the manner of Alertmanager: each firing period is kept (fired,
 * acknowledged, resolved) by its fingerprint (target + rule, the alert's id); an acknowledgement
 * lasts until the alert resolves; silences mute what their matcher matches until they expire.
 * State lives in the history store, so it outlives a restart; time comes from `now` alone.
 */
export function createAlertLifecycle(store: HistoryStore, now: () => number) {
  const firing = new Map<string, AlertRecord>(store.openAlertRecords().map((r) => [r.fingerprint, r]));
  let silences: Silence[] = store.silences(now());

  const acks = (): Map<string, AlertAck> => {
    const out = new Map<string, AlertAck>();
    for (const [fp, r] of firing) if (r.ack) out.set(fp, r.ack);
    return out;
  };

  return {
    /** Records firings and resolutions from the engine's alerts of this moment. */
    observe(alerts: readonly Alert[]): void {
      const at = now();
      const current = new Set(alerts.map((a) => a.id));
      for (const a of alerts) {
        const known = firing.get(a.id);
        if (known && known.severity === a.severity && known.title === a.title) continue;
        const record: AlertRecord = known
          ? { ...known, severity: a.severity, title: a.title }
          : { fingerprint: a.id, targetId: a.targetId, rule: alertRule(a), severity: a.severity, title: a.title, firedAt: at, resolvedAt: null, ack: null };
        firing.set(a.id, record);
        store.saveAlertRecord(record);
      }
      for (const [fp, r] of firing) {
        if (current.has(fp)) continue;
        firing.delete(fp);
        store.saveAlertRecord({ ...r, resolvedAt: at });
      }
    },
    /** The snapshot with each alert's acknowledgement and silence, and the silences in force. */
    annotate(snapshot: Snapshot): Snapshot {
      const at = now();
      const active = silences.filter((s) => silenceActive(s, at));
      return { ...snapshot, alerts: muteAlerts(snapshot.alerts, acks(), active, at), silences: active };
    },
    acknowledge(fingerprint: string, by: string, note: string): AlertAck {
      const record = firing.get(fingerprint);
      if (!record) throw new FleetApiError('not-found', `No alert "${fingerprint}" is firing now (it may have resolved); reload the alert list.`);
      const ack: AlertAck = { by, at: now(), note };
      const next = { ...record, ack };
      firing.set(fingerprint, next);
      store.saveAlertRecord(next);
      return ack;
    },
    silence(matcher: SilenceMatcher, durationSeconds: number, by: string, comment: string): Silence {
      const startsAt = now();
      const silence: Silence = {
        id: randomUUID(),
        matcher: { ...(matcher.targetId ? { targetId: matcher.targetId } : {}), ...(matcher.rule ? { rule: matcher.rule } : {}) },
        createdBy: by,
        comment,
        startsAt,
        endsAt: startsAt + durationSeconds * 1000,
        expiredAt: null,
      };
      silences = [...silences.filter((s) => s.endsAt > startsAt), silence];
      store.saveSilence(silence);
      return silence;
    },
    expire(silenceId: string): Silence {
      const at = now();
      const found = silences.find((s) => s.id === silenceId && silenceActive(s, at));
      if (!found) throw new FleetApiError('not-found', `No silence "${silenceId}" is in force (it may have expired already); reload the alert list.`);
      const ended = { ...found, expiredAt: at };
      silences = silences.map((s) => (s.id === silenceId ? ended : s));
      store.saveSilence(ended);
      return ended;
    },
    /** A silence by id, in force now, for the audit's description before it is ended. */
    silenceById: (silenceId: string): Silence | undefined => silences.find((s) => s.id === silenceId),
    firing: (fingerprint: string): AlertRecord | undefined => firing.get(fingerprint),
  };
}
