#!/usr/bin/env node
// The `fleetscope` command: runs the bundled CLI that `npm ci` (prepare) or `npm run build` made.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist-electron', 'cli.mjs');
if (!existsSync(cli)) {
  process.stderr.write('Fleetscope is not built yet: run `npm run build` in its folder (npm ci does it too), then try again.\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
