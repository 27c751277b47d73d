/** Bytes as "1.2 TB" (powers of 1024, as gluster and df -h print them). */
export function formatBytes(n: number | null): string {
  if (n === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

export const formatPercent = (n: number | null): string => (n === null ? '—' : `${n.toFixed(n >= 10 ? 0 : 1)} %`);
