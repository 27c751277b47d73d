import { statusChangeEvent } from '../../../shared/logic/events/status-events';
import type { NewFleetEvent, PastPrimaryPoll, TargetStatus } from '../../../shared/model';
import type { PrimaryModel } from '../primary-model';
import { noise, within, type PastSpan } from './past-span';

/** The primaries' past polls: all nodes up, but for the first primary's node restart. */
export function primariesPast(models: readonly PrimaryModel[], span: PastSpan): { polls: PastPrimaryPoll[]; events: NewFleetEvent[] } {
  const polls: PastPrimaryPoll[] = [];
  const events: NewFleetEvent[] = [];
  const restart = span.incidents.nodeRestart;
  models.forEach((p, i) => {
    const restarting = i === 0 && p.nodes.length > 1 ? p.nodes[1]!.name : null;
    for (const at of span.steps) {
      const down = restarting !== null && within(restart, at);
      const status: TargetStatus = down ? 'degraded' : 'up';
      polls.push({
        area: 'primary',
        primaryId: p.id,
        at,
        status,
        durationMs: Math.round(25 + 40 * noise(at, p.id)),
        nodesUp: p.nodes.length - (down ? 1 : 0),
        nodesTotal: p.nodes.length,
        reposTotal: p.catalog.repos.length,
      });
    }
    if (restarting !== null && restart.from >= span.from) {
      const node = { targetId: p.id, subject: restarting, label: `${restarting} of ${p.name}` };
      const whole = { targetId: p.id, subject: null, label: p.name };
      events.push(
        statusChangeEvent(restart.from, { ...node, status: 'down', message: 'Connection refused (the node is restarting)' }, 'up'),
        statusChangeEvent(restart.from, { ...whole, status: 'degraded', message: `1 of ${p.nodes.length} nodes down: ${restarting}` }, 'up'),
        statusChangeEvent(restart.to, { ...node, status: 'up', message: null }, 'down'),
        statusChangeEvent(restart.to, { ...whole, status: 'up', message: null }, 'degraded'),
      );
    }
  });
  return { polls, events };
}
