import { applyJsonPatch, type PatchOp } from '../../shared/logic/json-patch';

type Push = { kind: 'full'; version: number; snapshot: unknown } | { kind: 'patch'; base: number; version: number; ops: PatchOp[] };

/**
 * Reads a server's `/api/events` stream as a client would: each `snapshotPush` (a full copy, then
 * patches) becomes the whole snapshot it stands for. Stops when `enough` says so; `bytes` counts
 * what the stream carried.
 */
export async function readSnapshotStream<S>(
  url: string,
  token: string,
  enough: (seen: S[], bytes: number) => boolean,
  timeoutMs = 60_000,
): Promise<{ seen: S[]; bytes: number; pushes: Push[] }> {
  const seen: S[] = [];
  const pushes: Push[] = [];
  let held: { version: number; snapshot: unknown } | null = null;
  let bytes = 0;
  const res = await fetch(`${url}api/events`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body!) {
    bytes += (chunk as Uint8Array).byteLength;
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^event: snapshotPush\ndata: (.*)$/m.exec(block);
      if (data) {
        const push = JSON.parse(data[1]!) as Push;
        pushes.push(push);
        if (push.kind === 'full') held = { version: push.version, snapshot: push.snapshot };
        else if (held && push.base === held.version) held = { version: push.version, snapshot: applyJsonPatch(held.snapshot, push.ops) };
        else throw new Error(`a patch for version ${push.base} while holding ${held?.version ?? 'nothing'}`);
        seen.push(held.snapshot as S);
      }
      // Leaving the loop cancels the stream.
      if (enough(seen, bytes)) return { seen, bytes, pushes };
    }
  }
  return { seen, bytes, pushes };
}
