import type { ReactNode } from 'react';
import { BackfillNote } from './backfill-note';

/**
 * A time chart, or the line that says why there is none: not read yet, or too few reads in the
 * range to draw a line. Nothing while the first answer is on its way (the query status shows that).
 * Above either, while the simulated fleet back-fills its past, how far that is.
 */
export function ChartOrNote(props: { count: number; answered: boolean; readAt: number | null; notYet: string; tooFew: string; children: ReactNode }) {
  if (props.count >= 2)
    return (
      <>
        <BackfillNote />
        {props.children}
      </>
    );
  if (!props.answered && props.readAt !== null) return <BackfillNote />;
  return (
    <>
      <BackfillNote />
      <p className="muted small">{props.readAt === null ? props.notYet : props.tooFew}</p>
    </>
  );
}
