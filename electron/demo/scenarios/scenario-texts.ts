import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The scenario files' text, read beside this module when run from source (tsx, vitest). Bundles
 * replace this module with one holding the text (scripts/build.mjs), so a bundle needs no files.
 */
export const scenarioTexts = (files: readonly string[]): Record<string, string> =>
  Object.fromEntries(files.map((file) => [file, readFileSync(new URL(file, import.meta.url), 'utf8')]));

/**
 * The scenario files as parsed YAML, not yet checked. Bundles hold them parsed at build time
 * (scripts/build.mjs): parsing the four files took ≈ 120 ms of `serve --demo`'s CPU when the page's
 * first `getDemoState` arrived, during the first poll (issue 13 item 7). From source they are
 * parsed here, as the bundle's build does.
 */
export const scenarioDocuments = (files: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(scenarioTexts(files)).map(([file, text]) => [file, parse(text)]));
