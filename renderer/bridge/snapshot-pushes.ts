import type { PushEventName } from '../../shared/contract';
import { createSnapshotReceiver } from '../../shared/logic/snapshot-receiver';
import type { Emitter } from './api';
import { validateEvent, type BridgeLogger } from './validate';

/**
 * Turns what a transport carries into the bridge's events: `snapshotPush` (a full copy, then
 * patches) becomes whole `snapshot` events, validated as before; `demo` and `hostLink` pass
 * through validated. When a patch does not fit what this page holds, `resync` asks the transport
 * for a full copy.
 */
export const createPushRouter = (emitter: Pick<Emitter, 'emit'>, logger: BridgeLogger, resync: () => void) => {
  const receiver = createSnapshotReceiver();
  return {
    receive(event: PushEventName, payload: unknown): void {
      if (event !== 'snapshotPush') {
        const valid = validateEvent(event, payload, logger);
        if (valid) emitter.emit(event, valid);
        return;
      }
      const received = receiver.receive(payload);
      if (received.kind === 'snapshot') emitter.emit('snapshot', received.snapshot);
      else if (received.kind === 'resync') {
        logger.warn(`asking for the whole snapshot again after ${received.reason}`);
        resync();
      }
    },
    /** The stream was lost: what is held is forgotten until the next full copy. */
    reset: receiver.reset,
  };
};
