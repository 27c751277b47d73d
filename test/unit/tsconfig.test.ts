import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The Node side (engine, server, demo, CLI, shell) is type-checked without the DOM's types, so a
// `window`, a `document` or a DOM-typed `fetch` answer cannot slip into code that runs in Node.

const root = process.cwd();

function parsed(configFile: string): ts.ParsedCommandLine {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, configFile),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => expect.fail(String(d.messageText)) },
  );
  if (!config) throw new Error(`${configFile} did not parse`);
  return config;
}

/** Type-checks virtual files (path → code) under `configFile` in one program; returns each file's diagnostic codes. */
function diagnostics(configFile: string, probes: Record<string, string>): Record<string, number[]> {
  const { options } = parsed(configFile);
  const virtual = new Map(Object.entries(probes).map(([path, code]) => [resolve(root, path), code]));
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => virtual.get(resolve(f)) ?? read(f);
  host.fileExists = (f) => virtual.has(resolve(f)) || ts.sys.fileExists(f);
  host.getSourceFile = (f, lang, ...rest) => {
    const code = virtual.get(resolve(f));
    return code === undefined ? getSourceFile(f, lang, ...rest) : ts.createSourceFile(f, code, lang);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  const global = program.getGlobalDiagnostics().map((d) => d.code);
  return Object.fromEntries(
    Object.keys(probes).map((path) => [path, [...global, ...ts.getPreEmitDiagnostics(program, program.getSourceFile(resolve(root, path))).map((d) => d.code)]]),
  );
}

const domProbe = 'export const title = document.title;\nexport const width = window.innerWidth;\n';
const nodeProbe =
  'export const f = async (u: URL) => (await fetch(u, { signal: AbortSignal.timeout(1) })).status;\nexport const t = setTimeout(() => undefined, 1);\n';
const layers = ['engine', 'server', 'demo', 'cli', 'main'];
const found = diagnostics('tsconfig.json', {
  ...Object.fromEntries(layers.map((layer) => [`electron/${layer}/dom-probe.ts`, domProbe])),
  'electron/engine/node-probe.ts': nodeProbe,
});

describe('the Node tsconfig gives Node code no DOM types', () => {
  it('has no DOM lib and covers every file under electron/', () => {
    const config = parsed('tsconfig.json');
    expect(config.options.lib?.some((lib) => /dom/i.test(lib))).toBe(false);
    const files = new Set(config.fileNames.map((f) => resolve(f)));
    const electronFiles = ts.sys.readDirectory(join(root, 'electron'), ['.ts']);
    expect(electronFiles.length).toBeGreaterThan(100);
    expect(electronFiles.filter((f) => !files.has(resolve(f)))).toEqual([]);
  });

  it.each(layers)('electron/%s cannot use document or window', (layer) => {
    // TS2584: "Cannot find name 'document'. Do you need to change your target library?"; TS2304: "Cannot find name 'window'".
    expect(found[`electron/${layer}/dom-probe.ts`]).toEqual(expect.arrayContaining([2584, 2304]));
  });

  it('still gives Node code what Node has (fetch, URL, AbortSignal, timers)', () => {
    expect(found['electron/engine/node-probe.ts']).toEqual([]);
  });
});
