import type { DemoFault } from '../../../shared/model/demo';
import type { MirrorsDemoState } from '../../../shared/model/demo-mirrors';
import { addRouteGroup } from '../bitbucket-routes';
import { DemoInputError } from '../errors';
import { mirrorsPast } from './mirrors-past';
import type { DemoExtension, DemoExtensionContext } from '../extension';
import { withGit, type GitSite } from '../git/git-route';
import { findRepo } from '../git/git-sites';
import { DemoListener, demoRequestListener } from '../http-listener';
import { createRng, deriveSeed, type Rng } from '../prng';
import { restError } from '../responses';
import { DemoMirror } from './mirror-model';
import type { MirrorNode, SyncMode } from './mirror-model-types';
import { pickNode, respondMirror, type MirrorServing } from './mirror-server';
import { PushFeed } from './push-feed';
import { DemoUpstream, type MirroringRequest } from './upstream';

/** The front of every mirror listens here; a farm's nodes take other loopback addresses on the same port. */
const FRONT_HOST = '127.0.0.1';
const FARM_NODES = 3;
const SITES = ['Frankfurt', 'Virginia', 'Singapore', 'São Paulo', 'Sydney', 'Dublin', 'Oregon', 'Tokyo'];
/** Where each primary's office mirror stands: far from it, so the "São Paulo clones are slow" scenario has a mirror to lag. */
const OFFICE_SITES = ['São Paulo', 'Tokyo', 'Sydney', 'Singapore'];
const NINE = '9.4.22';
const EIGHT = '8.19.9';

interface MirrorSpec {
  name: string;
  api: '9.x' | '8.x';
  mirrorType: 'SINGLE' | 'FARM';
  registration: 'accepted' | 'pending';
  mode: SyncMode;
  projectIds: string[];
  synchronizedAtStart: boolean;
}

/**
 * The simulated mirror farms (issue #4). Each primary gets the upstream mirroring endpoints and
 * three mirrors, each a real listener speaking the mirror-side API: a 9.x farm of three nodes, an
 * 8.x single mirror on the legacy paths, and a new 9.x mirror waiting to be authorized.
 */
