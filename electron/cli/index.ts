// First: V8's heap flags must be set before the engine allocates.
import '../engine/heap-flags';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useAccessLogWorker } from '../engine/access-log/range-runner';
import { main } from './main';

// The bundle's folder (dist-electron) holds the access-log worker beside cli.mjs.
useAccessLogWorker(join(dirname(fileURLToPath(import.meta.url)), 'access-log-worker.cjs'));

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`fleetscope: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
