import { z } from 'zod';

// Imported first by main.tsx, before any schema is built or parsed. zod compiles object parsers
// with `new Function` and probes for it on first use; under the app's CSP (no 'unsafe-eval') the
// probe fails quietly but Chromium still reports a "blocked eval" violation on every start.
// jitless skips both the probe and the compiler.
z.config({ jitless: true });
