import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// WCAG 2.1 contrast of the colour tokens, in both themes: text 4.5:1 (AA; the badges are 11-12 px),
// non-text parts such as the sync legend's squares 3:1 against the card (1.4.11). axe-core checks
// rendered text in the e2e suite; the squares carry no text, so they are checked here.

const css = (name: string): string => readFileSync(new URL(`../../../../renderer/styles/${name}`, import.meta.url), 'utf8');

function tokens(theme: 'light' | 'dark'): Record<string, string> {
  const selector = theme === 'light' ? ":root[data-theme='light'] {" : ":root[data-theme='dark'] {";
  const text = css('theme.css');
  const block = text.slice(text.indexOf(selector), text.indexOf('}', text.indexOf(selector)));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

/** The background of `.sync-summary__swatch.sync-fill--STATE`, as a token name. */
const swatchToken = (state: string): string => {
  const m = new RegExp(`\\.sync-summary__swatch\\.sync-fill--${state}\\s*\\{[^}]*?background:\\s*var\\(--([\\w-]+)\\)`).exec(css('mirrors.css'));
  if (!m) throw new Error(`no swatch colour for ${state}`);
  return m[1]!;
};

describe.each(['light', 'dark'] as const)('colour contrast, %s theme', (theme) => {
  const t = tokens(theme);

  it.each(['up', 'degraded', 'down', 'unknown', 'info', 'demo'])('status badge text "%s" on its own background is at least 4.5:1', (status) => {
    expect(contrast(t[status]!, t[`${status}-bg`]!)).toBeGreaterThanOrEqual(4.5);
  });

  it('primary and danger buttons, and the chosen tab, have text at least 4.5:1 on their fill', () => {
    expect(contrast(t['on-accent']!, t['accent']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(t['on-down']!, t['down']!)).toBeGreaterThanOrEqual(4.5);
  });

  it('muted text is at least 4.5:1 on every surface', () => {
    for (const surface of ['surface', 'surface-2', 'bg']) expect(contrast(t['text-muted']!, t[surface]!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(['in_sync', 'syncing', 'lagging', 'failing', 'unknown'])('the sync legend square "%s" stands out at least 3:1 from the card', (state) => {
    expect(contrast(t[swatchToken(state)]!, t['surface']!)).toBeGreaterThanOrEqual(3);
  });

  it('the pale "not mirrored" square has an outline that stands out at least 3:1', () => {
    const outline = /\.sync-summary__swatch\.sync-fill--not_mirrored\s*\{[^}]*box-shadow:\s*inset 0 0 0 1px var\(--([\w-]+)\)/.exec(css('mirrors.css'));
    expect(outline).not.toBeNull();
    expect(contrast(t[outline![1]!]!, t['surface']!)).toBeGreaterThanOrEqual(3);
  });
});
