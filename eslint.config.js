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

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'out/**', 'release/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-syntax': ['error', { selector: "Property[key.name='rejectUnauthorized'][value.value=false]", message: 'Never disable TLS verification.' }],
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
  {
    files: ['electron/engine/**', 'electron/server/**', 'electron/demo/**', 'electron/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/renderer/**'], message: 'Node code never imports the renderer.' }] }],
    },
  },
  {
    files: ['electron/main/**'],
    ignores: ['electron/main/ipc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Use electron/main/ipc (sender checks, validation).' }],
          patterns: [{ group: ['**/renderer/**'], message: 'Node code never imports the renderer.' }],
        },
      ],
      'no-restricted-properties': ['error', { property: 'send', object: 'webContents', message: 'Push through electron/main/ipc/push.ts.' }],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', '*.config.ts', '*.config.js'],
    rules: { 'max-lines': 'off' },
  },
  // Formatting belongs to Prettier (`npm run lint` checks it); no lint rule argues with it.
  prettierConfig,
);
