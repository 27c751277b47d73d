import { useShallow } from 'zustand/react/shallow';
import { VERDICT_RANK, type VolumeVerdict } from '../../../shared/model';
import { selectTargetNames, useFleetStore } from '../../state/fleet.store';
import { selectVolumeVerdicts } from './storage-selectors';
import { VerdictBadge } from './verdict-badge';

/** The Storage section of the Overview: each volume's verdict, worst first. */
export const StorageOverview = () => {
  const rows = useFleetStore(useShallow(selectVolumeVerdicts));
  const names = useFleetStore(useShallow(selectTargetNames));
  if (rows.length === 0) return null;
  const volumes = rows
    .map((r) => {
      const [sourceId = '', volume = '', verdict = 'unknown'] = r.split('\u0000');
      return { sourceId, volume, verdict: verdict as VolumeVerdict };
    })
    .sort((a, b) => VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict]);
  return (
    <section aria-labelledby="storage-overview-title" data-testid="storage-overview">
      <h2 id="storage-overview-title" className="section-title">
        Storage volumes <span className="count">{volumes.length}</span>
      </h2>
      <ul className="storage-overview panel">
        {volumes.map((v) => (
          <li
            key={`${v.sourceId}/${v.volume}`}
            className="storage-overview__row"
            data-testid="overview-volume"
            data-storage-id={v.sourceId}
            data-volume={v.volume}
            data-verdict={v.verdict}
          >
            <VerdictBadge verdict={v.verdict} />
            <span className="mono">{v.volume}</span>
            <span className="muted small">{names[v.sourceId] ?? v.sourceId}</span>
          </li>
        ))}
      </ul>
    </section>
  );
};
