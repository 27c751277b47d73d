import { parseArgs } from 'node:util';
import { ConfigError } from '../engine/config/config-error';
import { startFleetHost } from '../host/fleet-host';
import { buildCheckReport, EXIT, formatCheckReport, needsConfirmation } from './check-report';
import { help, warn } from './cli-io';

/** How long `check` waits for the second poll that confirms a problem seen once. */
const CONFIRM_TIMEOUT_MS = 60_000;

/** `fleetscope check`: one poll of the fleet, its findings and an exit code for scripts. */
export async function checkCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return help();
  if (!values.config) throw new ConfigError('check needs --config FILE.');
  const host = await startFleetHost({ configPath: values.config, dataDir: ':memory:', warn, shell: 'check' });
  try {
    await host.engine.firstPoll();
    // A problem seen once is still confirming (storage rules need two polls): look once more now
    // rather than call it unknown, so one invocation reports what it is.
    const unconfirmed = needsConfirmation(host.engine.snapshot());
    await Promise.all(unconfirmed.map((id) => host.engine.repoll(id, CONFIRM_TIMEOUT_MS)));
    const report = buildCheckReport(host.engine.snapshot());
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCheckReport(report)}\n`);
    return report.exitCode;
  } catch (err) {
    process.stderr.write(`Could not check the fleet: ${(err as Error).message}\n`);
    return EXIT.unchecked;
  } finally {
    await host.stop();
  }
}
