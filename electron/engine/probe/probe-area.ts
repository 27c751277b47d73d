import { FleetApiError, type ParsedArgs, type ProbeRequestName, type RequestResult } from '../../../shared/contract';
import { probeEvents } from '../../../shared/logic/events/evidence-events';
import type { ProbeEndpoint, ProbeReport } from '../../../shared/model/probe';
import type { AreaContext, EngineArea } from '../area';
import type { Caller, HandlersOf } from '../handlers';
import { checkGit, type GitAccess } from './git-run';
import { probeEndpoint, type CacheCounters } from './probe-endpoint';
import { probeTargets } from './probe-targets';

export interface ProbeAreaOptions {
  repository: HandlersOf<'getRepository'>;
  cache: HandlersOf<'getCacheRepository'>;
  /** Told of each git process a probe starts (tests read its command line while it runs). */
  onGitStarted?: (pid: number) => void;
}

/**
 * The clone doctor (issue #14) as an area: it polls nothing; a user starts a probe, which runs
 * through the one action pipeline (refused to viewers, audited before and after) with the
 * primary's read credential, one probe per repository at a time, cancellable.
 */
export function createProbeArea(opts: ProbeAreaOptions): EngineArea<ProbeRequestName> {
  let context: AreaContext | null = null;
  const running = new Map<string, AbortController>();
  const ctx = (): AreaContext => {
    if (!context) throw new FleetApiError('not-available', 'The engine is still starting; try again in a moment.');
    return context;
  };

  const probe = async (args: ParsedArgs<'probeClone'>, caller?: Caller): Promise<RequestResult<'probeClone'>> => {
    const c = ctx();
    // Locked before anything is read, so a second start is refused at once, not after a slow read.
    const key = lockKey(args);
    if (running.has(key)) {
      throw new FleetApiError('conflict', `A probe of ${args.projectKey}/${args.repoSlug} is already running: wait for it, or cancel it first.`);
    }
    const abort = new AbortController();
    running.set(key, abort);
    try {
      return await probeLocked(c, args, abort, caller);
    } finally {
      running.delete(key);
    }
  };

  const probeLocked = async (c: AreaContext, args: ParsedArgs<'probeClone'>, abort: AbortController, caller?: Caller): Promise<RequestResult<'probeClone'>> => {
    const detail = await opts.repository.getRepository({
      ...(args.primaryId ? { primaryId: args.primaryId } : {}),
      projectKey: args.projectKey,
      repoSlug: args.repoSlug,
    });
    if (!detail.found) {
      throw new FleetApiError(
        'not-found',
        `No repository ${args.projectKey}/${args.repoSlug} on ${detail.primariesSearched.join(', ') || 'any primary'}: check the project key and slug.`,
      );
    }
    const primary = c.config.primaries.find((p) => p.id === detail.primaryId);
    if (!primary) throw new FleetApiError('not-found', `No configured primary "${detail.primaryId}".`);
    if (args.transport === 'ssh' && !primary.ssh) {
      throw new FleetApiError(
        'invalid-argument',
        `${primary.name} has no SSH clone endpoint in the config: add an \`ssh\` section (url, privateKey, knownHostsFile) to it, or probe over HTTP(S).`,
      );
    }
    let report: ProbeReport | null = null;
    const capBytes = args.capMB * 1_000_000;
    const mode = `${args.full ? 'full' : 'shallow'} clone, protocol v${args.protocol}, ${TRANSPORT_WORDS[args.transport]}, cap ${args.capMB} MB`;
    const result = await c.runAction(
      {
        action: 'probeClone',
        credential: 'read',
        primaryId: primary.id,
        targetId: primary.id,
        target: `${primary.name} — ${detail.repo.projectKey}/${detail.repo.slug}`,
        summary: `Probe clones of ${detail.repo.projectKey}/${detail.repo.slug} from every endpoint that serves it (${mode})`,
        unauthorizedMessage: () => `${primary.name} refused the read credential for git: check its \`read\` credential.`,
        repoll: null,
        perform: async () => {
          const gitVersion = await checkGit();
          const { targets, notes } = probeTargets(primary, detail, c.snapshot(), args.transport);
          const access: GitAccess = { credential: primary.read, caFile: primary.tls?.caFile, proxy: primary.proxy, protocol: args.protocol };
          const counters = async (): Promise<CacheCounters | null> => {
            try {
              const r = await opts.cache.getCacheRepository({ primaryId: primary.id, projectKey: detail.repo.projectKey, repoSlug: detail.repo.slug });
              return r.hits === null || r.misses === null ? null : { hits: r.hits, misses: r.misses };
            } catch {
              // Shown as "cache outcome unknown" on each endpoint; the probe itself carries on.
              return null;
            }
          };
          const startedAt = c.now();
          const endpoints: ProbeEndpoint[] = [];
          let primaryRefs: Map<string, string> | null = null;
          // One endpoint after another: the cache counters before and after belong to one clone.
          for (const target of targets) {
            if (abort.signal.aborted) break;
            const done = await probeEndpoint(target, {
              access,
              ssh: primary.ssh,
              full: args.full,
              capBytes,
              timeoutMs: args.timeoutSeconds * 1000,
              signal: abort.signal,
              // The first primary endpoint probed is the reference; the primary over SSH is compared with it.
              primaryRefs,
              cacheCounters: counters,
              ...(opts.onGitStarted ? { onGitStarted: opts.onGitStarted } : {}),
            });
            if (target.kind === 'primary' && primaryRefs === null) primaryRefs = done.refs;
            endpoints.push(done.endpoint);
          }
          report = {
            primaryId: primary.id,
            projectKey: detail.repo.projectKey,
            repoSlug: detail.repo.slug,
            startedAt,
            finishedAt: c.now(),
            gitVersion,
            protocol: args.protocol,
            transport: args.transport,
            full: args.full,
            capBytes,
            cancelled: abort.signal.aborted,
            endpoints,
            notes,
          };
          return endpoints.map((e) => e.verdict).join(' | ');
        },
      },
      { caller },
    );
    if (report === null) throw new FleetApiError('internal', 'The probe ended without a report.');
    // Kept for the repository page's "last probes" and its rules, and told on the fleet's timeline.
    c.store.saveProbeReport(report);
    c.store.recordEvents(probeEvents(report));
    return { ok: true, auditId: result.auditId, report };
  };

  return {
    name: 'probe',
    handlers: {
      probeClone: probe,
      cancelProbe: async (args) => {
        const controller = running.get(lockKey(args));
        controller?.abort();
        return { cancelled: controller !== undefined };
      },
      getProbeHistory: async ({ primaryId, projectKey, repoSlug, limit }) => ({ reports: ctx().store.probeReports(primaryId, projectKey, repoSlug, limit) }),
    },
    start(cx) {
      context = cx;
    },
    contribute: () => undefined,
    firstPoll: async () => undefined,
    stop: async () => {
      for (const controller of running.values()) controller.abort();
      context = null;
    },
  };
}

const TRANSPORT_WORDS = { http: 'over HTTP(S)', ssh: 'over SSH', both: 'over HTTP(S) and SSH' } as const;

/** One probe per repository (project key and slug, whichever primary) at a time. */
const lockKey = (a: { projectKey: string; repoSlug: string }): string => `${a.projectKey}/${a.repoSlug}`.toLowerCase();
