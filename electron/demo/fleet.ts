import { join } from 'node:path';
import type { PastHistory, PastPoll } from '../../shared/model';
import { demoFaultSchema, type DemoFault, type DemoState } from '../../shared/model/demo';
import { pastSpan } from './backfill/past-span';
import { primariesPast } from './backfill/primary-past';
import { respond, type ServingPoint } from './bitbucket-handler';
import { controlRequestListener, type FaultController } from './control-server';
import { DemoInputError } from './errors';
import { withGit } from './git/git-route';
import { primaryGitSite } from './git/git-sites';
import { GitRepoStore } from './git/repo-store';
import type { DemoExtension } from './extension';
import { createExtensions } from './extensions';
import { DemoListener, demoRequestListener, hostForUrl } from './http-listener';
import { resolveOptions, type ResolvedOptions } from './options';
import { PrimaryModel } from './primary-model';
import { restError } from './responses';
import { createSimClock, isAdjustable, type SimClock } from './sim-clock';
import type { DemoFaultChange, DemoFleet, DemoFleetOptions, DemoPrimaryEndpoint } from './types';

interface PrimaryRuntime {
  readonly model: PrimaryModel;
  readonly balancer: DemoListener;
  readonly nodes: ReadonlyMap<string, DemoListener>;
}

/**
 * Starts the simulated fleet. Ports: with `portBase` 0 every listener takes a free port; otherwise
 * primary i (from 0) gets its load balancer on portBase + i × (nodes + 1), its nodes on the ports
 * right after, and the control API takes the port after the last primary.
 */
export async function startDemoFleet(options: DemoFleetOptions = {}): Promise<DemoFleet> {
  const settings = resolveOptions(options);
  const clock = settings.clock ?? createSimClock(settings.speed);
  const git = new GitRepoStore(join(settings.gitCacheDir, `seed-${settings.seed}`), settings.seed);
  const primaries = Array.from({ length: settings.primaries }, (_, index) =>
    createPrimaryRuntime(
      new PrimaryModel({ index, seed: settings.seed, nodeCount: settings.nodesPerPrimary, repoCount: settings.reposPerPrimary, clock }),
      settings,
      git,
    ),
  );
  const fleet = new RunningFleet(settings, primaries, clock, git);
  await fleet.listen();
  return fleet;
}

function createPrimaryRuntime(model: PrimaryModel, settings: ResolvedOptions, git: GitRepoStore): PrimaryRuntime {
  const gitSite = primaryGitSite(model, git, settings.delay);
  const listenerFor = (label: string, serving: ServingPoint): DemoListener =>
    new DemoListener(
      settings.host,
      label,
      withGit(
        gitSite,
        demoRequestListener(
          () => settings.latencyMs + model.delayMs,
          (req, body) => respond(model, serving, { method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization, body }),
          (err) => restError(500, `The demo fleet failed to answer: ${err instanceof Error ? err.message : String(err)}`, null),
          settings.delay,
          (req) => model.beforeAnswer(req.url ?? '/'),
        ),
      ),
    );
  return {
    model,
    balancer: listenerFor(`the load balancer of ${model.id}`, { kind: 'load-balancer' }),
    nodes: new Map(model.nodes.map((node) => [node.name, listenerFor(`node ${node.name}`, { kind: 'node', node })])),
  };
}

class RunningFleet implements DemoFleet, FaultController {
  primaries: DemoPrimaryEndpoint[] = [];
  controlUrl = '';
  private readonly control: DemoListener;
  private readonly controlHost: string;
  private readonly listeners = new Set<(s: DemoState, change?: DemoFaultChange) => void>();
  private stopping: Promise<void> | undefined;
  private readonly extensions: DemoExtension[] = createExtensions();

  constructor(
    private readonly settings: ResolvedOptions,
    private readonly runtimes: readonly PrimaryRuntime[],
    private readonly clock: SimClock,
    private readonly git: GitRepoStore,
  ) {
    // The control API switches faults, so it never leaves loopback, whatever the fleet binds to.
    this.controlHost = ['127.0.0.1', 'localhost', '::1'].includes(settings.host) ? settings.host : '127.0.0.1';
    this.control = new DemoListener(this.controlHost, 'the demo control API', controlRequestListener(this, this.controlHost));
  }

