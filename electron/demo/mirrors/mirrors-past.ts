import { syncStateEvent } from '../../../shared/logic/events/area-events';
import { statusChangeEvent } from '../../../shared/logic/events/status-events';
import type { MirrorRepoCounts, NewFleetEvent, PastFarmPoll, TargetStatus } from '../../../shared/model';
import { ciLoad, noise, within, type PastSpan } from '../backfill/past-span';
import type { DemoMirror } from './mirror-model';
import type { DemoUpstream } from './upstream';

/** Pushes a busy weekday sends to a farm's repositories per minute; a network cut holds them back. */
const PUSHES_PER_MINUTE = 10;

/**
 * The accepted mirrors' past polls: in sync but for a few repositories syncing with the day's
 * pushes, and the first primary's CI farm losing its network (every repository unknown, the farm
 * down), then catching up (repositories lagging, fewer each poll) after it came back.
 */
export function mirrorsPast(upstreams: readonly DemoUpstream[], span: PastSpan): { polls: PastFarmPoll[]; events: NewFleetEvent[] } {
  const polls: PastFarmPoll[] = [];
  const events: NewFleetEvent[] = [];
  const cut = span.incidents.networkCut;
  const caughtUpAt = cut.to + cut.catchUpMs;
  upstreams.forEach((up, u) => {
    const repos = up.primary.catalog.repos;
    for (const m of up.mirrors.filter((x) => x.registration === 'accepted')) {
      const cutHere = u === 0 && m === up.mirrors.find((x) => x.mirrorType === 'FARM');
      const mirrored = repos.filter((r) => m.mirrors(r)).length;
      const base = { notMirrored: repos.length - mirrored, failing: 0 };
      const backlog = Math.min(mirrored, Math.round(((cut.to - cut.from) / 60_000) * PUSHES_PER_MINUTE * 0.6));
      let previous: { status: TargetStatus; repos: MirrorRepoCounts } | null = null;
      for (const at of span.steps) {
        const load = ciLoad(at);
        let status: TargetStatus = 'up';
        let counts: MirrorRepoCounts;
        let lagSeconds: number | null = Math.round(2 + 6 * load + 4 * noise(at, m.mirrorId));
        let queue: number | null = Math.round(3 * load * noise(at, `${m.mirrorId}:q`));
        let nodesUp = m.nodes.length;
        if (cutHere && within(cut, at)) {
          status = 'down';
          counts = { ...base, inSync: 0, syncing: 0, lagging: 0, unknown: mirrored };
          lagSeconds = null;
          queue = null;
          nodesUp = 0;
        } else if (cutHere && at >= cut.to && at < caughtUpAt) {
          const left = Math.ceil(backlog * (1 - (at - cut.to) / cut.catchUpMs));
          status = left > 0 ? 'degraded' : 'up';
          counts = { ...base, inSync: mirrored - left, syncing: 0, lagging: left, unknown: 0 };
          lagSeconds = Math.round((cut.to - cut.from) / 1000 - (at - cut.to) / 1000 / 2);
          queue = left;
        } else {
          counts = { ...base, inSync: mirrored - queue, syncing: queue, lagging: 0, unknown: 0 };
        }
        polls.push({
          area: 'farm',
          farmId: m.mirrorId,
          at,
          status,
          durationMs: Math.round(40 + 80 * noise(at, `${m.mirrorId}:d`)),
          lagSeconds,
          queue,
          repos: counts,
          nodesUp,
        });
        if (cutHere && previous !== null) events.push(...changes(m, at, previous, { status, repos: counts }));
        previous = { status, repos: counts };
      }
    }
  });
  return { polls, events };
}

function changes(
  m: DemoMirror,
  at: number,
  was: { status: TargetStatus; repos: MirrorRepoCounts },
  now: { status: TargetStatus; repos: MirrorRepoCounts },
): NewFleetEvent[] {
  const out: NewFleetEvent[] = [];
  if (was.status !== now.status) {
    const message =
      now.status === 'down'
        ? `All ${m.nodes.length} nodes unreachable`
        : now.status === 'degraded'
          ? `${now.repos.lagging} repositories lagging behind the primary`
          : null;
    out.push(statusChangeEvent(at, { targetId: m.mirrorId, subject: null, label: m.name, status: now.status, message }, was.status));
  }
  const sync = syncStateEvent({ id: m.mirrorId, name: m.name, repos: now.repos }, was.repos, at);
  if (sync) out.push(sync);
  return out;
}
