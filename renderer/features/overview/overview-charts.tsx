import { useTimeRange } from '../../components/time-range/use-time-range';
import { FleetSeries } from '../timeline/fleet-series';

/** The Timeline's key series as small charts: the fleet's recent past at a glance, over the shared range. */
export const OverviewCharts = () => {
  const range = useTimeRange();
  return (
    <section aria-labelledby="overview-charts-title" data-testid="overview-charts-section">
      <h2 id="overview-charts-title" className="section-title">
        Over time
      </h2>
      <FleetSeries range={range} layout="small" />
    </section>
  );
};
