import { describe, expect, it } from 'vitest';
import { collect } from '../../../../electron/engine/storage/collect';
import type { CommandResult, GlusterRunner, RunOptions } from '../../../../electron/engine/storage/runner';

const xml = (body: string): string => `<?xml version="1.0"?><cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/>${body}</cliOutput>`;
const volume = (name: string): string =>
  `<volume><name>${name}</name><id>${name}-id</id><status>1</status><statusStr>Started</statusStr><brickCount>1</brickCount><typeStr>Distribute</typeStr>` +
  `<bricks><brick>vm:/b/${name}<name>vm:/b/${name}</name></brick></bricks><options/></volume>`;
const statusOf = (...names: string[]): string =>
  xml(
    `<volStatus><volumes>${names
      .map(
        (n) =>
          `<volume><volName>${n}</volName><node><hostname>vm</hostname><path>/b/${n}</path><status>1</status><port>49152</port><pid>7</pid></node></volume>`,
      )
      .join('')}</volumes></volStatus>`,
  );

/**
 * glusterd on a pool of several servers: a status taken while another holds the volume locks
 * leaves the locked volume out of `status all` without an error, as the real one does.
 */
function contendedRunner(): GlusterRunner & { calls: string[]; maxStatusesAtOnce: number } {
  let statusesRunning = 0;
  const r = {
    transport: 'local' as const,
    endpoint: 'gluster',
    calls: [] as string[],
    maxStatusesAtOnce: 0,
    async run(args: readonly string[]): Promise<CommandResult> {
      const cmd = args.filter((a) => !a.startsWith('--')).join(' ');
      r.calls.push(cmd);
      const done = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0, durationMs: 1 });
      if (cmd === 'volume info') return done(xml(`<volInfo><volumes>${volume('home')}${volume('shared')}</volumes><count>2</count></volInfo>`));
      if (cmd.startsWith('volume status')) {
        statusesRunning += 1;
        r.maxStatusesAtOnce = Math.max(r.maxStatusesAtOnce, statusesRunning);
        await new Promise((res) => setTimeout(res, 5));
        const contended = statusesRunning > 1;
        statusesRunning -= 1;
        // 'shared' was locked by someone else during the first `status all`.
        if (cmd.startsWith('volume status all') && r.calls.filter((c) => c === cmd).length === 1) return done(statusOf('home'));
        if (contended) return done(statusOf());
        const one = cmd.split(' ')[2]!;
        return done(one === 'all' ? statusOf('home', 'shared') : statusOf(one));
      }
      if (cmd === 'peer status') return done(xml('<peerStatus/>'));
      if (cmd.startsWith('volume get')) return done(xml('<volGetopts><Opt><Option>cluster.op-version</Option><Value>100000</Value></Opt></volGetopts>'));
      return done('geo-replication command failed');
    },
    close: () => Promise.resolve(),
  };
  return r;
}

describe('collect on a pool of several servers', () => {
  it('runs status and status detail one after the other, and asks for a started volume that `status all` left out on its own', async () => {
    const runner = contendedRunner();
    const obs = await collect({ runner, timeoutMs: 1_000, signal: new AbortController().signal, now: () => 0, includeHeal: false });
    expect(runner.maxStatusesAtOnce).toBe(1);
    expect(obs.status.ok && [...obs.status.value.keys()].sort()).toEqual(['home', 'shared']);
    expect(obs.detail.ok && [...obs.detail.value.keys()].sort()).toEqual(['home', 'shared']);
    expect(runner.calls).toEqual(expect.arrayContaining(['volume status shared', 'volume status shared detail']));
  });
});

describe('collect when glusterd is busy with another transaction', () => {
  const failed = (opRet: number, errstr: string): string =>
    `<?xml version="1.0"?><cliOutput><opRet>${opRet}</opRet><opErrno>0</opErrno><opErrstr>${errstr}</opErrstr></cliOutput>`;
  /** `volume get all all` answers `first` `times` times, then as usual. */
  function busyOnce(first: string, times = 1): GlusterRunner & { calls: string[] } {
    const inner = contendedRunner();
    const r = {
      ...inner,
      calls: inner.calls,
      async run(args: readonly string[], opts: RunOptions): Promise<CommandResult> {
        const cmd = args.filter((a) => !a.startsWith('--')).join(' ');
        if (cmd === 'volume get all all' && inner.calls.filter((c) => c === cmd).length < times) {
          inner.calls.push(cmd);
          return { stdout: first, stderr: '', exitCode: 1, durationMs: 1 };
        }
        return inner.run(args, opts);
      },
    };
    return r;
  }
  const poll = (runner: GlusterRunner, counter = { commands: 0 }) =>
    collect({ runner, counter, timeoutMs: 1_000, signal: new AbortController().signal, now: () => 0, includeHeal: false, retryDelayMs: 1 });

  it.each([
    ['no message (opRet -2, seen on GlusterFS 10.3)', failed(-2, '')],
    ['"Another transaction is in progress"', failed(-1, 'Another transaction is in progress for home. Please try again after some time.')],
    ['"Locking failed on gluster2"', failed(-1, 'Locking failed on gluster2. Please check log file for details.')],
  ])('asks once more after %s, and the poll reads the options', async (_name, first) => {
    const runner = busyOnce(first);
    const obs = await poll(runner);
    expect(obs.globalOptions.ok).toBe(true);
    expect(runner.calls.filter((c) => c === 'volume get all all')).toHaveLength(2);
  });

  it('asks up to three times in all while the pool stays busy, then says what failed', async () => {
    const twice = busyOnce(failed(-2, ''), 2);
    expect((await poll(twice)).globalOptions.ok).toBe(true);
    expect(twice.calls.filter((c) => c === 'volume get all all')).toHaveLength(3);
    const always = busyOnce(failed(-1, 'Another transaction is in progress for home.'), 10);
    expect((await poll(always)).globalOptions).toMatchObject({ ok: false, message: expect.stringMatching(/Another transaction/) });
    expect(always.calls.filter((c) => c === 'volume get all all')).toHaveLength(3);
  });

  it('does not ask again after another failure, and says what failed', async () => {
    const runner = busyOnce(failed(-1, 'Commit failed on gluster2. Please check log file for details.'));
    const counter = { commands: 0 };
    const obs = await poll(runner, counter);
    expect(obs.globalOptions).toMatchObject({ ok: false, message: expect.stringMatching(/`volume get all all` failed on gluster: Commit failed on gluster2/) });
    expect(runner.calls.filter((c) => c === 'volume get all all')).toHaveLength(1);
  });
});
