import type { VolumeVerdict } from '../../../shared/model';
import { StatusDot } from '../../components/status';
import { VERDICT_LABEL, VERDICT_TONE } from './storage-selectors';

/** A volume's verdict: colour, shape and the word, as the status badges elsewhere. */
export const VerdictBadge = ({ verdict, testId, title }: { verdict: VolumeVerdict; testId?: string; title?: string }) => (
  <span className={`badge badge--${VERDICT_TONE[verdict]}`} data-testid={testId} data-verdict={verdict} title={title ?? `Verdict: ${VERDICT_LABEL[verdict]}`}>
    <StatusDot status={VERDICT_TONE[verdict]} />
    {VERDICT_LABEL[verdict]}
  </span>
);
