// Events store: 100,000 events in history.db (a busy fleet's weeks), then the reads a Timeline
// makes — the newest page, one hour of the whole fleet, one target's markers over a day — each
// against the 50 ms task bound (DESIGN: no task over 50 ms), and the query plan using the time index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore } from '../electron/engine/store/history-store';
import { FLEET_EVENT_KINDS, type NewFleetEvent } from '../shared/model';
import { median, report } from './helpers/report';

const EVENTS = 100_000;
const PER_POLL = 20;
const BOUND_MS = 50;
const T0 = Date.UTC(2026, 0, 1);
const SPAN_MS = 30 * 86_400_000;
const targets = Array.from({ length: 40 }, (_, i) => `target-${i}`);
const severities = ['info', 'warning', 'critical'] as const;

const dir = mkdtempSync(join(tmpdir(), 'fs-bench-events-'));
const store = openHistoryStore({ path: join(dir, 'history.db') });
try {
  let started = performance.now();
  for (let i = 0; i < EVENTS; i += PER_POLL) {
    const at = T0 + Math.floor((i / EVENTS) * SPAN_MS);
    const batch: NewFleetEvent[] = Array.from({ length: PER_POLL }, (_, j) => ({
      at,
      kind: FLEET_EVENT_KINDS[(i + j) % FLEET_EVENT_KINDS.length] ?? 'status',
      severity: severities[(i + j) % 3] ?? 'info',
      targetId: targets[(i + j) % targets.length] ?? 'target-0',
      subject: null,
      text: `event ${i + j}: something changed on ${targets[(i + j) % targets.length]}`,
      demo: false,
    }));
    store.recordEvents(batch);
  }
  const writeMs = performance.now() - started;
  process.stdout.write(`wrote ${EVENTS} events in ${EVENTS / PER_POLL} transactions of ${PER_POLL}: ${writeMs.toFixed(0)} ms\n`);

  const end = T0 + SPAN_MS;
  const reads: Array<[string, Parameters<typeof store.events>[0]]> = [
    ['events: newest 500 of the whole fleet', { limit: 500 }],
    ['events: one hour of the fleet, oldest first', { from: end - 3_600_000, to: end, order: 'asc', limit: 10_000 }],
    ['events: one target over a day (chart markers)', { from: end - 86_400_000, to: end, targetIds: ['target-7'], order: 'asc', limit: 10_000 }],
    ['events: critical of a week, newest 500', { from: end - 7 * 86_400_000, to: end, severities: ['critical'], limit: 500 }],
  ];
  for (const [name, query] of reads) {
    const times: number[] = [];
    let rows = 0;
    for (let k = 0; k < 15; k++) {
      started = performance.now();
      rows = store.events(query).length;
      times.push(performance.now() - started);
    }
    const ms = median(times);
    report(`${name} (${rows} rows)`, `${ms.toFixed(2)} ms`, `< ${BOUND_MS} ms`, ms < BOUND_MS);
  }
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
