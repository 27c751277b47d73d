import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessLogAggregator } from '../../../../electron/engine/access-log/aggregator';
import { AccessLine, PARSE, PARSE_REASONS } from '../../../../electron/engine/access-log/line-parser';
import { LineReader } from '../../../../electron/engine/access-log/line-reader';
import { PendingRequests } from '../../../../electron/engine/access-log/pending-requests';
import { BLANK, LineScanner } from '../../../../electron/engine/access-log/line-scanner';

/** Mostly what logs hold, sometimes something odd. */
const usually = <T>(common: T[], rare: T[]): fc.Arbitrary<T> =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...common) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });
const sep = usually([' | '], [' |', '| ', '|', '  |  ', ' |  ']);
const ip = usually(['10.1.2.3', '2001:db8::1', '192.168.1.5, 10.0.0.1'], ['', ' 10.0.0.9 ']);
const proto = usually(['https', 'http', 'ssh'], ['', 'grpc', 'grpc ', 'grpcx']);
const id = fc
  .tuple(usually(['i', 'o', 'o'], ['x', '']), usually(['*N65BDNx354x326903x2', '@ABCDEFx1x2x3', '8x1401519x6', '*Nx1x2x3'], ['*N', 'x', '', '*NODE ', '*xx1']))
  .map(([io, rest]) => io + rest);
const user = usually(['bamboo', '-'], ['', 'jdoe ']);
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const date = fc
  .record({
    minute: fc.integer({ min: 0, max: 2 }),
    second: fc.integer({ min: 58, max: 61 }),
    ms: fc.integer({ min: 0, max: 999 }),
    day: usually(['2026-11-02', '2024-02-29'], ['1969-12-31', '2026-13-01', 'yesterday!', '2026-02-31']),
  })
  .map(({ minute, second, ms, day }) => `${day} 14:${pad(minute, 2)}:${pad(second, 2)},${pad(ms, 3)}`);
const repoPath = fc.constantFrom('/scm/PLAT/api.git', '/bitbucket/scm/A/b.git', '/scm/~alice/r', '/r.git', '', '/git');
const httpAction = fc
  .tuple(
    usually(['GET', 'POST'], ['']),
    repoPath,
    fc.constantFrom('/info/refs', '/git-upload-pack', '/git-receive-pack', '/status', ''),
    usually(['', '?service=git-upload-pack'], ['?x']),
    usually([' HTTP/1.1"'], ['"', ' HTTP/1.1']),
  )
  .map(([m, path, tail, q, end]) => `"${m} ${path}${tail}${q}${end}`);
const sshAction = fc
  .tuple(fc.constantFrom('git-upload-pack', 'git-receive-pack', 'git-upload-archive', 'git-'), fc.constantFrom("'/foo/bar.git'", "'/p/r'", "'/x", ''))
  .chain(([cmd, path]) => fc.constantFrom(`SSH - ${cmd} ${path}`, `"SSH - ${cmd} ${path}"`, `"SSH -${cmd} ${path}"`));
const action = fc.oneof(httpAction, sshAction, fc.constantFrom('"GET /status HTTP/1.1"', '"', '-'));
const details = fc.constantFrom('"-" "git/2.43.0"', '-', '"SSH-2.0-OpenSSH_9.6"', '"" ""');
const labels = fc
  .subarray(['cache:hit', 'cache:miss', 'clone', 'fetch', 'shallow', 'shallow clone', 'refs', 'push', 'protocol:2', 'ssh:id:610', 'clon', '-'])
  .chain((words) => fc.constantFrom(', ', ',', ' , ').map((j) => words.join(j)));
