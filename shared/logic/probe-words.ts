import { PROBE_PHASE_LABELS, type ProbeClone, type ProbeEndpoint } from '../model/probe';
import { formatBytes, formatDuration } from './units';

const CONNECT_WORDS: Record<ProbeEndpoint['transport'], string> = {
  http: 'name lookup, TCP and TLS',
  ssh: 'TCP, SSH handshake and key authentication',
};

/**
 * A clone as a support engineer says it: "41 s, 38 s of it receiving the pack at 2.1 MB/s", or
 * "9.0 s, 7.5 s of it in ref advertisement" (the phase that took longest).
 */
export function cloneTimeWords(clone: ProbeClone, transport?: ProbeEndpoint['transport']): string {
  const main = [...clone.phases].sort((a, b) => b.ms - a.ms)[0];
  let line = formatDuration(clone.totalMs);
  if (main && main.ms > 0 && clone.totalMs > 0) {
    const rate = clone.bytesPerSecond === null ? '' : ` at ${formatBytes(clone.bytesPerSecond)}/s`;
    line += `, ${formatDuration(main.ms)} of it `;
    if (main.name === 'transfer') line += `receiving the pack${rate}`;
    else if (main.name === 'connect' && transport) line += `connecting (${CONNECT_WORDS[transport]})`;
    else line += `in ${PROBE_PHASE_LABELS[main.name].toLowerCase()}`;
  }
  return line;
}
