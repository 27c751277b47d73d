import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runDesktop, splitDesktopArgs } from '../../../electron/cli/desktop';
import { EARLY_EXIT_MS, diagnoseEarlyExit, runElectron } from '../../../electron/cli/electron-launch';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A stand-in Electron binary: records its arguments, prints `stderr` and exits with `code` at once. */
function fakeElectron(stderr: string, code: number): { binary: string; argsFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fs-fake-electron-'));
  dirs.push(dir);
  const binary = join(dir, 'electron');
  const argsFile = join(dir, 'args');
  writeFileSync(binary, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nprintf '%s\\n' '${stderr}' >&2\nexit ${code}\n`);
  chmodSync(binary, 0o755);
  return { binary, argsFile };
}

const sink = (): { write: (s: string | Uint8Array) => boolean; text: () => string } => {
  let text = '';
  return { write: (s) => ((text += s.toString()), true), text: () => text };
};

const SUID_FATAL =
  '[12345:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I am aborting now. You need to make sure that /opt/fleetscope/chrome-sandbox is owned by root and has mode 4755.';

describe('fleetscope (desktop) arguments', () => {
  it('keeps our options and passes Chromium/Electron switches through', () => {
    expect(
      splitDesktopArgs(['--no-sandbox', '--config', 'f.yaml', '--ozone-platform-hint=auto', '--disable-gpu', '--port=0', '--demo', '--data-dir', 'd']),
    ).toEqual({
      ours: ['--config', 'f.yaml', '--port=0', '--demo', '--data-dir', 'd'],
      switches: ['--no-sandbox', '--ozone-platform-hint=auto', '--disable-gpu'],
    });
  });

  it('refuses what is neither ours nor a switch (a stray word, a single dash)', () => {
    expect(() => splitDesktopArgs(['fleet.yaml'])).toThrow(/Unexpected argument "fleet\.yaml"/);
    expect(() => splitDesktopArgs(['-x'])).toThrow(/Unexpected argument "-x"/);
  });
});

describe('fleetscope with an Electron that cannot start', () => {
  it('says why in one line (the AppArmor case) and falls back to browser mode', async () => {
    const { binary, argsFile } = fakeElectron(SUID_FATAL, 1);
    const out = sink();
    const err = sink();
    const serve = vi.fn(async (_argv: string[]) => 0);
    const code = await runDesktop(['--no-sandbox', '--config', 'fleet.yaml', '--accept-weak-vault', '--port', '0'], {
      findElectron: () => binary,
      appDir: '/opt/fleetscope',
      serve,
      out,
      err,
      help: () => 0,
      run: (launch) => runElectron({ ...launch, stderr: err }),
    });
    expect(code).toBe(0);
    // Electron was launched on the app folder, with the switch and our options.
    expect(readFileSync(argsFile, 'utf8').trim().split('\n')).toEqual([
      '--no-sandbox',
      '/opt/fleetscope',
      '--config',
      'fleet.yaml',
      '--accept-weak-vault',
      '--port',
      '0',
    ]);
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Electron could not start here: Electron's sandbox could not start: Ubuntu 23\.10 .*AppArmor.*Fleetscope runs in browser mode instead\.$/,
    );
    expect(err.text()).toContain('SUID sandbox helper'); // Electron's own words are shown too
    expect(serve).toHaveBeenCalledWith(['--config', 'fleet.yaml', '--port', '0', '--open']);
  });

  it("returns the app's own exit code when Electron ran, and says so when it is missing", async () => {
    const serve = vi.fn(async () => 0);
    const ran = await runDesktop([], {
      findElectron: () => 'electron',
      appDir: '/app',
      serve,
      help: () => 0,
      out: sink(),
      run: async () => ({ kind: 'exited', code: 3 }),
    });
    expect(ran).toBe(3);
    expect(serve).not.toHaveBeenCalled();
    const out = sink();
    await runDesktop(['--disable-gpu'], { findElectron: () => null, appDir: '/app', serve, help: () => 0, out, err: sink() });
    expect(out.text()).toBe("Electron's binary is not installed on this machine, so Fleetscope runs in browser mode instead.\n");
    expect(serve).toHaveBeenCalledWith(['--open']);
  });
});

describe('runElectron', () => {
  it('an error exit later than the start-up window, or a clean exit at once, is the app ending', async () => {
    const failing = fakeElectron('crashed later', 1);
    let t = 0;
    const late = await runElectron({ binary: failing.binary, args: [], stderr: sink(), now: () => (t += EARLY_EXIT_MS) });
    expect(late).toEqual({ kind: 'exited', code: 1 });
    const clean = fakeElectron('handed over to the running instance', 0);
    expect(await runElectron({ binary: clean.binary, args: [], stderr: sink(), now: () => 0 })).toEqual({ kind: 'exited', code: 0 });
  });

  it('a binary that cannot be run at all is a failure to start', async () => {
    expect(await runElectron({ binary: '/nonexistent/electron', args: [], stderr: sink() })).toMatchObject({
      kind: 'failed-to-start',
      reason: /could not be run/,
    });
  });
});

describe('diagnoseEarlyExit', () => {
  const base = { code: 1, signal: null, env: { DISPLAY: ':0' }, platform: 'linux' as const, uid: 1000 };
  it('names root, a missing display, and otherwise repeats what Electron said', () => {
    expect(diagnoseEarlyExit('Running as root without --no-sandbox is not supported.', base)).toMatch(/as your own user/);
    expect(diagnoseEarlyExit('', { ...base, uid: 0 })).toMatch(/as root/);
    expect(diagnoseEarlyExit('Missing X server or $DISPLAY', base)).toMatch(/no display.*--ozone-platform-hint=auto/);
    expect(diagnoseEarlyExit('', { ...base, env: {} })).toMatch(/no display/);
    expect(diagnoseEarlyExit('line one\nGPU process isn’t usable. Goodbye.\n', { ...base, code: null, signal: 'SIGTRAP' })).toBe(
      'Electron was ended by SIGTRAP right after launch (GPU process isn’t usable. Goodbye.).',
    );
  });
});
