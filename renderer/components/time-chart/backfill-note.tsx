import { useDemoStore } from '../../state/demo.store';

const span = (days: number): string => {
  if (days >= 1.5) return `${Math.round(days)} days`;
  if (days >= 1) return '1 day';
  const hours = Math.max(1, Math.round(days * 24));
  return hours === 1 ? '1 hour' : `${hours} hours`;
};

/**
 * While the simulated fleet writes its past (issue 17), says so above a chart: the newest hours
 * come first, so a chart of a long range fills from its right edge while this line counts up.
 * Nothing for a real fleet, nor once the past is written.
 */
export function BackfillNote() {
  const backfill = useDemoStore((s) => s.demo?.backfill);
  if (!backfill) return null;
  return (
    <p className="muted small backfill-note" role="status" data-testid="backfill-progress" data-percent={backfill.percent}>
      Back-filling {span(backfill.days)} of demo history… {backfill.percent} %
    </p>
  );
}
