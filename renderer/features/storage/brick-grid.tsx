import type { Brick, ReplicaSet } from '../../../shared/model';
import { StatusDot } from '../../components/status';
import { formatBytes, formatPercent } from '../../../shared/logic/units';

const QUORUM_LABEL: Record<ReplicaSet['quorum'], string> = {
  met: 'quorum met',
  lost: 'quorum LOST',
  unknown: 'quorum unknown',
  'not-applicable': 'no quorum (single brick)',
};

/** A fill bar for capacity or inodes; the tone follows the thresholds the rules use. */
const Meter = ({
  label,
  percent,
  warn,
  crit,
  detail,
  testId,
}: {
  label: string;
  percent: number | null;
  warn: boolean;
  crit: boolean;
  detail: string;
  testId: string;
}) => (
  <div className="brick__meter" title={detail} data-testid={testId} data-value={percent ?? ''}>
    <span className="brick__meter-label">{label}</span>
    <span className="meter" aria-hidden="true">
      <span
        className={`meter__fill${crit ? ' meter__fill--crit' : warn ? ' meter__fill--warn' : ''}`}
        style={{ width: `${Math.min(100, Math.max(0, percent ?? 0))}%` }}
      />
    </span>
    <span className="num">{formatPercent(percent)}</span>
  </div>
);

const BrickCell = ({ brick }: { brick: Brick }) => {
  const inodesUsed = brick.inodesFreePercent === null ? null : 100 - brick.inodesFreePercent;
  const heal = brick.heal;
  return (
    <div className={`brick brick--${brick.status}`} data-testid="brick" data-brick={brick.name} data-status={brick.status} data-arbiter={brick.arbiter}>
      <div className="brick__head">
        <StatusDot status={brick.status} label={`Brick ${brick.name}: ${brick.status}`} />
        <span className="brick__host">{brick.host}</span>
        {brick.arbiter && <span className="tag tag--arbiter">arbiter</span>}
      </div>
      <div className="brick__path mono" title={brick.name}>
        {brick.path}
      </div>
      <div className="muted small">
        {brick.status === 'up'
          ? `pid ${brick.pid ?? '?'} · port ${brick.port ?? '?'}`
          : brick.status === 'down'
            ? 'offline (pid -1, port N/A)'
            : 'not in volume status'}
      </div>
      <Meter
        label="disk"
        percent={brick.usedPercent}
        warn={(brick.usedPercent ?? 0) >= 80}
        crit={(brick.usedPercent ?? 0) >= 90}
        detail={`${formatBytes(brick.sizeFree)} free of ${formatBytes(brick.sizeTotal)}${brick.fsName ? ` (${brick.fsName})` : ''}`}
        testId="brick-capacity"
      />
      <Meter
        label="inodes"
        percent={inodesUsed}
        warn={(brick.inodesFreePercent ?? 100) <= 10}
        crit={(brick.inodesFreePercent ?? 100) <= 5}
        detail={
          brick.inodesFree === null
            ? 'inodes unknown'
            : `${brick.inodesFree.toLocaleString('en-US')} of ${(brick.inodesTotal ?? 0).toLocaleString('en-US')} inodes free`
        }
        testId="brick-inodes"
      />
      {heal && (
        <div className="muted small" data-testid="brick-heal">
          {heal.connected ? `heal: ${heal.pending ?? '?'} pending${heal.splitBrain ? `, ${heal.splitBrain} split-brain` : ''}` : `heal crawl: ${heal.status}`}
        </div>
      )}
    </div>
  );
};

/** Replica sets side by side, each with its bricks: online state, capacity and inodes at a glance. */
export const BrickGrid = ({ sets, bricks }: { sets: readonly ReplicaSet[]; bricks: readonly Brick[] }) => (
  <div className="replica-sets" data-testid="replica-sets">
    {sets.map((set) => (
      <div
        key={set.name}
        className={`replica-set replica-set--${set.status}`}
        data-testid="replica-set"
        data-set={set.name}
        data-status={set.status}
        data-quorum={set.quorum}
      >
        <div className="replica-set__head">
          <StatusDot status={set.status} />
          <span className="mono">{set.name}</span>
          <span className="muted small">
            {set.up}/{set.bricks.length} up · <span title={set.quorumRule}>{QUORUM_LABEL[set.quorum]}</span>
          </span>
        </div>
        <div className="brick-grid">
          {bricks
            .filter((b) => b.replicaSet === set.index)
            .map((b) => (
              <BrickCell key={b.name} brick={b} />
            ))}
        </div>
      </div>
    ))}
  </div>
);
