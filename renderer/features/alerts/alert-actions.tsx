import { useId, useState } from 'react';
import { alertRule } from '../../../shared/logic/alert-lifecycle';
import { formatTimestamp } from '../../../shared/logic/units';
import type { Alert } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { RelativeTime } from '../../components/relative-time';
import { useAction } from '../../components/use-action';
import { selectReadOnlyReason, useSessionStore } from '../../state/session.store';

/** The durations a silence is offered for, in seconds. */
export const SILENCE_DURATIONS = [
  { seconds: 900, label: '15 min' },
  { seconds: 3_600, label: '1 h' },
  { seconds: 4 * 3_600, label: '4 h' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 7 * 86_400, label: '1 week' },
] as const;

type Form = 'none' | 'ack' | 'silence';

interface SubmitOrCancelProps {
  label: string;
  pendingLabel: string;
  pending: boolean;
  disabled: boolean;
  onCancel(): void;
}

const SubmitOrCancel = ({ label, pendingLabel, pending, disabled, onCancel }: SubmitOrCancelProps) => (
  <>
    <button type="submit" className="button button--small button--primary" disabled={disabled}>
      {pending ? pendingLabel : label}
    </button>
    <button type="button" className="button button--small" disabled={pending} onClick={onCancel}>
      Cancel
    </button>
  </>
);

/** What mutes an alert, in words: who acknowledged it, or which silence holds it until when. */
export const MuteNote = ({ alert }: { alert: Alert }) => (
  <span className="alert__mute" data-testid="alert-mute">
    {alert.silence && (
      <span>
        Silenced by {alert.silence.createdBy} until {formatTimestamp(alert.silence.endsAt)}
        {alert.silence.comment ? ` — ${alert.silence.comment}` : ''}
      </span>
    )}
    {alert.ack && (
      <span>
        Acknowledged by {alert.ack.by} <RelativeTime at={alert.ack.at} />
        {alert.ack.note ? ` — ${alert.ack.note}` : ''}
      </span>
    )}
  </span>
);

/**
 * Acknowledge (with a note), Silence (this rule on this target, or the whole target, for a
 * chosen duration) and Unsilence, each an audited action; disabled with the reason for viewers.
 */
export const AlertActions = ({ alert }: { alert: Alert }) => {
  const bridge = useBridge();
  const readOnly = useSessionStore(selectReadOnlyReason);
  const action = useAction<unknown>();
  const [form, setForm] = useState<Form>('none');
  const [note, setNote] = useState('');
  const [seconds, setSeconds] = useState<number>(SILENCE_DURATIONS[1].seconds);
  const [scope, setScope] = useState<'rule' | 'target'>('rule');
  const ids = useId();
  const done = (ok: unknown): void => {
    if (ok !== null) setForm('none');
  };
  const disabled = action.pending || readOnly !== null;
  const title = readOnly ?? undefined;
  const rule = alertRule(alert);

  const acknowledge = async (): Promise<void> => done(await action.run(() => bridge.acknowledgeAlert({ fingerprint: alert.id, note: note.trim() })));
  const silence = async (): Promise<void> => {
    const matcher = scope === 'rule' ? { targetId: alert.targetId, rule } : { targetId: alert.targetId };
    done(await action.run(() => bridge.silenceAlerts({ matcher, durationSeconds: seconds })));
  };
  const unsilence = async (): Promise<void> => {
    if (alert.silence) await action.run(() => bridge.expireSilence({ silenceId: alert.silence?.id ?? '' }));
  };

  return (
    <>
      {form === 'none' && (
        <div className="alert__actions" data-testid="alert-actions">
          {!alert.ack && (
            <button
              type="button"
              className="button button--small"
              disabled={disabled}
              title={title}
              onClick={() => setForm('ack')}
              aria-label={`Acknowledge ${alert.title}…`}
            >
              Acknowledge
            </button>
          )}
          {alert.silence ? (
            <button
              type="button"
              className="button button--small"
              disabled={disabled}
              title={title}
              onClick={() => void unsilence()}
              aria-label={`Unsilence ${alert.title}`}
            >
              {action.pending ? 'Unsilencing…' : 'Unsilence'}
            </button>
          ) : (
            <button
              type="button"
              className="button button--small"
              disabled={disabled}
              title={title}
              onClick={() => setForm('silence')}
              aria-label={`Silence ${alert.title}…`}
            >
              Silence
            </button>
          )}
        </div>
      )}
      {form === 'ack' && (
        <form
          className="alert__form"
          onSubmit={(e) => {
            e.preventDefault();
            void acknowledge();
          }}
        >
          <label htmlFor={`${ids}-note`}>Note</label>
          <input
            id={`${ids}-note`}
            className="input input--small"
            value={note}
            maxLength={500}
            placeholder="optional: who is on it"
            onChange={(e) => setNote(e.target.value)}
          />
          <SubmitOrCancel label="Acknowledge" pendingLabel="Acknowledging…" pending={action.pending} disabled={disabled} onCancel={() => setForm('none')} />
        </form>
      )}
      {form === 'silence' && (
        <form
          className="alert__form"
          onSubmit={(e) => {
            e.preventDefault();
            void silence();
          }}
        >
          <label htmlFor={`${ids}-scope`}>Silence</label>
          <select id={`${ids}-scope`} className="input input--small" value={scope} onChange={(e) => setScope(e.target.value === 'target' ? 'target' : 'rule')}>
            <option value="rule">this alert ({rule})</option>
            <option value="target">every alert of this target</option>
          </select>
          <label htmlFor={`${ids}-for`}>for</label>
          <select id={`${ids}-for`} className="input input--small" value={seconds} onChange={(e) => setSeconds(Number(e.target.value))}>
            {SILENCE_DURATIONS.map((d) => (
              <option key={d.seconds} value={d.seconds}>
                {d.label}
              </option>
            ))}
          </select>
          <SubmitOrCancel label="Silence" pendingLabel="Silencing…" pending={action.pending} disabled={disabled} onCancel={() => setForm('none')} />
        </form>
      )}
      {action.error && (
        <p className="inline-error alert__error" role="alert">
          {action.error}
        </p>
      )}
    </>
  );
};
