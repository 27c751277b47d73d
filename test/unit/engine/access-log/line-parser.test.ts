import { describe, expect, it } from 'vitest';
import { AccessLine, KIND, LABEL, PARSE, readTime } from '../../../../electron/engine/access-log/line-parser';

const parse = (text: string): { code: number; line: AccessLine; buf: Buffer } => {
  const buf = Buffer.from(`xx${text}yy`, 'utf8');
  const line = new AccessLine();
  return { code: line.parse(buf, 2, buf.length - 2), line, buf };
};
const field = (buf: Buffer, s: number, e: number): string => buf.toString('utf8', s, e);

describe('access-log line parser', () => {
  it('reads a Bitbucket response line: kind, cache label, protocol v2, duration, node, repository', () => {
    const { code, line, buf } = parse(
      '10.1.2.3 | https | o*N65BDNx354x326903x2 | bamboo | 2026-11-02 14:05:06,789 | "POST /scm/PLAT/api.git/git-upload-pack HTTP/1.1" | "-" "git/2.43.0" | 200 | 0 | 1048576 | cache:hit, clone, protocol:2 | 1234 | 1cl58rd |',
    );
    expect(code).toBe(PARSE.ok);
    expect(line.outgoing).toBe(true);
    expect(line.kind).toBe(KIND.clone);
    expect(line.labels & LABEL.hit).toBeTruthy();
    expect(line.labels & LABEL.proto2).toBeTruthy();
    expect(line.durationMs).toBe(1234);
    expect(line.ssh).toBe(false);
    expect(field(buf, line.nodeStart, line.nodeEnd)).toBe('N65BDN');
    expect(field(buf, line.repoStart, line.repoEnd)).toBe('PLAT/api');
    expect(field(buf, line.userStart, line.userEnd)).toBe('bamboo');
    expect(field(buf, line.statusStart, line.statusEnd)).toBe('200');
    expect(line.time).toBe(Date.UTC(2026, 10, 2, 14, 5, 6, 789));
  });

  it('reads the documented SSH line whose duration is missing', () => {
    const { code, line, buf } = parse(
      "172.24.36.105 | ssh | o*N65BDNx354x326903x0 | username | 2015-03-02 05:54:25,425 | SSH - git-upload-pack '/foo/bar.git' | - | 0 | 123 | 1024 | cache:miss, refs, ssh:id:610, ssh:label:'sshek@atlassian.com' | 1cl58rd |",
    );
    expect(code).toBe(PARSE.ok);
    expect(line.ssh).toBe(true);
    expect(line.kind).toBe(KIND.refs);
    expect(line.labels & LABEL.miss).toBeTruthy();
    expect(line.durationMs).toBe(-1);
    expect(field(buf, line.repoStart, line.repoEnd)).toBe('foo/bar');
  });

  it('reads a line without session id, and shallow clones', () => {
    const { code, line } = parse(
      '10.0.0.9 | ssh | o@ABCDEFx1x2x3 | ci | 2026-01-01 00:00:00,000 | SSH - git-upload-pack \'/proj/r.git\' | "SSH-2.0-OpenSSH_9.6" | 0 | 0 | 99 | cache:miss, shallow, clone | 4567 |',
    );
    expect(code).toBe(PARSE.ok);
    expect(line.kind).toBe(KIND.shallow);
    expect(line.durationMs).toBe(4567);
  });

  it('reads the older Stash layout (request id without node, no status or byte counts)', () => {
    const { code, line, buf } = parse(
      '172.16.3.7 | http | o8x1401519x6 | jdoe | 2012-08-22 18:32:08,505 | "GET /scm/CONF/confluence.git/info/refs HTTP/1.1" | "" "git/1.7.9.5" | shallow clone, cache:hit | 27 | 1uxsqxy |',
    );
    expect(code).toBe(PARSE.ok);
    expect(line.nodeEnd).toBe(line.nodeStart);
    expect(line.kind).toBe(KIND.shallow);
    expect(line.labels & LABEL.hit).toBeTruthy();
    expect(line.durationMs).toBe(27);
    expect(field(buf, line.repoStart, line.repoEnd)).toBe('CONF/confluence');
  });

  // Both layouts as a public sample of the format has them (log2timeline/plaso's test data).
  it('reads an SSH command quoted like an HTTP request line, with a user agent', () => {
    const { code, line, buf } = parse(
      '0:0:0:0:0:0:0:1 | ssh | o@1APC3V1x930x168705816x2 | acarlton | 2020-08-13 10:26:37,907 | "SSH - git-upload-pack \'/stash/stash.git\'" | "" "git/2.38.1" | 200 | 0 | 9812 | cache:miss, clone | 47 | abc123 |',
    );
    expect(code).toBe(PARSE.ok);
    expect(line.ssh).toBe(true);
    expect(line.kind).toBe(KIND.clone);
    expect(line.labels & LABEL.miss).toBeTruthy();
    expect(line.durationMs).toBe(47);
    expect(field(buf, line.repoStart, line.repoEnd)).toBe('stash/stash');
    expect(field(buf, line.nodeStart, line.nodeEnd)).toBe('1APC3V1');
  });

  it("counts a Mesh node's gRPC line (one field more) as a line that is not a git operation, not as unparsable", () => {
    const grpc = parse(
      '10.229.31.65 | grpc | o@1GGG0Q5Kx420x106x2 | @5XDWX5x420x2768x0 | admin | 2022-04-12 07:09:18,086 | "HostingService/HttpBackend" | - | 0 | 2 | 141583 | 18951 | 3826461940 | - | 508028 |',
    );
    expect(grpc.code).toBe(PARSE.notGit);
    // Only that protocol: a field that merely starts with it is read as before.
    expect(
      parse('10.0.0.1 | grpcx | o@Ax1 | - | 2022-04-12 07:09:18,086 | "GET /scm/A/b.git/info/refs HTTP/1.1" | - | 200 | 0 | 1 | refs | 2 | s |').code,
    ).toBe(PARSE.ok);
  });

  it('keeps IPv6 and proxied "client, proxy" addresses whole for the caller to split', () => {
    const v6 = parse(
      '2001:db8::1 | https | o*Nx1x2x3 | - | 2026-01-01 00:00:00,000 | "GET /scm/A/b.git/info/refs?service=git-upload-pack HTTP/1.1" | "" "" | 200 | 0 | 10 | refs | 5 | s |',
    );
    expect(v6.code).toBe(PARSE.ok);
    expect(field(v6.buf, v6.line.ipStart, v6.line.ipEnd)).toBe('2001:db8::1');
    expect(v6.line.kind).toBe(KIND.refs);
    const proxied = parse(
      '192.168.1.5, 10.0.0.1 | https | o*Nx1x2x3 | u | 2026-01-01 00:00:00,000 | "POST /bitbucket/scm/A/b.git/git-receive-pack HTTP/1.1" | "" "" | 200 | 10 | 0 | push | 5 | s |',
    );
    expect(field(proxied.buf, proxied.line.ipStart, proxied.line.ipEnd)).toBe('192.168.1.5, 10.0.0.1');
    expect(proxied.line.kind).toBe(KIND.push);
    expect(field(proxied.buf, proxied.line.repoStart, proxied.line.repoEnd)).toBe('A/b');
  });

  it('tells request lines, other requests, truncated and corrupt lines apart', () => {
    expect(
      parse('10.0.0.1 | https | i*Nx1x2x3 | - | 2026-01-01 00:00:00,000 | "GET /scm/A/b.git/info/refs HTTP/1.1" | "" "" | - | - | - | - | - | s |').line
        .outgoing,
    ).toBe(false);
    expect(parse('10.0.0.1 | https | o*Nx1x2x3 | - | 2026-01-01 00:00:00,000 | "GET /status HTTP/1.1" | "" "" | 200 | 0 | 19 | - | 6 | s |').code).toBe(
      PARSE.notGit,
    );
    expect(
      parse('10.0.0.1 | https | o*Nx1x2x3 | - | 2026-01-01 00:00:00,000 | "POST /scm/A/b.git/git-upload-pack HTTP/1.1" | "" "" | 200 | 0 | 19 | cache:hi').code,
    ).toBe(PARSE.truncated);
    expect(parse('10.0.0.1 | https | o*Nx1x2x3 | - | yesterday at noon | "POST /scm/A/b.git/git-upload-pack HTTP/1.1" |').code).toBe(PARSE.badDate);
    expect(parse('10.0.0.1 | https | x*Nx1x2x3 | - | 2026-01-01 00:00:00,000 | "GET /status HTTP/1.1" |').code).toBe(PARSE.badRequestId);
    expect(parse('garbage without separators').code).toBe(PARSE.badFields);
    expect(parse('10.0.0.1 | https | o*Nx1x2x3 | - | 2026-01-01 00:00:00,000 | "POST /scm/A/b.git/git-upload-pack HTTP/1.1" | x |').code).toBe(PARSE.badFields);
  });

  it('reads timestamps without Date and rejects impossible ones', () => {
    const buf = Buffer.from('2024-02-29 23:59:59,999 2024-13-01 00:00:00,000');
    expect(readTime(buf, 0, buf.length)).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(readTime(buf, 24, buf.length)).toBe(-1);
  });
});
