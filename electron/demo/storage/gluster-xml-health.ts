// `gluster --xml` output of heal info, geo-replication status and quota lists, as GlusterFS 10.3 prints them.
import { close, document, el, esc, HEADER, open } from './gluster-xml-document';

export const GEOREP_NONE_TEXT = 'geo-replication command failed\n';

export type XmlHealBrick =
  | {
      name: string;
      uuid: string;
      connected: true;
      total: number;
      pending: number;
      splitBrain: number;
      possiblyHealing: number;
      files?: Array<{ gfid: string; path: string }>;
    }
  | { name: string; connected: false };

/** `heal V info summary`, or with `listFiles` the `info split-brain` form. Heal info writes its opRet last. */
export function healInfoXml(bricks: XmlHealBrick[], mode: 'summary' | 'split-brain'): string {
  const body = [HEADER, '<cliOutput>', open(1, 'healInfo'), open(2, 'bricks')];
  for (const b of bricks) {
    body.push(open(3, 'brick', ` hostUuid="${b.connected ? b.uuid : '-'}"`), el(4, 'name', b.name));
    if (!b.connected) {
      body.push(
        mode === 'summary'
          ? el(4, 'status', 'Failed to process entries completely. (Transport endpoint is not connected)totalNumberOfEntries0')
          : el(4, 'status', 'Transport endpoint is not connected'),
      );
      if (mode === 'split-brain') body.push(el(4, 'numberOfEntries', '-'));
    } else if (mode === 'summary') {
      body.push(
        el(4, 'status', 'Connected'),
        el(4, 'totalNumberOfEntries', b.total),
        el(4, 'numberOfEntriesInHealPending', b.pending),
        el(4, 'numberOfEntriesInSplitBrain', b.splitBrain),
        el(4, 'numberOfEntriesPossiblyHealing', b.possiblyHealing),
      );
    } else {
      const files = b.files ?? [];
      for (const f of files) body.push(`${'  '.repeat(4)}<file gfid="${f.gfid}">${esc(f.path)}</file>`);
      body.push(el(4, 'status', 'Connected'), el(4, 'numberOfEntries', files.length));
    }
    body.push(close(3, 'brick'));
  }
  body.push(close(2, 'bricks'), close(1, 'healInfo'), el(1, 'opRet', 0), el(1, 'opErrno', 0), el(1, 'opErrstr', ''), '</cliOutput>', '');
  return body.join('\n');
}

export interface XmlGeoRepPair {
  primaryNode: string;
  primaryBrick: string;
  secondaryUser: string;
  secondary: string;
  secondaryNode: string;
  status: string;
  crawlStatus: string;
  /** null: the counters and times are N/A (any state but Active). */
  active: { entry: number; data: number; meta: number; failures: number; lastSynced: string } | null;
  primaryNodeUuid: string;
}

export interface XmlGeoRepSession {
  primaryVolume: string;
  sessionSecondary: string;
  pairs: XmlGeoRepPair[];
}

export function geoRepStatusXml(sessions: XmlGeoRepSession[]): string {
  const body = [open(1, 'geoRep')];
  for (const s of sessions) {
    body.push(open(2, 'volume'), el(3, 'name', s.primaryVolume), open(3, 'sessions'), open(4, 'session'), el(5, 'session_secondary', s.sessionSecondary));
    for (const p of s.pairs) {
      const a = p.active;
      body.push(
        open(5, 'pair'),
        el(6, 'primary_node', p.primaryNode),
        el(6, 'primary_brick', p.primaryBrick),
        el(6, 'secondary_user', p.secondaryUser),
        el(6, 'secondary', p.secondary),
        el(6, 'secondary_node', p.secondaryNode),
        el(6, 'status', p.status),
        el(6, 'crawl_status', p.crawlStatus),
        el(6, 'entry', a ? a.entry : 'N/A'),
        el(6, 'data', a ? a.data : 'N/A'),
        el(6, 'meta', a ? a.meta : 'N/A'),
        el(6, 'failures', a ? a.failures : 'N/A'),
        el(6, 'checkpoint_completed', 'N/A'),
        el(6, 'primary_node_uuid', p.primaryNodeUuid),
        el(6, 'last_synced', a ? a.lastSynced : 'N/A'),
        el(6, 'checkpoint_time', 'N/A'),
        el(6, 'checkpoint_completion_time', 'N/A'),
        close(5, 'pair'),
      );
    }
    body.push(close(4, 'session'), close(3, 'sessions'), close(2, 'volume'));
  }
  body.push(close(1, 'geoRep'));
  return document(body);
}

export interface XmlQuotaLimit {
  path: string;
  hardLimit: number;
  softLimitPercent: number;
  used: number;
}

export function quotaListXml(limits: XmlQuotaLimit[]): string {
  const body = [open(1, 'volQuota')];
  for (const l of limits) {
    const soft = Math.floor((l.hardLimit * l.softLimitPercent) / 100);
    body.push(
      open(2, 'limit'),
      el(3, 'path', l.path),
      el(3, 'hard_limit', l.hardLimit),
      el(3, 'soft_limit_percent', `${l.softLimitPercent}%`),
      el(3, 'soft_limit_value', soft),
      el(3, 'used_space', l.used),
      el(3, 'avail_space', Math.max(0, l.hardLimit - l.used)),
      el(3, 'sl_exceeded', l.used > soft ? 'Yes' : 'No'),
      el(3, 'hl_exceeded', l.used >= l.hardLimit ? 'Yes' : 'No'),
      close(2, 'limit'),
    );
  }
  body.push(close(1, 'volQuota'));
  return document(body);
}
