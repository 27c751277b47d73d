import { cloneTimeWords } from '../../../shared/logic/probe-words';
import type { ProbeEndpoint } from '../../../shared/model/probe';

const CACHE_WORDS: Record<ProbeEndpoint['cache'], string | null> = {
  hit: 'cache hit',
  miss: 'cache miss',
  uncertain: 'cache outcome uncertain (other clones were counted meanwhile)',
  unknown: 'cache outcome unknown (its counters could not be read)',
  'not-counted': null,
};

/**
 * One line per endpoint, the way a support engineer says it: "São Paulo CI farm: 41 s, 38 s of it
 * receiving the pack at 2.1 MB/s; refs differ from the primary…" or "Production (load balancer): 9 s, cache hit".
 */
export function verdictOf(e: Omit<ProbeEndpoint, 'verdict'>): string {
  const parts: string[] = [];
  const clone = e.clone;
  if (clone !== null && clone.outcome !== 'failed') {
    let line = cloneTimeWords(clone, e.transport);
    if (clone.outcome === 'capped') line = `stopped at the size cap after ${line}`;
    if (clone.outcome === 'timeout') line = `timed out after ${line}`;
    if (clone.outcome === 'cancelled') line = `cancelled after ${line}`;
    parts.push(line);
  }
  if (e.error !== null) parts.push(e.error);
  const cache = CACHE_WORDS[e.cache];
  if (cache !== null && clone !== null) parts.push(cache);
  if (e.refsMatchPrimary === false) parts.push(`refs differ from the primary: ${e.refsNote ?? 'see the refs'}`);
  if (e.refsMatchPrimary === true) parts.push('refs match the primary');
  return `${e.label}: ${parts.join('; ') || 'no result'}`;
}
