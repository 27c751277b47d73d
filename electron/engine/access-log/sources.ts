import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';
import { olderFirst } from './rotation-order';

/** One log to read: a file, or an entry of a support zip. */
export interface LogSource {
  /** What the user sees: the path, or `bundle.zip!application-logs/…`. */
  name: string;
  /** The node a log belongs to when its request ids carry none: the folder (or zip) it came from. */
  node: string;
  /** Bytes on disk (compressed size for zip entries), for progress. */
  bytes: number;
  /** The raw bytes (counted for progress) and the decompressed lines. */
  open(onRaw: (n: number) => void): Promise<Readable>;
  /** Set for an uncompressed file on disk: read by position into one reused buffer, not through a stream. */
  plainPath?: string;
}

/** Files in a folder or support zip that are access logs, current or rotated (`…access-2024-05-01.0.log.bz2`). */
export const ACCESS_LOG_NAME = /access[^/\\]*\.log(\.\d+)?(\.gz|\.bz2)?$/i;
const MAX_DEPTH = 6;
const HIGH_WATER = 1024 * 1024;

export class LogSourceError extends Error {}

/** Files as given, folders searched for access logs and support zips; zips opened for their access logs. */
export async function expandSources(paths: readonly string[]): Promise<LogSource[]> {
  const out: LogSource[] = [];
  // A shell's `access*` gives a day's parts by name (`.10` before `.2`): named ones are put in order too.
  for (const p of [...paths].sort(olderFirst)) {
    const info = await stat(p).catch((err: NodeJS.ErrnoException) => {
      throw new LogSourceError(`Cannot read "${p}": ${err.code === 'ENOENT' ? 'no such file or folder' : err.message}. Check the path.`);
    });
    if (info.isDirectory()) await walk(p, 0, out);
    else await addFile(p, info.size, out, true);
  }
  return out;
}

async function walk(dir: string, depth: number, out: LogSource[]): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => olderFirst(a.name, b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, depth + 1, out);
    else if (e.isFile() && (ACCESS_LOG_NAME.test(e.name) || /\.zip$/i.test(e.name))) await addFile(p, (await stat(p)).size, out, false);
  }
}

type Format = 'plain' | 'gzip' | 'bzip2' | 'zip';

/** By the first bytes, not the name: rotated logs are renamed, and support zips are not always `.zip`. */
async function sniff(path: string): Promise<Format> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (head.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
    if (head.readUInt32LE(0) === 0x04034b50) return 'zip';
    return 'plain';
  } finally {
    await fh.close();
  }
}

async function addFile(path: string, bytes: number, out: LogSource[], explicit: boolean): Promise<void> {
  const format = await sniff(path);
  if (format === 'zip') {
    out.push(...(await zipSources(path)));
    return;
  }
  if (!explicit && !ACCESS_LOG_NAME.test(basename(path))) return;
  out.push({
    name: path,
    node: basename(dirname(path)),
    bytes,
    open: async (onRaw) => decode(counted(createReadStream(path, { highWaterMark: HIGH_WATER }), onRaw), format),
    ...(format === 'plain' ? { plainPath: path } : {}),
  });
}

function counted(stream: Readable, onRaw: (n: number) => void): Readable {
  stream.on('data', (c: Buffer) => onRaw(c.length));
  return stream;
}

function decode(raw: Readable, format: Exclude<Format, 'zip'>): Readable {
  if (format === 'gzip') return pipeInto(raw, createGunzip({ chunkSize: 256 * 1024 }));
  if (format === 'bzip2') return bunzip(raw);
  return raw;
}

function pipeInto<T extends NodeJS.ReadWriteStream & Readable>(raw: Readable, target: T): T {
  raw.on('error', (err) => target.destroy(err));
  raw.pipe(target);
  return target;
}

/**
 * bzip2 through the system's `bzip2 -dc` (a child process, so decompression runs on another core
 * while this one parses); no npm bzip2 decoder is both maintained and fast enough for gigabytes.
 */
function bunzip(raw: Readable): Readable {
  const child = spawn('bzip2', ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out = child.stdout;
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-500)));
  child.on('error', (err: NodeJS.ErrnoException) =>
    out.destroy(
      new LogSourceError(
        err.code === 'ENOENT'
          ? 'This log is bzip2-compressed and no `bzip2` program was found: install bzip2, or decompress it first.'
          : `bzip2 failed: ${err.message}`,
      ),
    ),
  );
  child.on('close', (code) => {
    if (code !== 0 && code !== null) out.destroy(new LogSourceError(`bzip2 could not decompress the log (exit ${code}): ${stderr.trim() || 'corrupt data'}.`));
  });
  child.stdin.on('error', () => undefined); // EPIPE when bzip2 exits early; its exit code reports why.
  raw.on('error', (err) => out.destroy(err));
  raw.pipe(child.stdin);
  out.on('close', () => {
    raw.destroy();
    if (child.exitCode === null) child.kill();
  });
  return out;
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) =>
      err ? reject(new LogSourceError(`"${path}" is not a readable zip: ${err.message}.`)) : resolve(zip),
    ),
  );
}

/** The access logs inside a support zip (`application-logs/atlassian-bitbucket-access*.log[.bz2]`), read entry by entry. */
async function zipSources(path: string): Promise<LogSource[]> {
  const zip = await openZip(path);
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      if (!e.fileName.endsWith('/') && ACCESS_LOG_NAME.test(e.fileName)) entries.push(e);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  }).finally(() => zip.close());
  // One log, oldest part first (`…access-2024-05-01.2.log.bz2` before `….10.log.bz2` before `…access.log`).
  entries.sort((a, b) => olderFirst(a.fileName, b.fileName));
  return entries.map((entry) => ({
    name: `${path}!${entry.fileName}`,
    node: basename(path).replace(/\.zip$/i, ''),
    bytes: entry.compressedSize,
    open: async (onRaw) => {
      const z = await openZip(path);
      const stream = await new Promise<Readable>((resolve, reject) => z.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
      stream.on('close', () => z.close());
      const inner = /\.bz2$/i.test(entry.fileName) ? 'bzip2' : /\.gz$/i.test(entry.fileName) ? 'gzip' : 'plain';
      // yauzl counts inflated bytes; progress follows the share of the entry's uncompressed size read.
      const ratio = entry.uncompressedSize > 0 ? entry.compressedSize / entry.uncompressedSize : 1;
      let owed = 0;
      stream.on('data', (c: Buffer) => {
        owed += c.length * ratio;
        const whole = Math.floor(owed);
        owed -= whole;
        onRaw(whole);
      });
      return decode(stream, inner);
    },
  }));
}
