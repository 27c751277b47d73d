import { useNow } from '../state/clock';
import { formatAge, formatTimestamp } from '../../shared/logic/units';

type Props = { at: number | null; testId?: string; never?: string };

/** A ticking "12 s ago"; only this leaf re-renders each second. */
export const RelativeTime = ({ at, testId, never = 'never' }: Props) => {
  const now = useNow();
  if (at === null) {
    return (
      <span className="relative-time" data-testid={testId}>
        {never}
      </span>
    );
  }
  return (
    <time className="relative-time" data-testid={testId} data-at={at} dateTime={new Date(at).toISOString()} title={formatTimestamp(at)}>
      {formatAge(at, now)}
    </time>
  );
};
