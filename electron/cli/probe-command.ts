import { parseArgs } from 'node:util';
import { formatBytes, formatDuration } from '../../shared/logic/units';
import { PROBE_PHASE_LABELS, PROBE_TRANSPORT_LABELS, type ProbeReport } from '../../shared/model/probe';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../demo';
import { ConfigError } from '../engine/config/load-config';
import { fleetConfigSchema } from '../engine/config/fleet-config-schema';
import { startFleetHost } from '../host/fleet-host';

/** Exit codes of `fleetscope probe`: every endpoint cloned alike, a difference, a failure, no probe. */
export const PROBE_EXIT = { ok: 0, differs: 1, failed: 2, unprobed: 3 } as const;

const warn = (m: string): void => void process.stderr.write(`warning: ${m}\n`);

/** `fleetscope probe --config FILE PROJECT/slug [--json] [--full] [--protocol 1|2] [--transport http|ssh|both] [--cap-mb N] [--timeout S]` (or `--demo`). */
export async function probeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean' },
      json: { type: 'boolean' },
      full: { type: 'boolean' },
      protocol: { type: 'string', default: '2' },
      transport: { type: 'string', default: 'both' },
      'cap-mb': { type: 'string', default: '200' },
      timeout: { type: 'string', default: '120' },
      primary: { type: 'string' },
    },
  });
  const [projectKey, repoSlug, ...extra] = (positionals[0] ?? '').split('/');
  if (!projectKey || !repoSlug || extra.length > 0 || positionals.length !== 1)
    throw new ConfigError('probe needs one repository as PROJECT/slug, e.g. fleetscope probe --config fleet.yaml WEB/web-ui.');
  if (!values.config && !values.demo) throw new ConfigError('probe needs --config FILE (or --demo for the simulated fleet).');
  const protocol = Number(values.protocol);
  if (protocol !== 1 && protocol !== 2) throw new ConfigError(`--protocol must be 1 or 2, not "${values.protocol}".`);
  const transport = values.transport;
  if (transport !== 'http' && transport !== 'ssh' && transport !== 'both')
    throw new ConfigError(`--transport must be http, ssh or both (SSH where the primary's config has an \`ssh\` section), not "${transport}".`);
  let fleet: DemoFleet | undefined;
  let host: Awaited<ReturnType<typeof startFleetHost>> | undefined;
  const onSignal = (): void => void host?.handlers.cancelProbe({ projectKey, repoSlug }).catch(() => undefined);
  process.on('SIGINT', onSignal);
  try {
    if (values.demo) {
      fleet = await startDemoFleet();
      host = await startFleetHost({ config: fleetConfigSchema.parse(demoFleetConfig(fleet)), dataDir: ':memory:', demo: fleet, shell: 'check', warn });
    } else {
      host = await startFleetHost({ configPath: values.config as string, dataDir: ':memory:', warn, shell: 'check' });
    }
    await host.engine.firstPoll();
    const outcome = await host.dispatch('probeClone', {
      projectKey,
      repoSlug,
      ...(values.primary ? { primaryId: values.primary } : {}),
      full: values.full ?? false,
      protocol,
      transport,
      capMB: Number(values['cap-mb']),
      timeoutSeconds: Number(values.timeout),
    });
    if (!outcome.ok) {
      process.stderr.write(`Could not probe ${projectKey}/${repoSlug}: ${outcome.error.message}\n`);
      return PROBE_EXIT.unprobed;
    }
    const { report } = outcome.value as { report: ProbeReport };
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatProbeReport(report)}\n`);
    return probeExitCode(report);
  } finally {
    process.off('SIGINT', onSignal);
    await host?.stop();
    await fleet?.stop();
  }
}

export function probeExitCode(report: ProbeReport): number {
  if (report.endpoints.some((e) => e.error !== null)) return PROBE_EXIT.failed;
  if (report.endpoints.some((e) => e.refsMatchPrimary === false || (e.clone !== null && e.clone.outcome !== 'ok'))) return PROBE_EXIT.differs;
  return PROBE_EXIT.ok;
}

/** The report as text: one verdict per endpoint, then its phases. */
export function formatProbeReport(r: ProbeReport): string {
  const mode = `${r.full ? 'full' : 'shallow'} clone, protocol v${r.protocol}, cap ${formatBytes(r.capBytes)}, git ${r.gitVersion}`;
  const lines = [`Clone doctor: ${r.projectKey}/${r.repoSlug} on ${r.primaryId} (${mode})${r.cancelled ? ' — cancelled' : ''}`];
  for (const e of r.endpoints) {
    lines.push(`  ${e.verdict}`);
    if (e.clone) {
      const phases = e.clone.phases.filter((p) => p.ms >= 0.5).map((p) => `${PROBE_PHASE_LABELS[p.name]} ${formatDuration(p.ms)}`);
      lines.push(`      ${phases.join(' · ')} · ${formatBytes(e.clone.packBytes)} of pack · ${PROBE_TRANSPORT_LABELS[e.transport]} ${e.url}`);
    }
  }
  for (const note of r.notes) lines.push(`  Note: ${note}`);
  return lines.join('\n');
}
