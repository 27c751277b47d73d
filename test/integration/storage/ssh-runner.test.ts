import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlusterSshServer, type ExecAnswer } from '../../../electron/demo/storage/ssh-server';
import { storageSourceConfigSchema } from '../../../electron/engine/config/storage-config-schema';
import { FleetError } from '../../../electron/engine/http/fleet-error';
import { collect, PollFailure } from '../../../electron/engine/storage/collect';
import { createSshRunner } from '../../../electron/engine/storage/ssh-runner';
import { fixture } from '../../unit/engine/storage/gluster-scenario';
import { generateKeyPair } from '../../../electron/demo/storage/keys';

/** The SSH runner against an ssh2 server whose answers each test chooses. */
let dir: string;
let server: GlusterSshServer;
let answer: (command: string) => ExecAnswer = () => ({ stdout: '', stderr: '', code: 0, delayMs: 0 });
let connections = 0;
let ssh: ReturnType<typeof storageSourceConfigSchema.parse>['gluster'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fleetscope-ssh-runner-'));
  const host = generateKeyPair();
  const client = generateKeyPair();
  server = new GlusterSshServer({
    host: '127.0.0.1',
    hostKey: host.private,
    username: 'gladmin',
    authorizedKey: client.public,
    answer: (command) => answer(command),
  });
  await server.listen(0);
  // Count TCP connections: one kept open between polls is the goal.
  (server as unknown as { server: { on: (e: string, l: () => void) => void } }).server.on('connection', () => (connections += 1));
  writeFileSync(join(dir, 'id'), client.private, { mode: 0o600 });
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${server.port} ${host.public.split(' ').slice(0, 2).join(' ')}\n`);
  ssh = storageSourceConfigSchema.parse({
    id: 's',
    name: 'S',
    gluster: {
      ssh: {
        host: '127.0.0.1',
        port: server.port,
        username: 'gladmin',
        privateKeyFile: join(dir, 'id'),
        knownHostsFile: join(dir, 'known_hosts'),
        command: 'sudo -n gluster',
      },
    },
  }).gluster;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const sshConfig = () => (ssh as { ssh: Parameters<typeof createSshRunner>[0] }).ssh;
const opts = (timeoutMs = 5_000) => ({ timeoutMs, signal: new AbortController().signal });

describe('SSH runner', () => {
  it('runs the configured command with quoted arguments, and returns stdout, stderr and the exit code', async () => {
    const seen: string[] = [];
    answer = (c) => {
      seen.push(c);
      return { stdout: 'out', stderr: 'err', code: 2, delayMs: 0 };
    };
    const runner = createSshRunner(sshConfig());
    try {
      const r = await runner.run(['--xml', 'volume', 'get', "we'ird vol", 'all'], opts());
      expect(r).toMatchObject({ stdout: 'out', stderr: 'err', exitCode: 2 });
      expect(seen).toEqual([`sudo -n gluster --xml volume get 'we'\\''ird vol' all`]);
      expect(runner.endpoint).toBe(`gladmin@127.0.0.1:${server.port}`);
    } finally {
      await runner.close();
    }
  });

  it('keeps one connection across polls and runs at most four commands at a time', async () => {
    // Counted by this test's own answers: another test's late answer (its timer still pending)
    // must not count here, whichever order the tests run in.
    let openChannels = 0;
    let maxChannels = 0;
    answer = () => {
      openChannels += 1;
      maxChannels = Math.max(maxChannels, openChannels);
      // Set before the server's reply timer of the same 40 ms, so it fires first: a channel is
      // counted closed before its command's answer lets the runner send the next one.
      setTimeout(() => (openChannels -= 1), 40);
      return { stdout: 'x', stderr: '', code: 0, delayMs: 40 };
    };
    const before = connections;
    const runner = createSshRunner(sshConfig());
    try {
      for (let round = 0; round < 3; round += 1) await Promise.all(Array.from({ length: 10 }, () => runner.run(['peer', 'status'], opts())));
      expect(connections - before).toBe(1);
      expect(maxChannels).toBeLessThanOrEqual(4);
      expect(maxChannels).toBeGreaterThan(1);
    } finally {
      await runner.close();
    }
  });

  it("a poll's commands under glusterd's lock go first: status at once, detail and quota each in the next free channel", async () => {
    // Ten started volumes, quota on the first: 13 commands besides the locked chain of three, all
    // answering alike, so the four channels turn over in waves of four. Run in the order asked, the
    // chain came last (status 13th, detail 14th, quota 15th after volume info).
    const names = Array.from({ length: 10 }, (_, i) => `v${i}`);
    const quota = '<options><option><name>features.quota</name><value>on</value></option></options>';
    const volumeXml = (n: string, i: number): string =>
      `<volume><name>${n}</name><id>${n}-id</id><status>1</status><statusStr>Started</statusStr><brickCount>1</brickCount><typeStr>Distribute</typeStr>` +
      `<bricks><brick>vm:/b/${n}<name>vm:/b/${n}</name></brick></bricks>${i === 0 ? quota : '<options/>'}</volume>`;
    const ok = (body: string): string => `<?xml version="1.0"?><cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/>${body}</cliOutput>`;
    const seen: string[] = [];
    answer = (command) => {
      const cmd = command.replace(/^sudo -n gluster --mode=script --xml /, '');
      seen.push(cmd);
      if (cmd === 'volume info')
        return { stdout: ok(`<volInfo><volumes>${names.map(volumeXml).join('')}</volumes><count>10</count></volInfo>`), stderr: '', code: 0, delayMs: 50 };
      return { stdout: 'geo-replication command failed', stderr: '', code: 0, delayMs: 50 };
    };
    const runner = createSshRunner(sshConfig());
    try {
      await collect({ runner, timeoutMs: 5_000, signal: new AbortController().signal, now: Date.now, includeHeal: false });
      const after = seen.slice(1);
      expect(after).toHaveLength(16);
      expect(after.indexOf('volume status all')).toBe(0);
      // Wave two is commands 4–7, wave three 8–11.
      expect(after.indexOf('volume status all detail')).toBeGreaterThanOrEqual(4);
      expect(after.indexOf('volume status all detail')).toBeLessThanOrEqual(7);
      expect(after.indexOf('volume quota v0 list')).toBeGreaterThanOrEqual(8);
      expect(after.indexOf('volume quota v0 list')).toBeLessThanOrEqual(11);
    } finally {
      await runner.close();
    }
  });

  it('a command that does not answer in time is given up with a timeout', async () => {
    // The answer comes 100 ms after the timeout, by timers of this one process: the runner's 300 ms
    // timer is set before it sends the command, so it fires first however slow the machine is, and
    // a runner that waited longer than its timeout gets the answer instead. No wall-clock bound.
    answer = () => ({ stdout: 'late', stderr: '', code: 0, delayMs: 400 });
    const runner = createSshRunner(sshConfig());
    try {
      const err = await runner.run(['volume', 'info'], opts(300)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FleetError);
      expect(err).toMatchObject({ code: 'timeout' });
      expect((err as Error).message).toMatch(/did not finish within 300 ms.*commandTimeoutSeconds/);
    } finally {
      await runner.close();
    }
  });

  it('truncated XML over SSH: the poll fails as malformed, not as an empty cluster', async () => {
    answer = () => ({ stdout: fixture('volume-info.all.started.xml').slice(0, 900), stderr: '', code: 0, delayMs: 0 });
    const runner = createSshRunner(sshConfig());
    try {
      const err = await collect({ runner, timeoutMs: 5_000, signal: new AbortController().signal, now: Date.now, includeHeal: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PollFailure);
      expect(err).toMatchObject({ code: 'malformed', glusterdDown: false });
      expect((err as Error).message).toMatch(/`volume info` on gladmin@127\.0\.0\.1:\d+ printed broken XML/);
    } finally {
      await runner.close();
    }
  });

  it('a server without gluster: says it printed nothing, with the shell’s complaint', async () => {
    answer = () => ({ stdout: '', stderr: 'sudo: gluster: command not found\n', code: 1, delayMs: 0 });
    const runner = createSshRunner(sshConfig());
    try {
      const err = await collect({ runner, timeoutMs: 5_000, signal: new AbortController().signal, now: Date.now, includeHeal: false }).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/printed text instead of XML: "sudo: gluster: command not found"/);
    } finally {
      await runner.close();
    }
  });
});
