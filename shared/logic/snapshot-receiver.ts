import { snapshotSchema, type Snapshot } from '../model/snapshot';
import { snapshotPushSchema } from '../model/snapshot-push';
import { applyJsonPatch } from './json-patch';

export type Received =
  /** The snapshot as it is now, validated against the contract. */
  | { kind: 'snapshot'; snapshot: Snapshot }
  /** A patch older than what is held (a full copy overtook it): nothing to do. */
  | { kind: 'stale' }
  /** Something is missing or wrong: what is held cannot be patched; ask for a full copy. */
  | { kind: 'resync'; reason: string };

/**
 * The receiving end of a snapshot feed (electron/host/snapshot-feed): keeps the snapshot a
 * client holds and the version it is at, applies each patch to it, and checks the result
 * against the contract, so a listener gets exactly the snapshot a full push would have given.
 */
export function createSnapshotReceiver() {
  // The snapshot as it came over the wire, not as validated: a patch's paths are the sender's,
  // and validation may drop keys this build does not know.
  let held: { version: number; snapshot: unknown } | null = null;
  return {
    receive(payload: unknown): Received {
      const push = snapshotPushSchema.safeParse(payload);
      if (!push.success) return { kind: 'resync', reason: `a snapshot push that does not match the contract (${push.error.issues[0]?.message ?? 'invalid'})` };
      const p = push.data;
      if (p.kind === 'full') {
        held = { version: p.version, snapshot: (payload as { snapshot: unknown }).snapshot };
        return { kind: 'snapshot', snapshot: p.snapshot };
      }
      if (!held) return { kind: 'resync', reason: 'a snapshot patch before any full snapshot' };
      if (p.version <= held.version) return { kind: 'stale' };
      if (p.base !== held.version) return { kind: 'resync', reason: `a snapshot patch for version ${p.base} while this page holds version ${held.version}` };
      let patched: unknown;
      try {
        patched = applyJsonPatch(held.snapshot, p.ops);
      } catch (error) {
        held = null;
        return { kind: 'resync', reason: error instanceof Error ? error.message : String(error) };
      }
      const valid = snapshotSchema.safeParse(patched);
      if (!valid.success) {
        held = null;
        return { kind: 'resync', reason: `a patched snapshot that does not match the contract (${valid.error.issues[0]?.message ?? 'invalid'})` };
      }
      held = { version: p.version, snapshot: patched };
      return { kind: 'snapshot', snapshot: valid.data };
    },
    /** Forgets what is held, e.g. when the stream is lost: the next push must be a full copy. */
    reset(): void {
      held = null;
    },
  };
}
