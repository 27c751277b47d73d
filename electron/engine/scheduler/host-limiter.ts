/** Token-bucket size per origin by default: half of Bitbucket's default 60. */
export const DEFAULT_BUDGET_CAPACITY = 30;
/** Token refill per second per origin by default: 80 % of Bitbucket's default 5/s. */
export const DEFAULT_BUDGET_PER_SECOND = 4;

/** Options of {@link HostLimiter}; every field has a default fit for Bitbucket's rate limiter. */
export interface HostLimiterOptions {
  /** Requests in flight per origin at once. Default 6. */
  concurrency?: number;
  /** Token-bucket size per origin: how many requests may burst. Default 30 (half of Bitbucket's 60). */
  budgetCapacity?: number;
  /** Token refill per second per origin. Default 4, i.e. 80 % of Bitbucket's default 5/s. */
  budgetPerSecond?: number;
  /** Clock in epoch ms; injectable for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Background requests (walks whose size grows with repositories: the inventory) in flight per
   * origin at most; default 2, so the regular cycle always finds slots.
   */
  backgroundConcurrency?: number;
  /**
   * Tokens a background request leaves in the bucket for the regular cycle; default 0 (a reserve
   * of 10 held the mirror sweep back for whole polls when polls are seconds apart).
   */
  backgroundReserve?: number;
  /**
   * Whether a request may free its slot before its work settles, by calling the `release` its task
   * is handed (the fleet-wide count: a request whose body is in no longer uses the network).
   * Default false: the task's `release` does nothing and the slot is held until it settles.
   */
  earlyRelease?: boolean;
}

/**
 * `regular`: the poll cycle, whose duration is measured against its network bound. `background`:
 * a walk that may take its time; it waits while any regular request waits, and takes neither the last
 * `backgroundReserve` tokens nor more than `backgroundConcurrency` slots (issue 13). `sweep`: a page
 * of a per-repository detail sweep (large bodies, paced by its own budget): regular here, but
 * fleet-wide it shares the walks' slots (`FleetLimiter`, docs/scale.md session 20).
 */
export type RequestClass = 'regular' | 'sweep' | 'background';

export interface HostLimiterStats {
  inFlight: number;
  queued: number;
  /** Tokens left in the bucket right now (fractional while refilling). */
  tokens: number;
  /** When a 429 pause ends (epoch ms), or null when not paused. */
  pausedUntil: number | null;
}

