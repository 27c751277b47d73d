import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const readme = readFileSync(new URL('README.md', root), 'utf8');

const parse = (v: string): number[] => v.replace(/^v/, '').split('.').map(Number);
const atLeast = (have: number[], want: number[]): boolean => {
  for (let i = 0; i < want.length; i += 1) {
    if ((have[i] ?? 0) !== want[i]) return (have[i] ?? 0) > want[i]!;
  }
  return true;
};

describe('supported Node versions: package.json, README and reality agree', () => {
  const minimum = /^>=(\d+\.\d+)\.\d+$/.exec(pkg.engines.node);

  it('package.json states one minimum', () => {
    expect(minimum, pkg.engines.node).not.toBeNull();
  });

  it('the README names that minimum and explains the electron engines warning', () => {
    expect(readme).toContain(`Node.js ${minimum![1]} or later`);
    expect(readme).toMatch(/EBADENGINE[\s\S]{0,200}electron/);
  });

  it('this Node meets it', () => {
    expect(atLeast(parse(process.versions.node), parse(pkg.engines.node.slice(2)))).toBe(true);
  });
});
