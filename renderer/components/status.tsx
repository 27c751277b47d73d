import type { TargetStatus } from '../../shared/model';

export const STATUS_LABEL: Record<TargetStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
};

/**
 * A coloured marker whose shape also differs per status (circle, diamond, square, ring), so
 * status never rests on colour alone.
 */
export const StatusDot = ({ status, label }: { status: TargetStatus; label?: string }) =>
  label ? (
    <span className={`status-dot status-dot--${status}`} role="img" aria-label={label} title={label} />
  ) : (
    <span className={`status-dot status-dot--${status}`} aria-hidden="true" />
  );

/** Status as a badge: colour, shape and the word. */
export const StatusBadge = ({ status, testId }: { status: TargetStatus; testId?: string }) => (
  <span className={`badge badge--${status}`} data-testid={testId} data-status={status} title={`Status: ${status}`}>
    <StatusDot status={status} />
    {STATUS_LABEL[status]}
  </span>
);