export function createMirrorsExtension(): DemoExtension {
  let ctx: DemoExtensionContext | null = null;
  const upstreams: DemoUpstream[] = [];
  const rngs = new Map<DemoUpstream, Rng>();
  let farmsStarted = 0;
  let stopping = false;

  const context = (): DemoExtensionContext => {
    if (!ctx) throw new Error('The mirrors extension has not been started.');
    return ctx;
  };

  /** Creates a mirror of `up` and starts its listeners. */
  const addMirror = async (up: DemoUpstream, spec: MirrorSpec): Promise<DemoMirror> => {
    const rng = rngs.get(up) as Rng;
    const index = farmsStarted++;
    const slug = spec.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-');
    const nodes: MirrorNode[] = Array.from({ length: spec.mirrorType === 'FARM' ? FARM_NODES : 1 }, (_, k) => ({
      name: spec.mirrorType === 'FARM' ? `${slug}-${k + 1}` : slug,
      id: rng.uuid(),
      host: spec.mirrorType === 'FARM' ? `127.0.${10 + (index % 240)}.${k + 1}` : FRONT_HOST,
      listener: null,
      bindProblem: null,
    }));
    const mirror = new DemoMirror({
      ...spec,
      mirrorId: bitbucketId(rng),
      upstreamId: upstreamIdOf(up),
      productVersion: spec.api === '9.x' ? NINE : EIGHT,
      nodes,
      feed: up.feed,
      rng: createRng(deriveSeed(context().settings.seed, 'mirror', index)),
    });
    await listen(up, mirror);
    if (spec.registration === 'pending') up.request(mirror);
    else up.mirrors.push(mirror);
    return mirror;
  };

  const listen = async (up: DemoUpstream, mirror: DemoMirror): Promise<void> => {
    const c = context();
    let turn = 0;
    const rotate = (): number => turn++;
    const listener = (label: string, serving: MirrorServing): DemoListener =>
      new DemoListener(
        serving.kind === 'node' ? serving.node.host : FRONT_HOST,
        label,
        withGit(
          mirrorGitSite(up, mirror, serving, rotate, c),
          demoRequestListener(
            () => c.settings.latencyMs,
            (req, body) =>
              respondMirror(up, mirror, serving, { method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization, body }, rotate),
            (err) => restError(500, `The demo mirror failed to answer: ${err instanceof Error ? err.message : String(err)}`, null),
            c.settings.delay,
          ),
        ),
      );
    const single = mirror.mirrorType === 'SINGLE';
    const only = mirror.nodes[0] as MirrorNode;
    mirror.front = listener(`mirror ${mirror.name}`, single ? { kind: 'node', node: only } : { kind: 'front' });
    const port = c.nextPort();
    // An ephemeral port is free on 127.0.0.1 but may be taken on a node's address: try a few.
    for (let attempt = 0; ; attempt++) {
      await mirror.front.listen(port);
      if (single) {
        only.listener = mirror.front;
        break;
      }
      const failed = await startNodes(mirror, mirror.front.port, listener);
      if (failed === null || port !== 0 || attempt >= 4) break;
      await Promise.all([mirror.front.close(), ...mirror.nodes.map((n) => n.listener?.close())]);
    }
    mirror.baseUrl = `http://${FRONT_HOST}:${mirror.front.port}`;
  };

  /** Starts a farm's node listeners; returns the first EADDRINUSE, if any (other failures leave the node down). */
  const startNodes = async (mirror: DemoMirror, port: number, make: (label: string, s: MirrorServing) => DemoListener): Promise<Error | null> => {
    let inUse: Error | null = null;
    for (const node of mirror.nodes) {
      node.listener ??= make(`mirror node ${node.name}`, { kind: 'node', node });
      try {
        await node.listener.listen(port);
        node.bindProblem = null;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // macOS routes only 127.0.0.1 to loopback: the node then stays down, and says why.
        node.bindProblem = `${message} (on macOS: sudo ifconfig lo0 alias ${node.host} up)`;
        if (/in use/i.test(message)) inUse ??= err as Error;
      }
    }
    return inUse;
  };

  const upstreamOf = (primaryId: string): DemoUpstream => {
    const up = upstreams.find((u) => u.primary.id === primaryId);
    if (!up) throw new DemoInputError(`The demo fleet has no primary "${primaryId}". Its primaries are: ${upstreams.map((u) => u.primary.id).join(', ')}.`);
    return up;
  };

  const mirrorOf = (mirrorId: string): { up: DemoUpstream; mirror: DemoMirror } => {
    for (const up of upstreams) {
      const mirror = up.mirrors.find((m) => m.mirrorId === mirrorId);
      if (mirror) return { up, mirror };
    }
    const known = upstreams.flatMap((u) => u.mirrors.map((m) => `${m.mirrorId} (${m.name})`)).join(', ');
    throw new DemoInputError(`The demo fleet has no mirror "${mirrorId}". Its mirrors are: ${known}.`);
  };

  const nodeOf = (mirror: DemoMirror, name: string): MirrorNode => {
    const node = mirror.nodes.find((n) => n.name === name);
    if (!node) throw new DemoInputError(`Mirror "${mirror.name}" has no node "${name}". Its nodes are: ${mirror.nodes.map((n) => n.name).join(', ')}.`);
    return node;
  };

  return {
    name: 'mirrors',

    async start(c) {
      ctx = c;
      for (const [i, primary] of c.primaries.entries()) {
        const rng = createRng(deriveSeed(c.settings.seed, 'mirrors', i));
        const feed = new PushFeed(primary, createRng(deriveSeed(c.settings.seed, 'pushes', i)), `${c.settings.seed}:${primary.id}`, Math.floor(c.clock.now()));
        const up = new DemoUpstream(primary, feed, c.clock, rng.hex(32));
        rngs.set(up, rng);
        upstreams.push(up);
        addRouteGroup(primary, up.routeGroup());
        // The primary's git history grows by one commit per simulated push.
        primary.pushesOf = (repoId) => {
          feed.advance(Math.floor(c.clock.now()));
          return feed.changesOf(repoId).version;
        };
        const site = SITES[i % SITES.length] as string;
        const projects = [...primary.catalog.projects].sort((a, b) => a.id - b.id);
        for (let k = 0; k < c.settings.mirrorFarmsPerPrimary; k++) {
          await addMirror(up, {
            name: k === 0 ? `${site} CI farm` : `${site} CI farm ${k + 1}`,
            api: '9.x',
            mirrorType: 'FARM',
            registration: 'accepted',
            mode: 'ALL_PROJECTS',
            projectIds: [],
            synchronizedAtStart: true,
          });
        }
        await addMirror(up, {
          name: `${OFFICE_SITES[i % OFFICE_SITES.length] as string} office mirror`,
          api: '8.x',
          mirrorType: 'SINGLE',
          registration: 'accepted',
          mode: 'SELECTED_PROJECTS',
          // All but the two newest projects, so the demo shows repositories that are not mirrored too.
          projectIds: projects.slice(0, Math.max(1, projects.length - 2)).map((p) => String(p.id)),
          synchronizedAtStart: true,
        });
        await addMirror(up, { ...newcomer(up, i), registration: 'pending' });
      }
    },

    async applyFault(targetId, fault: DemoFault, enabled) {
      const now = Math.floor(context().clock.now());
      for (const up of upstreams) up.feed.advance(now);
      switch (fault.kind) {
        case 'mirror-node-offline': {
          const { mirror } = mirrorOf(targetId);
          const node = nodeOf(mirror, fault.node);
          mirror.setNodeOffline(node.name, enabled, now);
          if (node.listener && node.bindProblem === null) await (enabled ? node.listener.close() : node.listener.reopen());
          return true;
        }
        case 'mirror-repo-failing': {
          const { mirror } = mirrorOf(targetId);
          if (!mirror.setFailing(nodeOf(mirror, fault.node).name, enabled, now)) throw noVictim(mirror, fault.node);
          return true;
        }
        case 'mirror-farm-behind':
          mirrorOf(targetId).mirror.setBehind(enabled, now);
          return true;
        case 'mirror-hash-mismatch': {
          const { mirror } = mirrorOf(targetId);
          if (!mirror.setMismatch(nodeOf(mirror, fault.node).name, enabled, now)) throw noVictim(mirror, fault.node);
          return true;
        }
        case 'mirror-request': {
          const up = upstreamOf(targetId);
          const pending = up.pendingRequests();
          if (enabled && pending.length === 0 && !stopping) await addMirror(up, { ...newcomer(up, upstreams.indexOf(up)), registration: 'pending' });
          if (!enabled) pending.forEach((r: MirroringRequest) => up.withdraw(r));
          return true;
        }
        case 'mirroring-unavailable':
          upstreamOf(targetId).unavailable = enabled ? (fault.reason ?? 'plugin-disabled') : null;
          return true;
        default:
          return false;
      }
    },

    state(): MirrorsDemoState {
      return {
        farms: upstreams.flatMap((u) => u.mirrors.map((m) => m.demoState())),
        primaries: upstreams.map((u) => ({ primaryId: u.primary.id, pendingRequests: u.pendingRequests().length, unavailable: u.unavailable })),
      };
    },

    past: (span) => mirrorsPast(upstreams, span),
    config: () => ({}),

    async stop() {
      stopping = true;
      const all = upstreams.flatMap((u) => u.mirrors.flatMap((m) => [m.front, ...m.nodes.map((n) => n.listener)]));
      await Promise.all([...new Set(all)].filter((l) => l !== null).map((l) => l.dispose()));
    },
  };
}

