import { formatBytes, formatDuration } from '../../../shared/logic/units';
import { PROBE_PHASE_LABELS, type ProbeEndpoint } from '../../../shared/model/probe';

const CACHE_WORDS: Record<ProbeEndpoint['cache'], string | null> = {
  hit: 'cache hit',
  miss: 'cache miss',
  uncertain: 'cache outcome uncertain (other clones were counted meanwhile)',
  unknown: 'cache outcome unknown (its counters could not be read)',
  'not-counted': null,
};

const CONNECT_WORDS: Record<ProbeEndpoint['transport'], string> = {
  http: 'name lookup, TCP and TLS',
  ssh: 'TCP, SSH handshake and key authentication',
};

/**
 * One line per endpoint, the way a support engineer says it: "São Paulo CI farm: 41 s, 38 s of it
 * receiving the pack at 2.1 MB/s; refs differ from the primary…" or "Production (load balancer): 9 s, cache hit".
 */
export function verdictOf(e: Omit<ProbeEndpoint, 'verdict'>): string {
  const parts: string[] = [];
  const clone = e.clone;
  if (clone !== null && clone.outcome !== 'failed') {
    const main = [...clone.phases].sort((a, b) => b.ms - a.ms)[0];
    let line = formatDuration(clone.totalMs);
    if (clone.outcome === 'capped') line = `stopped at the size cap after ${line}`;
    if (clone.outcome === 'timeout') line = `timed out after ${line}`;
    if (clone.outcome === 'cancelled') line = `cancelled after ${line}`;
    if (main && main.ms > 0 && clone.totalMs > 0) {
      const rate = clone.bytesPerSecond === null ? '' : ` at ${formatBytes(clone.bytesPerSecond)}/s`;
      line += `, ${formatDuration(main.ms)} of it `;
      if (main.name === 'transfer') line += `receiving the pack${rate}`;
      else if (main.name === 'connect') line += `connecting (${CONNECT_WORDS[e.transport]})`;
      else line += `in ${PROBE_PHASE_LABELS[main.name].toLowerCase()}`;
    }
    parts.push(line);
  }
  if (e.error !== null) parts.push(e.error);
  const cache = CACHE_WORDS[e.cache];
  if (cache !== null && clone !== null) parts.push(cache);
  if (e.refsMatchPrimary === false) parts.push(`refs differ from the primary: ${e.refsNote ?? 'see the refs'}`);
  if (e.refsMatchPrimary === true) parts.push('refs match the primary');
  return `${e.label}: ${parts.join('; ') || 'no result'}`;
}
