// Loaded with `node --import` into a bench's child processes (the shipped engine has no bench
// code of its own, so what a bench wants to see inside it comes from here). Bench-only.
// - Event-loop delay (perf_hooks monitorEventLoopDelay, 10 ms resolution) and utilisation: a
//   process whose loop stalls delays every answer or exchange queued behind the stall.
// - With BENCH_PROBE_REQUESTS=1, every HTTP exchange's times on the wall clock (ms since the
//   epoch, comparable between processes): as a client (undici's diagnostics channels: created,
//   headers, body ended) and as a server (node:http's: request parsed, response finished), and
//   the engine's limiter's passages (its `fleetscope:limiter` channel).
// Each SIGUSR2 writes what was seen since the previous one to BENCH_PROBE_OUT.PID.N.json and
// starts over, so a bench can leave out start-up and read exactly its measuring window.
import { channel } from 'node:diagnostics_channel';
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const out = process.env.BENCH_PROBE_OUT;
if (out) {
  // Date.now, not timeOrigin + now(): each process computes its own timeOrigin, tens of ms apart.
  const now = () => Date.now();
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let elu = performance.eventLoopUtilization();
  let since = now();
  let seq = 0;
  /** [kind, origin or local port, path, t0, t1, t2] rows; a row is finished when its last time is set. */
  let rows = [];
  let served = 0;
  // Node 20 holds a channel weakly until something publishes to it: a collection before undici
  // loads would drop a subscription made through diagnostics_channel.subscribe. Held here.
  const held = [];
  const subscribe = (name, fn) => {
    const ch = channel(name);
    ch.subscribe(fn);
    held.push(ch);
  };
  subscribe('http.server.response.finish', () => {
    served += 1;
  });
  if (process.env.BENCH_PROBE_REQUESTS === '1') {
    const client = new WeakMap();
    subscribe('undici:request:create', ({ request }) => {
      const row = ['client', request.origin, request.path, now(), 0, 0];
      client.set(request, row);
      rows.push(row);
    });
    subscribe('undici:request:headers', ({ request }) => {
      const row = client.get(request);
      if (row) row[4] = now();
    });
    subscribe('undici:request:trailers', ({ request }) => {
      const row = client.get(request);
      if (row) row[5] = now();
    });
    // The engine's limiter (scheduler/fleet-limiter.ts): when each request asked, got its host's
    // slot, the fleet-wide slot, and ended, with the fleet-wide slots busy and queued as it asked.
    subscribe('fleetscope:limiter', (p) => {
      rows.push(['limiter', p.origin, p.kind, p.asked, p.host, p.fleet, p.done, p.fleetInFlight, p.fleetQueued]);
    });
    const server = new WeakMap();
    subscribe('http.server.request.start', ({ request, socket }) => {
      const row = ['server', socket.localPort, request.url, now(), 0, 0];
      server.set(request, row);
      rows.push(row);
    });
    subscribe('http.server.response.finish', ({ request }) => {
      const row = server.get(request);
      if (row) row[4] = row[5] = now();
    });
  }
  process.on('SIGUSR2', () => {
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const u = performance.eventLoopUtilization(elu);
    const report = {
      pid: process.pid,
      from: since,
      to: now(),
      loopDelayMs: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean) },
      loopUtilisation: u.utilization,
      served,
      requests: rows,
    };
    // Written aside and renamed: the bench polls for the file and must not read half of it.
    const file = `${out}.${process.pid}.${seq++}.json`;
    writeFileSync(`${file}.part`, JSON.stringify(report));
    renameSync(`${file}.part`, file);
    histogram.reset();
    elu = performance.eventLoopUtilization();
    since = now();
    rows = [];
    served = 0;
  });
}
