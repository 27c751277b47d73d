import { EventEmitter } from 'node:events';

/**
 * What an exchange hands undici as its `signal` (undici takes an EventEmitter with `aborted` and
 * `reason` as well as an AbortSignal): an AbortController a request cost ≈ 9 % of the client's CPU
 * on a regular poll's small GETs, in its EventTarget and the listeners undici adds to it and
 * removes (bench/exchange-cpu.ts, session 21). undici listens with `once('abort')`.
 */
export class ExchangeAbort extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

const watched = new WeakMap<AbortSignal, Set<() => void>>();

/** What `signal`'s one listener calls when it aborts: made, and the listener added, the first time. */
function callersOf(signal: AbortSignal): Set<() => void> {
  const known = watched.get(signal);
  if (known !== undefined) return known;
  const fns = new Set<() => void>();
  watched.set(signal, fns);
  signal.addEventListener(
    'abort',
    () => {
      watched.delete(signal);
      for (const f of fns) f();
    },
    { once: true },
  );
  return fns;
}

/**
 * Call `fn` when `signal` aborts; returns what stops that. A caller's signal is shared by its
 * poll's requests: one listener on it calls every exchange's, instead of each exchange adding and
 * removing its own on the EventTarget. The set goes with the signal when it is collected.
 */
export function onCallerAbort(signal: AbortSignal, fn: () => void): () => void {
  const fns = callersOf(signal);
  fns.add(fn);
  return () => void fns.delete(fn);
}
