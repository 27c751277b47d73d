import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoFleetConfigYaml, startDemoFleet } from '../demo';
import { ConfigError } from '../engine/config/config-error';
import { help, untilSignal } from './cli-io';

/** `fleetscope demo`: only the simulated fleet, and a config that points at it. */
export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'port-base': { type: 'string' }, speed: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return help();
  const portBase = values['port-base'] === undefined ? 0 : Number(values['port-base']);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isInteger(portBase) || portBase < 0 || portBase > 65_000) throw new ConfigError('--port-base must be a whole number from 0 to 65000.');
  if (!(speed > 0 && speed <= 10_000)) throw new ConfigError('--speed must be a number above 0 (at most 10000).');
  const stopRequested = untilSignal();
  // The primaries' access logs stay after the demo stops, for `fleetscope logs` and the Logs view.
  const accessLogDir = mkdtempSync(join(tmpdir(), 'fleetscope-demo-logs-'));
  const fleet = await startDemoFleet({ portBase, speed, accessLogDir });
  process.stdout.write(demoFleetConfigYaml(fleet));
  for (const f of fleet.files()) process.stderr.write(`${f.label}: ${f.path}\n`);
  process.stderr.write(
    `Simulated fleet running (control API ${fleet.controlUrl}). Save the config above and run: fleetscope serve --config FILE; read its access logs with: fleetscope logs ${accessLogDir}. Ctrl+C stops it.\n`,
  );
  await stopRequested;
  await fleet.stop();
  return 0;
}
