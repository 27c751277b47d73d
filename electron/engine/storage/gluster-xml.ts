import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed XML element: child elements by name (arrays where repeated), attributes as `@_x`, text as `#text`. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/**
 * What one `gluster --xml` call printed, classified. The exit code is not used: gluster returns 0
 * with `opRet -1` (a stopped volume's status) and non-zero with perfectly good XML, so success is
 * `opRet == 0` in the envelope, nothing else.
 */
export type CliOutcome =
  | { kind: 'ok'; root: XmlNode }
  | { kind: 'op-failed'; root: XmlNode; opRet: number; opErrno: number | null; opErrstr: string }
  /** "Connection failed. Please check if gluster daemon is operational." — plain text even under --xml. */
  | { kind: 'glusterd-down'; text: string }
  /** Plain text where XML was asked for: `geo-replication command failed`, `volume get` over --remote-host, … */
  | { kind: 'not-xml'; text: string }
  /** XML that does not parse (cut off mid-stream, say) or has no `cliOutput` / `opRet`. */
  | { kind: 'malformed'; text: string; reason: string }
  | { kind: 'empty' };

/** Elements that may repeat; everything else is read as a single child. Keyed by path, since `hostname` is both. */
const ARRAY_PATHS = new Set([
  'cliOutput.volInfo.volumes.volume',
  'cliOutput.volInfo.volumes.volume.bricks.brick',
  'cliOutput.volInfo.volumes.volume.options.option',
  'cliOutput.volStatus.volumes.volume',
  'cliOutput.volStatus.volumes.volume.node',
  'cliOutput.volStatus.volumes.volume.tasks.task',
  'cliOutput.peerStatus.peer',
  'cliOutput.peerStatus.peer.hostnames.hostname',
  'cliOutput.volGetopts.Opt',
  'cliOutput.healInfo.bricks.brick',
  'cliOutput.healInfo.bricks.brick.file',
  'cliOutput.geoRep.volume',
  'cliOutput.geoRep.volume.sessions.session',
  'cliOutput.geoRep.volume.sessions.session.pair',
  'cliOutput.volQuota.limit',
  'cliOutput.volList.volume',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Keep every value a string: "0" must not become 0 and "N/A" must stay readable.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, jpath) => ARRAY_PATHS.has(String(jpath)),
});

const GLUSTERD_DOWN = /Connection failed\. Please check if gluster daemon is operational/i;

/** Classifies what a gluster call printed (stdout and stderr together are fine). */
export function parseCliOutput(output: string): CliOutcome {
  const text = output.trim();
  if (text === '') return { kind: 'empty' };
  if (GLUSTERD_DOWN.test(text)) return { kind: 'glusterd-down', text: firstLines(text) };
  const start = text.indexOf('<?xml') >= 0 ? text.indexOf('<?xml') : text.indexOf('<cliOutput');
  if (start < 0) return { kind: 'not-xml', text: firstLines(text) };
  const xml = text.slice(start);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { kind: 'malformed', text: firstLines(xml), reason: `${valid.err.msg} (line ${valid.err.line})` };
  }
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (err) {
    return { kind: 'malformed', text: firstLines(xml), reason: err instanceof Error ? err.message : String(err) };
  }
  const root = node(doc['cliOutput']);
  if (!root) return { kind: 'malformed', text: firstLines(xml), reason: 'no <cliOutput> element' };
  const opRet = num(root['opRet']);
  if (opRet === null) return { kind: 'malformed', text: firstLines(xml), reason: 'no <opRet> in <cliOutput>' };
  if (opRet !== 0) return { kind: 'op-failed', root, opRet, opErrno: num(root['opErrno']), opErrstr: str(root['opErrstr']) ?? '' };
  return { kind: 'ok', root };
}

/** The first few lines of a text, for an error message a person reads. */
export function firstLines(text: string, max = 3): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const shown = lines.slice(0, max).join(' / ');
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}

/** An element as an object; empty elements (`<peerStatus/>`) read as an empty object. */
export function node(v: XmlValue | undefined): XmlNode | null {
  if (v === undefined) return null;
  if (v === '') return {};
  if (typeof v === 'object' && !Array.isArray(v)) return v;
  return null;
}

/** Repeated children as objects (skipping anything that is not an element). */
export function nodes(v: XmlValue | undefined): XmlNode[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => node(x)).filter((x): x is XmlNode => x !== null);
}

/** Text of an element (or its `#text` when it also has attributes); null when absent or empty. */
export function str(v: XmlValue | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (Array.isArray(v)) return str(v[0]);
  const t = v['#text'];
  return typeof t === 'string' && t !== '' ? t : null;
}

/** A number, or null for absent, empty, "N/A", "-" and anything else that is not one. */
export function num(v: XmlValue | undefined): number | null {
  const s = str(v);
  if (s === null) return null;
  const n = Number(s.trim());
  return s.trim() !== '' && Number.isFinite(n) ? n : null;
}

/** Text values of repeated children, e.g. `<hostnames><hostname>a</hostname>…`. */
export function strs(v: XmlValue | undefined): string[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => str(x)).filter((x): x is string => x !== null);
}
