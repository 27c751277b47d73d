/** "12 s ago", "3 min ago", "5 h ago", "2 d ago"; "just now" under a second or from the future. */
export const formatAgo = (elapsedMs: number): string => {
  const s = Math.floor(elapsedMs / 1000);
  if (s < 1) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
};

/** "240 ms", "1.2 s", "2 min 5 s"; an em dash when unknown. */
export const formatDuration = (ms: number | null): string => {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
};

const countFormat = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => countFormat.format(n);

export const formatTimestamp = (at: number): string => new Date(at).toLocaleString();
