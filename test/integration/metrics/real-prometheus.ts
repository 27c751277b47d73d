import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { stopChild } from '../../helpers/loopback-processes';
import { freeLoopbackPort } from './loopback-port';

export const RULE_FILES = [resolve('deploy/prometheus/fleetscope-alerts.yml'), resolve('deploy/prometheus/fleetscope-recording.yml')];

/** Why the real Prometheus cannot run here, or null. scripts/ensure-system-deps.sh installs it. */
export function missingPrometheus(): string | null {
  for (const tool of ['prometheus', 'promtool']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) {
      return `${tool} is not installed: run scripts/ensure-system-deps.sh (Debian package "prometheus").`;
    }
  }
  return null;
}

export interface ScrapeTarget {
  job: string;
  /** host:port */
  address: string;
  token: string;
}

export interface RealPrometheus {
  url: string;
  /** An instant query; the result vector (throws on an error answer). */
  query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  /** Polls `query(expr)` until `accept` holds (each scrape is a second apart), or fails after `timeoutMs`. */
  until(
    expr: string,
    accept: (r: Awaited<ReturnType<RealPrometheus['query']>>) => boolean,
    timeoutMs?: number,
  ): Promise<Awaited<ReturnType<RealPrometheus['query']>>>;
  stop(): Promise<void>;
}

/**
 * Debian's Prometheus on a free loopback port with a temporary data folder, scraping the given
 * collectors every second with the bearer token (its `authorization` setting) and evaluating the
 * shipped rules every second.
 */
export async function startPrometheus(targets: ScrapeTarget[]): Promise<RealPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'fs-prometheus-'));
  const port = await freeLoopbackPort();
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s', scrape_timeout: '1s' },
    rule_files: RULE_FILES,
    scrape_configs: targets.map((t) => ({ job_name: t.job, authorization: { credentials: t.token }, static_configs: [{ targets: [t.address] }] })),
  };
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
  const child: ChildProcess = spawn(
    'prometheus',
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const query: RealPrometheus['query'] = async (expr) => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as { status: string; error?: string; data?: { resultType: string; result: unknown } };
    if (body.status !== 'success') throw new Error(`Prometheus refused ${expr}: ${body.error}`);
    if (body.data!.resultType !== 'vector') throw new Error(`${expr} gave a ${body.data!.resultType}, not a vector`);
    return body.data!.result as Awaited<ReturnType<RealPrometheus['query']>>;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    query,
    until: async (expr, accept, timeoutMs = 45_000) => {
      const end = Date.now() + timeoutMs;
      let last: Awaited<ReturnType<RealPrometheus['query']>> = [];
      while (Date.now() < end) {
        last = await query(expr);
        if (accept(last)) return last;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`${expr} never met the condition within ${timeoutMs} ms; last answer: ${JSON.stringify(last)}\nprometheus log:\n${log}`);
    },
    stop,
  };
}
