import { z } from 'zod';

/**
 * An array whose every element `isCell` accepts, checked by a plain loop. Zod's per-element
 * machinery costs ≈ 60 ms for 70,000 cells on a throttled renderer, a long task on every poll; this
 * costs ≈ 1 ms. Used for tables sent as columns and for long lists of rows.
 */
export const arrayOf = <T>(what: string, isCell: (v: unknown) => v is T) =>
  z.custom<T[]>((v) => Array.isArray(v) && v.every(isCell), { message: `Expected an array of ${what}` });
