/**
 * The order to read the parts of one rotated log in: oldest first, so a request line at the end of
 * one part pairs with its response at the start of the next.
 *
 * - Bitbucket's own rotation (logback) numbers a day's parts up: `…access-2024-05-01.0.log.bz2`,
 *   `.1`, … `.10`; the part being written is `…access.log`, last. A busy node writes more than ten
 *   parts a day (25 MB each), and by name `.10` comes before `.2`: numbers are compared as numbers.
 * - logrotate numbers them down: `….log.2` is older than `….log.1`, which is older than `….log`.
 */
export function olderFirst(a: string, b: string): number {
  const x = partOf(a);
  const y = partOf(b);
  return naturalCompare(x.stem, y.stem) || y.age - x.age;
}

const LOGROTATE_AGE = /\.log\.(\d+)$/i;

/** The name without its compression, and its logrotate age (0: the current file, or none). */
function partOf(name: string): { stem: string; age: number } {
  const bare = name.replace(/\.(gz|bz2)$/i, '');
  const m = LOGROTATE_AGE.exec(bare);
  return m ? { stem: bare.slice(0, m.index + 4), age: Number(m[1]) } : { stem: bare, age: 0 };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Code unit by code unit, except that runs of digits compare by their value (`2` < `10`). */
function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c = a.charCodeAt(i);
    const d = b.charCodeAt(j);
    if (isDigit(c) && isDigit(d)) {
      let ie = i;
      let je = j;
      while (ie < a.length && isDigit(a.charCodeAt(ie))) ie++;
      while (je < b.length && isDigit(b.charCodeAt(je))) je++;
      // Leading zeros aside, a longer run is a larger number; equal lengths compare digit by digit.
      const x = a.slice(i, ie).replace(/^0+(?=\d)/, '');
      const y = b.slice(j, je).replace(/^0+(?=\d)/, '');
      if (x.length !== y.length) return x.length - y.length;
      if (x !== y) return x < y ? -1 : 1;
      i = ie;
      j = je;
      continue;
    }
    if (c !== d) return c - d;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}
