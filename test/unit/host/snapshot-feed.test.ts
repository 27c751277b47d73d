import { beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotFeed, type SnapshotFeed } from '../../../electron/host/snapshot-feed';
import type { SnapshotPush } from '../../../shared/model/snapshot-push';
import { fakePushHost, manualTimers } from '../../helpers/fake-push-host';

describe('snapshot feed', () => {
  let fake: ReturnType<typeof fakePushHost>;
  let clock: ReturnType<typeof manualTimers>;
  let feed: SnapshotFeed;
  let pushes: SnapshotPush[];
  let answer: unknown;

  beforeEach(() => {
    answer = { generatedAt: 0, primaries: [{ id: 'a', n: 0 }] };
    fake = fakePushHost(() => answer);
    clock = manualTimers(1_000_000);
    feed = createSnapshotFeed(fake.host, { now: clock.now, setTimer: clock.setTimer });
    pushes = [];
    feed.onPush((p) => pushes.push(p));
  });

  it('starts a client from the host’s snapshot before anything was published, once however many ask', async () => {
    const [a, b] = await Promise.all([feed.current(), feed.current()]);
    expect(a).toEqual({ kind: 'full', version: 1, snapshot: answer });
    expect(b).toEqual(a);
  });

  it('pushes the first publish whole when no client asked yet, then patches', () => {
    fake.emit('snapshot', { generatedAt: 1, primaries: [{ id: 'a', n: 1 }] });
    clock.advance(0);
    fake.emit('snapshot', { generatedAt: 2, primaries: [{ id: 'a', n: 1 }] });
    clock.advance(1000);
    expect(pushes).toEqual([
      { kind: 'full', version: 1, snapshot: { generatedAt: 1, primaries: [{ id: 'a', n: 1 }] } },
      { kind: 'patch', base: 1, version: 2, ops: [{ op: 's', p: ['generatedAt'], v: 2 }] },
    ]);
  });

  it('sends at most one push a second, carrying the latest of the publishes it covers', async () => {
    await feed.current();
    // 20 publishes over 15 s, one every 750 ms: a busy fleet's rate.
    for (let i = 1; i <= 20; i++) {
      fake.emit('snapshot', { generatedAt: i, primaries: [{ id: 'a', n: i }] });
      clock.advance(750);
    }
    clock.advance(1000);
    const patches = pushes.filter((p) => p.kind === 'patch');
    expect(patches.length).toBeLessThanOrEqual(Math.ceil((20 * 750) / 1000) + 1);
    expect(patches.length).toBeLessThan(20);
    expect(patches.at(-1)).toMatchObject({ ops: [{ v: 20 }, { v: 20 }] });
    expect(patches.map((p) => p.version)).toEqual(patches.map((_, i) => i + 2));
  });

  it('never steps clients back: a publish waiting from before a client’s start is older than the start', async () => {
    fake.emit('snapshot', { generatedAt: 1, primaries: [{ id: 'a', n: 1 }] });
    answer = { generatedAt: 5, primaries: [{ id: 'a', n: 5 }] };
    await expect(feed.current()).resolves.toEqual({ kind: 'full', version: 1, snapshot: answer });
    clock.advance(1000);
    expect(pushes).toEqual([]);
    fake.emit('snapshot', { generatedAt: 6, primaries: [{ id: 'a', n: 5 }] });
    clock.advance(1000);
    expect(pushes).toEqual([{ kind: 'patch', base: 1, version: 2, ops: [{ op: 's', p: ['generatedAt'], v: 6 }] }]);
  });

  it('pushes a primary’s first repository count at once, inside the window of the push before it', async () => {
    answer = {
      generatedAt: 0,
      primaries: [
        { id: 'a', repositories: null },
        { id: 'b', repositories: null },
      ],
    };
    await feed.current();
    fake.emit('snapshot', {
      generatedAt: 1,
      primaries: [
        { id: 'a', repositories: null, state: 'polling' },
        { id: 'b', repositories: null },
      ],
    });
    clock.advance(300);
    expect(pushes).toHaveLength(1);
    fake.emit('snapshot', {
      generatedAt: 2,
      primaries: [
        { id: 'a', repositories: { total: 300 } },
        { id: 'b', repositories: null },
      ],
    });
    expect(pushes).toHaveLength(2);
    expect(pushes[1]).toMatchObject({ kind: 'patch', base: 2, version: 3 });
    // Any other change still waits out the window.
    clock.advance(100);
    fake.emit('snapshot', {
      generatedAt: 3,
      primaries: [
        { id: 'a', repositories: { total: 301 } },
        { id: 'b', repositories: null },
      ],
    });
    clock.advance(800);
    expect(pushes).toHaveLength(2);
    // The second primary's first count is a first count too: at once.
    fake.emit('snapshot', {
      generatedAt: 4,
      primaries: [
        { id: 'a', repositories: { total: 301 } },
        { id: 'b', repositories: { total: 200 } },
      ],
    });
    expect(pushes).toHaveLength(3);
    expect(pushes[2]).toMatchObject({ kind: 'patch', base: 3, version: 4 });
  });

  it('keeps its own copy: a host that changes its object in place still gets a patch', async () => {
    await feed.current();
    const mine = { generatedAt: 5, primaries: [{ id: 'a', n: 0 }] };
    fake.emit('snapshot', mine);
    clock.advance(0);
    mine.primaries[0]!.n = 9;
    fake.emit('snapshot', mine);
    clock.advance(1000);
    expect(pushes.at(-1)).toEqual({ kind: 'patch', base: 2, version: 3, ops: [{ op: 's', p: ['primaries', 0, 'n'], v: 9 }] });
  });

  it('says so and waits for the next publish when the host cannot answer', async () => {
    const lines: string[] = [];
    const failing = createSnapshotFeed(
      { on: fake.host.on, dispatch: async () => ({ ok: false, error: { code: 'internal', message: 'engine stopped' } }) },
      { now: clock.now, setTimer: clock.setTimer, log: (l) => lines.push(l) },
    );
    await expect(failing.current()).resolves.toBeNull();
    expect(lines[0]).toMatch(/Could not read the snapshot to start a client from \(engine stopped\)/);
    failing.stop();
  });

  it('stop cancels a pending push and lets go of the host', () => {
    fake.emit('snapshot', { generatedAt: 1 });
    feed.stop();
    clock.advance(5000);
    expect(pushes).toEqual([]);
    expect(fake.count()).toBe(0);
  });
});