interface Waiter {
  /** Its place in its queue: lower first, equal ranks in arrival order. */
  rank: number;
  grant: () => void;
  fail: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface HostState {
  inFlight: number;
  backgroundInFlight: number;
  queue: Waiter[];
  backgroundQueue: Waiter[];
  tokens: number;
  refilledAt: number;
  pausedUntil: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Per-origin admission control for outgoing requests: a concurrency limit, a token-bucket request
 * budget, and a pause that a 429 sets.
 *
 * Bitbucket rate-limits each user per node with a token bucket (default 60, refilled 5/s); staying
 * under 80 % of the refill rate means a dashboard never competes with CI for the bucket. Waiters
 * are served first-in first-out within their class (see {@link RequestClass}), so a burst from one
 * poll cannot starve another, and a long walk cannot delay the regular cycle.
 */
export class HostLimiter {
  private readonly concurrency: number;
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly now: () => number;
  private readonly backgroundConcurrency: number;
  private readonly backgroundReserve: number;
  private readonly earlyRelease: boolean;
  private readonly hosts = new Map<string, HostState>();

  constructor(opts: HostLimiterOptions = {}) {
    this.concurrency = positiveInt(opts.concurrency, 6, 'concurrency');
    this.capacity = positive(opts.budgetCapacity, DEFAULT_BUDGET_CAPACITY, 'budgetCapacity');
    // Below one token the bucket could never admit a request.
    if (this.capacity < 1) throw new RangeError(`HostLimiter: budgetCapacity must be at least 1, got ${this.capacity}`);
    this.perMs = positive(opts.budgetPerSecond, DEFAULT_BUDGET_PER_SECOND, 'budgetPerSecond') / 1000;
    this.now = opts.now ?? Date.now;
    this.backgroundConcurrency = Math.min(this.concurrency, positiveInt(opts.backgroundConcurrency, 2, 'backgroundConcurrency'));
    this.backgroundReserve = Math.min(this.capacity - 1, opts.backgroundReserve ?? 0);
    this.earlyRelease = opts.earlyRelease ?? false;
  }

  /**
   * Run `fn` once the origin has a free slot, a token and no pause. The slot is held until the
   * promise `fn` returns settles. Aborting `signal` while waiting rejects with its reason and
   * frees the place in the queue; once `fn` runs, cancelling it is `fn`'s business.
   * `rank` places the request in its class's queue ahead of those of a higher rank (default: at
   * the back, first-in first-out). With `earlyRelease`, `fn` may free the slot sooner by calling
   * the `release` it is handed (once is enough; settling frees it in any case).
   */
  run<T>(origin: string, fn: (release: () => void) => Promise<T>, signal?: AbortSignal, kind: RequestClass = 'regular', rank = Infinity): Promise<T> {
    const host = this.host(origin);
    const background = kind === 'background';
    const queue = background ? host.backgroundQueue : host.queue;
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = { rank, grant: resolve, fail: reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(signal.reason);
          this.pump(host);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      enqueue(queue, waiter);
      this.pump(host);
    }).then(async () => {
      let held = true;
      const release = (): void => {
        if (!held) return;
        held = false;
        host.inFlight--;
        if (background) host.backgroundInFlight--;
        this.pump(host);
      };
      try {
        return await fn(this.earlyRelease ? release : noRelease);
      } finally {
        release();
      }
    });
  }

  /** Hold every request to `origin` until `at` (epoch ms); a later pause wins over an earlier one. */
  pauseUntil(origin: string, at: number): void {
    if (!Number.isFinite(at)) return;
    const host = this.host(origin);
    host.pausedUntil = Math.max(host.pausedUntil, at);
    this.pump(host);
  }

  stats(origin: string): HostLimiterStats {
    const host = this.hosts.get(origin);
    if (!host) return { inFlight: 0, queued: 0, tokens: this.capacity, pausedUntil: null };
    this.refill(host);
    const paused = host.pausedUntil > this.now() ? host.pausedUntil : null;
    return { inFlight: host.inFlight, queued: host.queue.length + host.backgroundQueue.length, tokens: host.tokens, pausedUntil: paused };
  }

  private host(origin: string): HostState {
    let host = this.hosts.get(origin);
    if (!host) {
      host = {
        inFlight: 0,
        backgroundInFlight: 0,
        queue: [],
        backgroundQueue: [],
        tokens: this.capacity,
        refilledAt: this.now(),
        pausedUntil: 0,
        timer: undefined,
      };
      this.hosts.set(origin, host);
    }
    return host;
  }

  private refill(host: HostState): void {
    const now = this.now();
    const elapsed = Math.max(0, now - host.refilledAt);
    host.tokens = Math.min(this.capacity, host.tokens + elapsed * this.perMs);
    host.refilledAt = now;
  }

  /**
   * Admit as many queued requests as slots, tokens and the pause allow, regular ones first;
   * otherwise wake up later. A background request waits while a regular one does.
   */
  private pump(host: HostState): void {
    this.clearTimer(host);
    while (host.inFlight < this.concurrency) {
      const regular = host.queue.length > 0;
      if (!regular && (host.backgroundQueue.length === 0 || host.backgroundInFlight >= this.backgroundConcurrency)) return;
      const now = this.now();
      if (now < host.pausedUntil) {
        this.wakeAt(host, host.pausedUntil - now);
        return;
      }
      this.refill(host);
      const needed = regular ? 1 : 1 + this.backgroundReserve;
      if (host.tokens < needed) {
        this.wakeAt(host, Math.ceil((needed - host.tokens) / this.perMs));
        return;
      }
      const waiter = (regular ? host.queue : host.backgroundQueue).shift() as Waiter;
      host.tokens -= 1;
      host.inFlight++;
      if (!regular) host.backgroundInFlight++;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.grant();
    }
  }

  private wakeAt(host: HostState, delayMs: number): void {
    const delay = Math.max(1, delayMs);
    host.timer = setTimeout(() => {
      host.timer = undefined;
      this.pump(host);
    }, delay);
  }

  private clearTimer(host: HostState): void {
    if (host.timer !== undefined) {
      clearTimeout(host.timer);
      host.timer = undefined;
    }
  }
}

const noRelease = (): void => undefined;

/** After every waiter of a rank at most its own: FIFO among equals, a plain push when unranked. */
function enqueue(queue: Waiter[], waiter: Waiter): void {
  let i = queue.length;
  while (i > 0 && queue[i - 1]!.rank > waiter.rank) i--;
  queue.splice(i, 0, waiter);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`HostLimiter: ${name} must be a positive number, got ${value}`);
  return value;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  const n = positive(value, fallback, name);
  if (!Number.isInteger(n)) throw new RangeError(`HostLimiter: ${name} must be an integer, got ${n}`);
  return n;
}
