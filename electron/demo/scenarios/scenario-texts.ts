import { readFileSync } from 'node:fs';

/**
 * The scenario files' text, read beside this module when run from source (tsx, vitest). Bundles
 * replace this module with one holding the text (scripts/build.mjs), so a bundle needs no files.
 */
export const scenarioTexts = (files: readonly string[]): Record<string, string> =>
  Object.fromEntries(files.map((file) => [file, readFileSync(new URL(file, import.meta.url), 'utf8')]));