  async listen(): Promise<void> {
    const { portBase, nodesPerPrimary } = this.settings;
    const port = (offset: number): number => (portBase === 0 ? 0 : portBase + offset);
    const stride = nodesPerPrimary + 1;
    const opening = this.runtimes.flatMap((p, i) => [
      p.balancer.listen(port(i * stride)),
      ...[...p.nodes.values()].map((node, n) => node.listen(port(i * stride + 1 + n))),
    ]);
    opening.push(this.control.listen(port(this.runtimes.length * stride)));
    const failed = (await Promise.allSettled(opening)).find((r) => r.status === 'rejected');
    if (failed) {
      await this.stop();
      throw failed.reason;
    }
    const url = (listener: DemoListener): string => `http://${hostForUrl(urlHost(this.settings.host))}:${listener.port}`;
    for (const { model, balancer } of this.runtimes) model.baseUrl = url(balancer);
    this.controlUrl = `http://${hostForUrl(this.controlHost)}:${this.control.port}`;
    let nextOffset = this.runtimes.length * stride + 1;
    try {
      for (const ext of this.extensions) {
        await ext.start({
          settings: this.settings,
          clock: this.clock,
          git: this.git,
          primaries: this.runtimes.map((r) => r.model),
          nextPort: () => port(nextOffset++),
          notify: () => this.notify(),
        });
      }
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.primaries = this.runtimes.map(({ model, nodes }) => ({
      id: model.id,
      name: model.name,
      baseUrl: model.baseUrl,
      nodes: model.nodes.map((n) => ({ name: n.name, baseUrl: url(nodes.get(n.name) as DemoListener) })),
      read: { token: model.credentials.readToken },
      admin: { username: model.credentials.adminUsername, password: model.credentials.adminPassword },
    }));
  }

  state(): DemoState {
    const state: DemoState = { speed: this.clock.speed, primaries: this.runtimes.map((p) => p.model.state()) };
    for (const ext of this.extensions) {
      const part = ext.state();
      if (part !== undefined) Object.assign(state, { [ext.name]: part });
    }
    return state;
  }

  pastHistory(from: number, to: number): PastHistory {
    const span = pastSpan(from, to);
    const parts = [
      primariesPast(
        this.runtimes.map((r) => r.model),
        span,
      ),
      ...this.extensions.map((e) => e.past?.(span) ?? { polls: [], events: [] }),
    ];
    const polls: PastPoll[] = parts.flatMap((p) => p.polls).sort((a, b) => a.at - b.at);
    const events = parts.flatMap((p) => p.events).sort((a, b) => a.at - b.at);
    return { from: span.from, to: span.to, polls, events };
  }

  files(): Array<{ label: string; path: string }> {
    return this.extensions.flatMap((e) => e.files?.() ?? []);
  }

  extraConfig(): Record<string, unknown> {
    return Object.assign({}, ...this.extensions.map((e) => e.config())) as Record<string, unknown>;
  }

  setFault(targetId: string, fault: DemoFault, enabled: boolean): DemoState {
    // Failures to bring a node back show in the state (the node stays down) and reach onChange listeners.
    this.change(targetId, fault, enabled).catch(() => undefined);
    return this.state();
  }

  async applyFault(targetId: string, fault: DemoFault, enabled: boolean): Promise<DemoState> {
    await this.change(targetId, fault, enabled);
    return this.state();
  }

  setSpeed(speed: number): DemoState {
    if (this.stopping) throw new Error('The demo fleet has been stopped. Start a new one to change its speed.');
    if (!isAdjustable(this.clock)) throw new DemoInputError("This demo fleet runs on a clock given to it (a test's), whose speed cannot be changed.");
    if (!(Number.isFinite(speed) && speed > 0)) throw new DemoInputError(`The demo speed must be a number above 0; got ${speed}.`);
    this.clock.setSpeed(speed);
    this.notify();
    return this.state();
  }

  onChange(listener: (s: DemoState, change?: DemoFaultChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const all = [this.control, ...this.runtimes.flatMap((p) => [p.balancer, ...p.nodes.values()])];
      await Promise.all([...all.map((l) => l.dispose()), ...this.extensions.map((e) => e.stop())]);
      this.listeners.clear();
    })();
    return this.stopping;
  }

  /**
   * Validates and applies a fault. Synchronous up to the returned promise: the model changes and a
   * node's listener closes before this returns; the promise settles when a node listens again.
   */
  private change(targetId: string, fault: DemoFault, enabled: boolean): Promise<void> {
    if (!PRIMARY_FAULT_KINDS.has(fault.kind)) return this.changeInExtension(targetId, fault, enabled);
    const runtime = this.runtimes.find((p) => p.model.id === targetId);
    if (runtime === undefined) {
      const known = this.runtimes.map((p) => p.model.id).join(', ');
      throw new DemoInputError(`The demo fleet has no primary "${targetId}". Its primaries are: ${known}.`);
    }
    const checked = demoFaultSchema.safeParse(fault);
    if (!checked.success) {
      throw new DemoInputError(`Invalid demo fault ${JSON.stringify(fault)}: ${checked.error.issues.map((i) => i.message).join('; ')}.`);
    }
    if (this.stopping) throw new Error('The demo fleet has been stopped. Start a new one to change its faults.');
    const { model } = runtime;
    const valid = checked.data;
    let settled = Promise.resolve();
    if (valid.kind === 'node-down') {
      const listener = runtime.nodes.get(valid.node);
      if (listener === undefined) {
        const known = model.nodes.map((n) => n.name).join(', ');
        throw new DemoInputError(`Primary "${targetId}" has no node "${valid.node}". Its nodes are: ${known}.`);
      }
      settled = enabled
        ? listener.close()
        : listener.reopen().catch((err: unknown) => {
            if (model.applyFault(valid, true)) this.notify();
            throw err;
          });
    }
    if (model.applyFault(valid, enabled)) this.notify({ targetId, fault: valid, enabled });
    return settled;
  }

  /** A fault of an extension's kind: the first extension that owns it applies it. */
  private async changeInExtension(targetId: string, fault: DemoFault, enabled: boolean): Promise<void> {
    const checked = demoFaultSchema.safeParse(fault);
    if (!checked.success) {
      throw new DemoInputError(`Invalid demo fault ${JSON.stringify(fault)}: ${checked.error.issues.map((i) => i.message).join('; ')}.`);
    }
    if (this.stopping) throw new Error('The demo fleet has been stopped. Start a new one to change its faults.');
    for (const ext of this.extensions) {
      if (await ext.applyFault(targetId, checked.data, enabled)) {
        this.notify({ targetId, fault: checked.data, enabled });
        return;
      }
    }
    throw new DemoInputError(`No part of the demo fleet has a target "${targetId}" for the fault "${fault.kind}".`);
  }

  private notify(change?: DemoFaultChange): void {
    const state = this.state();
    for (const listener of [...this.listeners]) listener(state, change);
  }
}

const PRIMARY_FAULT_KINDS = new Set<string>(['node-down', 'slow', 'server-error', 'html-login']);

/** A wildcard bind address is not something a client can connect to; loopback is. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}