const count = fc.constantFrom('200', '0', '1048576', '-', '', ' 12 ', 'x');
/** The tail after `details`, in each layout of the parser's header comment. */
const tail = fc.oneof(
  fc.tuple(count, count, count, labels, count, fc.constantFrom('1cl58rd', '')).map((f) => f),
  fc.tuple(count, count, count, labels, count).map((f) => f),
  fc.tuple(count, count, count, labels).map((f) => f),
  fc.tuple(labels, count, fc.constantFrom('1uxsqxy', '')).map((f) => f),
  fc.tuple(labels).map((f) => f),
);
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'insert', 'truncate'),
  ch: fc.constantFrom('|', ' ', '"', "'", '\r', 'x', '/', '0', ',', '-', ':'),
});
const line = fc
  .record({
    fields: fc.tuple(ip, proto, id, user, date, action, details),
    tail,
    seps: fc.array(sep, { minLength: 16, maxLength: 16 }),
    end: usually([' |', ' |\r'], ['|', ' | ', ' |  \r', '', ' ']),
    mutations: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) }),
  })
  .map(({ fields, tail, seps, end, mutations }) => {
    const parts = [...fields, ...tail];
    let text = parts.map((p, i) => (i === 0 ? p : seps[i]! + p)).join('') + end;
    for (const m of mutations) {
      const at = m.at % (text.length + 1);
      if (m.op === 'delete') text = text.slice(0, at) + text.slice(at + 1);
      else if (m.op === 'insert') text = text.slice(0, at) + m.ch + text.slice(at);
      else text = text.slice(0, at);
    }
    return text;
  });
const chunk = fc
  .tuple(
    fc.array(fc.oneof({ weight: 20, arbitrary: line }, { weight: 1, arbitrary: fc.constantFrom('', '\r', ' ') }), { maxLength: 25 }),
    fc.constantFrom('', '\n', 'partial |'),
  )
  .map(([lines, last]) => Buffer.from(lines.join('\n') + (lines.length > 0 ? '\n' : '') + last, 'latin1'));

/** What the reader reads of a parsed line (the keys' hashes included), its offsets relative to the line's buffer start. */
function fields(l: AccessLine, code: number, base: number): unknown[] {
  if (code !== PARSE.ok) return [];
  const o = (n: number): number => n - base;
  const common = [l.time, l.outgoing, l.ssh, o(l.ipStart), o(l.ipEnd), o(l.userStart), o(l.userEnd), o(l.idStart), o(l.idEnd)];
  const node = l.nodeEnd > l.nodeStart ? [o(l.nodeStart), o(l.nodeEnd)] : [];
  const tail = l.outgoing
    ? [
        l.statusEnd > l.statusStart ? [o(l.statusStart), o(l.statusEnd)] : [],
        l.kind,
        l.labels,
        l.durationMs,
        l.ipHash,
        l.userHash,
        l.repoHash,
        l.nodeEnd > l.nodeStart ? l.nodeHash : null,
      ]
    : [];
  return [...common, node, o(l.repoStart), o(l.repoEnd), l.idHash, ...tail];
}

/** The reference: lines found with indexOf and parsed by `AccessLine.parse`, as the reader did before. */
function reference(buf: Buffer): unknown[] {
  const line = new AccessLine();
  const out: unknown[] = [];
  for (let pos = 0; ;) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) return out;
    const blank = nl === pos || (nl === pos + 1 && buf[pos] === 13);
    const code = blank ? BLANK : line.parse(buf, pos, nl);
    if (code === PARSE.ok) line.hashKeys(buf);
    out.push([pos, nl, code, fields(line, code, 0)]);
    pos = nl + 1;
  }
}

function wasm(scanner: LineScanner, buf: Buffer): unknown[] {
  const input = scanner.input;
  buf.copy(input);
  const base = input.byteOffset;
  const line = new AccessLine();
  const out: unknown[] = [];
  const n = scanner.scan(base, base + buf.length, 0);
  for (let i = 0; i < n; i++) {
    const code = scanner.code(i);
    if (code === PARSE.ok) scanner.fill(line, i);
    out.push([scanner.start(i) - base, scanner.end(i) - base, code, fields(line, code, base)]);
  }
  expect(scanner.scannedTo() - base).toBe(buf.lastIndexOf(10) + 1);
  return out;
}

