// A simulated fleet in its own process, so the engine's figures (time, memory) are its own.
// Prints one line `READY <fleet config JSON>`; stops on SIGTERM.
import { demoFleetConfig, startDemoFleet } from '../../electron/demo';

const options = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startDemoFleet>[0];
const fleet = await startDemoFleet(options);
process.stdout.write(`READY ${JSON.stringify(demoFleetConfig(fleet, { pollIntervalSeconds: 3600 }))}\n`);
process.on('SIGTERM', () => {
  void fleet.stop().then(() => process.exit(0));
});
