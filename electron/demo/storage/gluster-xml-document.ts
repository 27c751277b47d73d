// The envelope and element helpers every `gluster --xml` writer shares: GlusterFS 10.3's indentation and empty forms.

export const HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One element per line at `depth` (two spaces each); an empty value is written `<name/>`. */
export const el = (depth: number, name: string, value: string | number): string => {
  const pad = '  '.repeat(depth);
  const text = String(value);
  return text === '' ? `${pad}<${name}/>` : `${pad}<${name}>${esc(text)}</${name}>`;
};
export const open = (depth: number, name: string, attrs = ''): string => `${'  '.repeat(depth)}<${name}${attrs}>`;
export const close = (depth: number, name: string): string => `${'  '.repeat(depth)}</${name}>`;

/** The envelope: opRet/opErrno/opErrstr first, as every command but heal info writes it. */
export function document(body: string[], op: { ret?: number; errno?: number; errstr?: string } = {}): string {
  return [
    HEADER,
    '<cliOutput>',
    el(1, 'opRet', op.ret ?? 0),
    el(1, 'opErrno', op.errno ?? 0),
    el(1, 'opErrstr', op.errstr ?? ''),
    ...body,
    '</cliOutput>',
    '',
  ].join('\n');
}
