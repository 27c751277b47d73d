import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'fs-cli-'));
  dirs.push(d);
  return d;
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI from source as `fleetscope ARGS`. With `until`, waits for that text on stdout and
 * then sends SIGTERM, as a user pressing Ctrl+C would.
 */
function cli(args: string[], opts: { until?: RegExp; env?: Record<string, string> } = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...args], {
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (opts.until?.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('fleetscope CLI', () => {
  it('without Electron, the desktop default (with --no-sandbox) says so in one line and falls back to browser mode on the demo fleet', async () => {
    const home = tempDir();
    const r = await cli(['--port', '0', '--no-sandbox'], {
      until: /No browser could be opened/,
      env: { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg'), FLEETSCOPE_DATA_DIR: join(home, 'data') },
    });
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe("Electron's binary is not installed on this machine, so Fleetscope runs in browser mode instead.");
    expect(lines[1]).toMatch(/^Fleetscope ready at http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/);
    expect(r.stdout).toContain('No browser could be opened here; open the URL above yourself.');
    expect(r.stderr).toContain('Watching the simulated fleet');
    expect(r.stderr).toContain('Browser mode ignores the Electron switches --no-sandbox.');
    expect(r.code).toBe(0);
  });

  it('`serve` with neither a config nor --demo says what to do', async () => {
    const home = tempDir();
    const r = await cli(['serve', '--port', '0'], { env: { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No fleet configured: pass --config FILE .*or --demo/);
  });

  it('`demo` prints a config that `check` can use; check exits by the worst status', async () => {
    const dir = tempDir();
    const demo = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let yamlText = '';
    await new Promise<void>((resolve) => {
      demo.stdout.on('data', (d: Buffer) => {
        yamlText += d.toString();
        if (/admin:[\s\S]*password/.test(yamlText)) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    try {
      const cfg = parse(yamlText) as { primaries: Array<{ baseUrl: string; read: { token: string } }> };
      expect(cfg.primaries[0]!.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const file = join(dir, 'fleet.yaml');
      writeFileSync(file, yamlText);
      const ok = await cli(['check', '--config', file, '--json']);
      const report = JSON.parse(ok.stdout) as { exitCode: number; targets: Array<{ status: string }> };
      expect(ok.code).toBe(0);
      expect(report.targets[0]!.status).toBe('up');
      expect(ok.stderr).toMatch(/written inline/);

      const broken = yamlText.replace(/baseUrl: http:\/\/127\.0\.0\.1:\d+\n/, 'baseUrl: http://127.0.0.1:1\n');
      writeFileSync(file, broken);
      const down = await cli(['check', '--config', file]);
      expect(down.code).toBe(2);
      expect(down.stdout).toMatch(/^DOWN .*Connection refused/m);
    } finally {
      demo.kill('SIGTERM');
    }
    // Three CLI processes, each compiling the sources with tsx: slow to start on a loaded machine.
  }, 120_000);

  it('names a config problem and exits 64', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'primaries: [{ id: a, name: A, baseUrl: "ftp://x" }]\n');
    const r = await cli(['check', '--config', file]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/primaries\.0\.baseUrl/);
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
