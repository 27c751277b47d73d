// Layering is enforced here, not by memory (DESIGN.md, "Architecture"):
// shared/ imports nothing of the others and no runtime; only electron/main and electron/preload
// import `electron`; the renderer imports no Node module; raw IPC lives in one module per side.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettierConfig from 'eslint-config-prettier';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:*'];
const noNode = { group: nodeBuiltins, message: 'This layer must not import Node modules.' };
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload import electron.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Node code never imports the renderer.' };
/** Refuses a relative import that reaches one of electron/<dirs> (`../demo`, `../../cli/main`, `../../electron/host`). */
const insideElectron = (dirs, message) => ({ regex: `^(?:\\.\\./)+(?:electron/)?(?:${dirs.join('|')})(?:/|$)`, message });
const noShellToCli = insideElectron(['cli'], 'The shell starts the host from electron/host, never through the CLI.');
const noShellToFleet = insideElectron(['demo', 'server'], 'The shell starts electron/host, which chooses the fleet; it starts no demo or server itself.');
const noTlsOff = { selector: "Property[key.name='rejectUnauthorized'][value.value=false]", message: 'Never disable TLS verification.' };
const pushMessage = 'Push through electron/main/ipc/push.ts.';

export default tseslint.config(
  // wasm/ is AssemblyScript (compiled by scripts/build-wasm.mjs), not TypeScript: its types (u32, v128) are not TypeScript's.
  { ignores: ['dist/**', 'dist-electron/**', 'out/**', 'release/**', 'node_modules/**', 'wasm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-syntax': ['error', noTlsOff],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [noNode, { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom'], message: 'shared/ imports nothing of the other layers.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [noNode, { group: ['**/electron/**'], message: 'The renderer talks to the engine only through renderer/bridge.' }],
        },
      ],
    },
  },
  // The Node side, layer by layer. Each block lists everything its layer may not import, since a later
  // block's no-restricted-imports replaces an earlier one's for the same file.
  {
    files: ['electron/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            noRenderer,
            insideElectron(
              ['demo', 'server', 'cli', 'main', 'preload', 'host'],
              'The engine never imports the demo, the server, the CLI, the shell or the host.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/demo/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            noRenderer,
            insideElectron(
              ['engine', 'server', 'cli', 'main', 'preload', 'host'],
              'The demo is a simulated fleet: it imports shared/ and Node only, so the engine cannot tell it from a real one.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [noRenderer, insideElectron(['demo', 'cli', 'main', 'preload'], 'The server adapts the host; it chooses no fleet and starts nothing.')],
        },
      ],
    },
  },
  {
    files: ['electron/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [noRenderer, insideElectron(['main', 'preload'], 'The CLI starts the shell as a process, never by import.')] },
      ],
    },
  },
  {
    // The composition root: it may import the engine and the demo (it chooses the fleet), nothing that adapts it.
    files: ['electron/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            noRenderer,
            insideElectron(['server', 'cli', 'main', 'preload'], 'The host is adapted by the server, the CLI and the shell; it imports none of them.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Use electron/main/ipc (sender checks, validation).' }],
          patterns: [noRenderer, noShellToCli, noShellToFleet],
        },
      ],
    },
  },
  {
    files: ['electron/main/ipc/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer, noShellToCli, noShellToFleet] }] },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNode,
            noRenderer,
            insideElectron(['engine', 'demo', 'server', 'cli', 'main', 'host'], 'The preload is sandboxed: electron and shared/ only.'),
          ],
        },
      ],
    },
  },
  {
    // Raw pushes go through one module, whichever object holds the webContents (`win.webContents.send`, `this.win.webContents.send`).
    files: ['electron/**'],
    ignores: ['electron/main/ipc/push.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        noTlsOff,
        { selector: "MemberExpression[property.name='send'][object.type='MemberExpression'][object.property.name='webContents']", message: pushMessage },
        { selector: "MemberExpression[property.name='send'][object.name='webContents']", message: pushMessage },
      ],
    },
  },
  // Type-aware rules where promises carry the work: a floating promise in the engine or a shell is an
  // unhandled rejection or an answer sent before the work is done.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['electron/**/*.ts'] })),
  {
    files: ['electron/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A handler that implements a Promise-returning interface stays `async` without an `await`, so
      // that what it throws reaches the caller as a rejection, never as a synchronous throw.
      '@typescript-eslint/require-await': 'off',
      // Rejecting with an AbortSignal's reason is the platform's convention (fetch, timers/promises);
      // `reason` is typed `any`, as `throw signal.reason` is, which only-throw-error already allows.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true }],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', '*.config.ts', '*.config.js'],
    rules: { 'max-lines': 'off' },
  },
  // Formatting belongs to Prettier (`npm run lint` checks it); no lint rule argues with it.
  prettierConfig,
);
