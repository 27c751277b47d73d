import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../../shared/logic/csv';

describe('toCsv', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    const csv = toCsv(
      [
        { a: 'plain', b: 'with, comma', c: null },
        { a: 'say "hi"', b: 'two\nlines', c: '=cmd()' },
      ],
      ['a', 'b', 'c'],
    );
    expect(csv).toBe('a,b,c\r\nplain,"with, comma",\r\n"say ""hi""","two\nlines",\'=cmd()\r\n');
  });
});
