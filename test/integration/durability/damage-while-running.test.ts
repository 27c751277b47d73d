import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { FleetHost } from '../../../electron/host/host-types';
import { startCaptureServer } from '../../helpers/capture-server';
import { pollAndWait } from '../../helpers/poll-and-wait';

/**
 * Damage found while running: history.db becomes unreadable after start (a disk error, another
 * program writing over it). The user is told once, naming the file and where it went; the app
 * keeps running: polls go on, history answers, nothing returns a bare 500.
 */
let dir: string;
let capture: Awaited<ReturnType<typeof startCaptureServer>>;
let host: FleetHost;
const told: string[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-damage-'));
  capture = await startCaptureServer();
  told.length = 0;
  host = await startFleetHost({
    config: fleetConfigSchema.parse({ pollIntervalSeconds: 3600, primaries: [{ id: 'prod', name: 'Prod', baseUrl: capture.url }] }),
    configPath: join(dir, 'fleet.yaml'),
    dataDir: dir,
    warn: (m) => told.push(m),
    engine: { publishDelayMs: 0 },
  });
  await host.engine.firstPoll();
});
afterEach(async () => {
  await host.stop();
  await capture.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Overwrites a database file (and its WAL) in place, as a failing disk or a stray program would. */
function overwrite(path: string): void {
  writeFileSync(path, Buffer.alloc(256 * 1024, 'not a database any more '));
  for (const side of ['-wal', '-shm']) if (existsSync(path + side)) writeFileSync(path + side, Buffer.alloc(64 * 1024, 0x5a));
}

describe('a database that becomes unreadable after start', () => {
  it('history.db: the user is told once, naming the file and where it went; polling and history calls carry on', async () => {
    const path = join(dir, 'history.db');
    expect(told).toEqual([]);
    overwrite(path);
    // The next polls write history, and the view reads it: neither fails, whatever the damage.
    for (let i = 0; i < 3; i++) expect((await pollAndWait(host, 'prod')).status).not.toBe('unknown');
    const history = await host.dispatch('getHistory', { targetId: 'prod', metric: 'nodes.up', rangeSeconds: 3600 });
    expect(history).toMatchObject({ ok: true });
    const damaged = told.filter((m) => m.includes('damaged'));
    expect(damaged).toHaveLength(1);
    const moved = readdirSync(dir).find((f) => f.startsWith('history.db.corrupt-'));
    expect(moved).toBeDefined();
    expect(damaged[0]).toContain(path);
    expect(damaged[0]).toContain(join(dir, moved!));
    // On the desktop nobody reads the console: the Settings view says it too.
    expect((await host.handlers.getSettings({})).warnings).toContain(damaged[0]);
    // The fresh file records the polls after the damage.
    await pollAndWait(host, 'prod');
    expect((await host.handlers.getSnapshot({})).primaries.map((p) => p.id)).toEqual(['prod']);
  });

  it('audit.db: never discarded silently; the user is told where the damaged file went, and the log answers again', async () => {
    const path = join(dir, 'audit.db');
    overwrite(path);
    const first = await host.dispatch('getAuditLog', { limit: 10 });
    expect(first).toMatchObject({ ok: true, value: { entries: [] } });
    const damaged = told.filter((m) => m.includes('damaged'));
    expect(damaged).toHaveLength(1);
    const moved = readdirSync(dir).find((f) => f.startsWith('audit.db.corrupt-'));
    expect(moved).toBeDefined();
    expect(damaged[0]).toContain(path);
    expect(damaged[0]).toContain(join(dir, moved!));
    expect(await host.dispatch('getAuditLog', { limit: 10 })).toMatchObject({ ok: true });
    expect(told.filter((m) => m.includes('damaged'))).toHaveLength(1);
    expect((await pollAndWait(host, 'prod')).id).toBe('prod');
  });
});
