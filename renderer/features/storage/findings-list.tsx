import type { StorageFinding } from '../../../shared/model';
import { RelativeTime } from '../../components/relative-time';

const STATE_NOTE: Record<StorageFinding['state'], string | null> = {
  raised: null,
  confirming: 'seen once — confirming on the next poll',
  clearing: 'gone once — clears on the next poll',
};

/** Findings, worst first: what is wrong, what it means for Bitbucket, and the facts behind it. */
export const FindingsList = ({ findings, testId = 'storage-findings' }: { findings: readonly StorageFinding[]; testId?: string }) => {
  if (findings.length === 0) return null;
  return (
    <ul className="storage-findings" data-testid={testId}>
      {findings.map((f) => (
        <li
          key={f.id}
          className={`storage-finding storage-finding--${f.severity}${f.state === 'raised' ? '' : ' storage-finding--pending'}`}
          data-testid="storage-finding"
          data-rule={f.rule}
          data-severity={f.severity}
          data-state={f.state}
        >
          <div className="storage-finding__head">
            <span className={`severity severity--${f.severity}`}>{f.severity}</span>
            <strong>{f.title}</strong>
            {STATE_NOTE[f.state] && <span className="muted small">({STATE_NOTE[f.state]})</span>}
            <span className="muted small storage-finding__since">
              since <RelativeTime at={f.since} />
            </span>
          </div>
          <p className="storage-finding__explanation">{f.explanation}</p>
          {f.detail && <p className="muted small mono">{f.detail}</p>}
        </li>
      ))}
    </ul>
  );
};
