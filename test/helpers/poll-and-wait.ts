import type { EventName, EventPayload } from '../../shared/contract';
import type { Primary, Snapshot } from '../../shared/model';
import { pastMillisecond } from './past-millisecond';

interface PollableHost {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  handlers: { pollNow(args: { targetId?: string }): Promise<unknown> };
  engine: { snapshot(): Snapshot };
}

/** Polls one primary now and resolves with it from the first snapshot that carries a newer poll. */
export async function pollAndWait(host: PollableHost, id: string): Promise<Primary> {
  const before = host.engine.snapshot().primaries.find((p) => p.id === id)?.lastPollAt ?? 0;
  const next = new Promise<Snapshot>((resolve) => {
    const off = host.on('snapshot', (s) => {
      if ((s.primaries.find((p) => p.id === id)?.lastPollAt ?? 0) > before) {
        off();
        resolve(s);
      }
    });
  });
  await pastMillisecond(before);
  await host.handlers.pollNow({ targetId: id });
  const found = (await next).primaries.find((p) => p.id === id);
  if (!found) throw new Error(`no primary ${id} in the snapshot`);
  return found;
}