describe('access-log line parse in WebAssembly', () => {
  it('gives what AccessLine.parse gives, line by line, on generated, corrupt and truncated lines', () => {
    const scanner = new LineScanner();
    fc.assert(
      fc.property(fc.array(chunk, { minLength: 1, maxLength: 4 }), (chunks) => {
        // Several chunks through one scanner: the remembered minute carries over, as in a log.
        for (const buf of chunks) expect(wasm(scanner, buf)).toEqual(reference(buf));
      }),
      { numRuns: 600 },
    );
  });

  it('sees the byte after its range as the chunk has it (0: none), as the reference reads past a line', () => {
    const scanner = new LineScanner();
    const buf = Buffer.from('10.0.0.1 | https | o*Nx1x2x3 | - | 2026-01-01 00:00:00,000 |\n"x', 'latin1');
    const nl = buf.indexOf(10);
    const ref = new AccessLine().parse(buf, 0, nl);
    buf.copy(scanner.input);
    const base = scanner.input.byteOffset;
    expect(scanner.scan(base, base + nl + 1, buf[nl + 1]!)).toBe(1);
    expect(scanner.code(0)).toBe(ref);
    expect(ref).toBe(PARSE.badAction);
    expect(scanner.scan(base, base + nl + 1, 0)).toBe(1);
    expect(scanner.code(0)).toBe(PARSE.truncated);
  });

  it('reads a stream chunk larger than its input as small chunks are read, and a line longer than the input', () => {
    const pair = (n: number): string =>
      [
        `10.0.0.${n % 7} | https | i*N${n % 3}x1x${n}x0 | ci | 2026-11-02 10:00:${String(n % 60).padStart(2, '0')},000 | "POST /scm/P/r${n % 50}.git/git-upload-pack HTTP/1.1" | "" "" | - | - | - | - | - | s |`,
        `10.0.0.${n % 7} | https | o*N${n % 3}x1x${n}x1 | ci | 2026-11-02 10:00:${String(n % 60).padStart(2, '0')},500 | "POST /scm/P/r${n % 50}.git/git-upload-pack HTTP/1.1" | "" "" | 200 | 0 | 9 | cache:hit, clone | ${n % 900} | s |`,
      ].join('\n');
    const lines: string[] = [];
    for (let n = 0; n < 30_000; n++) lines.push(pair(n));
    const read = (text: Buffer, chunk: number): [number, ReturnType<AccessLogAggregator['report']>] => {
      const agg = new AccessLogAggregator({});
      const reader = new LineReader(agg, 'test.log', 'node', new PendingRequests());
      for (let i = 0; i < text.length; i += chunk) reader.push(Buffer.from(text.subarray(i, i + chunk)));
      reader.end();
      return [reader.lineNumber, agg.report([])];
    };
    const text = Buffer.from(lines.join('\n') + '\n', 'latin1');
    expect(text.length).toBeGreaterThan(2 * 4 * 1024 * 1024);
    const whole = read(text, text.length);
    expect(whole[0]).toBe(60_000);
    expect(whole).toEqual(read(text, 64 * 1024));
    // Entries are pairs of lines: the long one is line 30,001. A line past the 4 MiB input, ending in the chunk: parsed by the reference, as any line that ends in its chunk.
    const long = `10.0.0.1 | https | o*N1x1x1x1 | ${'u'.repeat(5 * 1024 * 1024)} |`;
    const withLong = read(Buffer.from([...lines.slice(0, 15_000), long, ...lines.slice(15_000)].join('\n') + '\n', 'latin1'), 12 * 1024 * 1024);
    const longBuf = Buffer.from(long, 'latin1');
    expect(withLong[0]).toBe(60_001);
    expect(withLong[1].unparsable.examples.map((e) => [e.line, e.reason])).toEqual([
      [30_001, PARSE_REASONS[new AccessLine().parse(longBuf, 0, longBuf.length)]],
    ]);
    expect(withLong[1].operations).toEqual(whole[1].operations);
  });

  it('is built from wasm/: the committed modules (the line parse, the top lists’ counting) are what their sources compile to', () => {
    const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