function noVictim(mirror: DemoMirror, node: string): DemoInputError {
  return new DemoInputError(`Mirror "${mirror.name}" has no repository in sync on ${node} to pick: give it projects first, and let them synchronize.`);
}

/** A new mirror for `up` that will ask to be authorized; later ones get a number. */
function newcomer(up: DemoUpstream, index: number): Omit<MirrorSpec, 'registration'> {
  const site = SITES[(index + 5) % SITES.length] as string;
  const count = up.mirrors.filter((m) => m.name.startsWith(`${site} CI mirror`)).length;
  return {
    name: count === 0 ? `${site} CI mirror` : `${site} CI mirror ${count + 1}`,
    api: '9.x',
    mirrorType: 'SINGLE',
    mode: 'SELECTED_PROJECTS',
    projectIds: [],
    synchronizedAtStart: false,
  };
}

/** The id of the upstream as its mirrors know it: one per primary. */
const upstreamIds = new WeakMap<DemoUpstream, string>();
function upstreamIdOf(up: DemoUpstream): string {
  let id = upstreamIds.get(up);
  if (id === undefined) {
    id = createRng(deriveSeed(0, 'upstream', up.primary.id)).uuid();
    upstreamIds.set(up, id);
  }
  return id;
}

/** Shaped like Bitbucket's server ids: `B8A2-11C4-7F3D-9E0A`. */
function bitbucketId(rng: Rng): string {
  return Array.from({ length: 4 }, () => rng.hex(4).toUpperCase()).join('-');
}

/**
 * A mirror node (or the farm's front, passing each clone to a node that is up) serving git: the
 * repository as far as that node has synchronized it, so a node or farm behind serves older refs.
 */
function mirrorGitSite(up: DemoUpstream, mirror: DemoMirror, serving: MirrorServing, rotate: () => number, c: DemoExtensionContext): GitSite {
  return {
    credentials: up.primary.credentials,
    delay: c.settings.delay,
    resolve: async (key, slug) => {
      const node = serving.kind === 'node' ? serving.node : pickNode(mirror, rotate);
      if (node === undefined) return restError(503, 'No node of this mirror farm is available.', null);
      const repo = findRepo(up.primary, key, slug);
      if (!('slug' in repo)) return repo;
      const now = Math.floor(c.clock.now());
      up.feed.advance(now);
      const entry = mirror.entry(repo, node.name, now);
      if (entry === null)
        return restError(
          404,
          `Repository ${key}/${slug} is not mirrored on ${node.name}: its project is not selected, or its first synchronization has not finished.`,
          null,
        );
      return { view: await c.git.view(up.primary.id, repo.id, entry.version), pieceDelayMs: 0 };
    },
  };
}
