import { formatDuration } from '../../shared/logic/format';

export { formatAge } from '../../shared/logic/format';

/** A duration, or an em dash when there is none to show. */
export const formatOptionalDuration = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));

const countFormat = new Intl.NumberFormat('en-US');

/** Counts with thousands separators ("1,234"); the raw number goes in `data-value`. */
export const formatCount = (n: number): string => countFormat.format(n);

export const formatTimestamp = (at: number): string => new Date(at).toLocaleString();
