// Builds what runs: the renderer with Vite (dist/renderer) and the Node side with esbuild
// (dist-electron): the CLI as ESM, Electron's main as CJS, and the sandboxed preload as one CJS
// file with nothing to require but `electron`. `--if-stale` skips the work when nothing changed.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { buildWasmModules } from './build-wasm.mjs';
import { buildRenderer } from './build-renderer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputs = [
  'dist/renderer/index.html',
  'dist-electron/cli.mjs',
  'dist-electron/main.cjs',
  'dist-electron/preload.cjs',
  'dist-electron/access-log-worker.cjs',
  'dist-electron/inventory-worker.cjs',
].map((p) => join(root, p));

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['electron', 'renderer', 'shared', 'wasm']) if (existsSync(join(root, d))) walk(join(root, d));
  for (const f of ['package.json', 'vite.config.ts']) if (existsSync(join(root, f))) newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  return newest;
}

if (process.argv.includes('--if-stale') && outputs.every(existsSync)) {
  const oldest = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  if (oldest >= newestSource()) process.exit(0);
}

const t0 = Date.now();
// The access-log line parse in WebAssembly: its generated module is committed, rewritten here only when the source changed it.
await buildWasmModules();
// Chunks of an older build would pile up beside the new ones (their names carry a hash).
rmSync(join(root, 'dist-electron', 'cli-chunks'), { recursive: true, force: true });
await buildRenderer(root);

// Demo scenarios are YAML files in the repository; a bundle carries their text in place of the
// module that reads them from disk (electron/demo/scenarios/scenario-texts.ts).
const scenarioDir = join(root, 'electron', 'demo', 'scenarios');
const bundledScenarios = {
  name: 'bundled-scenarios',
  setup(b) {
    b.onResolve({ filter: /\/scenario-texts$/ }, () => ({ path: 'scenario-texts', namespace: 'bundled-scenarios' }));
    b.onLoad({ filter: /.*/, namespace: 'bundled-scenarios' }, () => {
      const texts = Object.fromEntries(
        readdirSync(scenarioDir)
          .filter((f) => f.endsWith('.yaml'))
          .map((f) => [f, readFileSync(join(scenarioDir, f), 'utf8')]),
      );
      // Parsed here too: YAML parsing at run time was ≈ 120 ms of `serve --demo`'s CPU during its
      // first poll (issue 13 item 7). JSON holds every value the YAML core schema gives.
      const documents = Object.fromEntries(
        Object.entries(texts).map(([f, text]) => {
          try {
            return [f, parseYaml(text)];
          } catch (err) {
            throw new Error(`electron/demo/scenarios/${f} is not valid YAML: ${err.message}`, { cause: err });
          }
        }),
      );
      return {
        contents: `const texts = ${JSON.stringify(texts)};\nconst documents = ${JSON.stringify(documents)};\nexport const scenarioTexts = () => texts;\nexport const scenarioDocuments = () => documents;\n`,
        loader: 'js',
      };
    });
  },
};
// zod's namespace (`z`, with `z.core` and `z.locales`) keeps every one of its ≈ 50 error-message
// locales in a bundle: 361 KB of the 755 KB zod chunk, parsed and run on the way to `serve`'s first
// data (issue 13 item 7). Fleetscope's messages are English only (zod sets `en` itself at load), so
// `z.locales` holds `en` alone in the Node bundles. The page's bundler leaves the locales out already.
const englishZodLocale = {
  name: 'english-zod-locale',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'english-zod-locale' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'english-zod-locale' }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  plugins: [bundledScenarios, englishZodLocale],
};
await Promise.all([
  // Split: each command's code is a chunk the CLI imports when that command runs (issue 13).
  build({
    ...common,
    entryPoints: { cli: 'electron/cli/index.ts' },
    outdir: 'dist-electron',
    splitting: true,
    chunkNames: 'cli-chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    // Pure-JS packages are bundled: Node resolved, read and compiled undici and zod file by file,
    // ≈ 40 % more CPU than one bundled file, on the path to `serve`'s first data (issue 13 item 7).
    // Native ones (libsql, ssh2's optional crypto) stay packages. Their CommonJS needs `require`,
    // and `__filename` (write-file-atomic names its temporary files with it).
    external: ['libsql', 'ssh2', 'electron'],
    banner: {
      js: [
        "import { createRequire as __fleetscopeRequire } from 'node:module';",
        "import { fileURLToPath as __fleetscopeFileOf } from 'node:url';",
        "import { dirname as __fleetscopeDirOf } from 'node:path';",
        'const require = __fleetscopeRequire(import.meta.url);',
        'const __filename = __fleetscopeFileOf(import.meta.url);',
        'const __dirname = __fleetscopeDirOf(__filename);',
      ].join('\n'),
    },
  }),
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist-electron/main.cjs', format: 'cjs', packages: 'external', external: ['electron'] }),
  build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist-electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  // The access-log reader's worker thread, for the CLI and the desktop alike (electron/engine/access-log/range-runner.ts).
  build({
    ...common,
    entryPoints: ['electron/engine/access-log/range-worker.ts'],
    outfile: 'dist-electron/access-log-worker.cjs',
    format: 'cjs',
    packages: 'external',
  }),
  // The inventory's reader thread, the same way (electron/engine/bitbucket/inventory-reader.ts).
  build({
    ...common,
    entryPoints: ['electron/engine/bitbucket/inventory-worker.ts'],
    outfile: 'dist-electron/inventory-worker.cjs',
    format: 'cjs',
    packages: 'external',
  }),
]);
mkdirSync(join(root, 'dist-electron'), { recursive: true });
writeFileSync(join(root, 'dist-electron', 'package.json'), '{ "type": "commonjs" }\n');
console.log(`Built renderer and Node bundles in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
