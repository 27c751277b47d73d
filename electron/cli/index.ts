// First: V8's heap flags must be set before the engine allocates.
import '../engine/heap-flags';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useAccessLogWorker } from '../engine/access-log/range-runner';
import { useInventoryWorker } from '../engine/bitbucket/inventory-reader';
import { main } from './main';

// The bundle's folder (dist-electron) holds the access-log and inventory workers beside cli.mjs.
const bundle = dirname(fileURLToPath(import.meta.url));
useAccessLogWorker(join(bundle, 'access-log-worker.cjs'));
useInventoryWorker(join(bundle, 'inventory-worker.cjs'));

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`fleetscope: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
