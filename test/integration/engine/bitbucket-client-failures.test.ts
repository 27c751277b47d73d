import { describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/free-port';
import { client, failure, requests, serve } from './helpers/client-harness';
import { json } from './helpers/test-server';

describe('Bitbucket client: bad answers', () => {
  it('recognises an HTML login page', async () => {
    const page = '<!DOCTYPE html><html><head><title>Log in</title></head><body>SSO</body></html>';
    const s = await serve({
      '/typed': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page);
      },
      '/untyped': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`\n  ${page}`);
      },
    });
    for (const path of ['/typed', '/untyped']) {
      const err = await failure(client(s).getJson(path));
      expect(err).toMatchObject({ code: 'html', httpStatus: 200 });
      expect(err.body).toContain('<title>Log in</title>');
      expect(err.message).toMatch(/HTML page instead of JSON — usually a login page from an SSO proxy/);
    }
  });

  it('reports truncated or malformed JSON with the raw body', async () => {
    const s = await serve({
      '/cut': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"isLastPage":false,"values":[{"slug":"a"');
      },
      '/text': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('OK');
      },
    });
    const err = await failure(client(s).getJson('/cut'));
    expect(err).toMatchObject({ code: 'malformed', body: '{"isLastPage":false,"values":[{"slug":"a"' });
    expect((await failure(client(s).getJson('/text'))).code).toBe('malformed');
  });

  it('stops reading past the size cap, with or without Content-Length', async () => {
    const big = JSON.stringify({ values: 'x'.repeat(50_000) });
    const s = await serve({
      '/declared': (_q, res) => json(res, 200, JSON.parse(big)),
      '/chunked': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 50; i++) res.write('x'.repeat(1_000));
        res.end();
      },
    });
    const c = client(s, { maxBodyBytes: 10_000 });
    for (const path of ['/declared', '/chunked']) {
      const err = await failure(c.getJson(path));
      expect(err.code).toBe('too-large');
      expect(err.message).toMatch(/more than 0 MiB|stopped reading/);
    }
    // The pool still works afterwards.
    await expect(failure(c.getJson('/declared'))).resolves.toMatchObject({ code: 'too-large' });
  });

  it('uses Bitbucket’s error body in the message', async () => {
    const errors = (message: string, exceptionName = 'com.atlassian.bitbucket.AuthorisationException') => ({
      errors: [{ context: null, message, exceptionName }],
    });
    const s = await serve({
      '/rest/api/1.0/admin/cluster': (_q, res) => json(res, 401, errors('You are not permitted to access this resource')),
      '/basic-off': (_q, res) => json(res, 403, { message: 'Basic Authentication has been disabled on this instance.' }),
      '/missing': (_q, res) => json(res, 404, errors('Project FOO does not exist.')),
      '/conflict': (_q, res) => json(res, 409, errors('Mirroring is not available')),
      '/boom': (_q, res) => json(res, 500, errors('java.lang.NullPointerException')),
      '/plain': (_q, res) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('upstream connect error');
      },
    });
    const c = client(s);
    const host = new URL(s.url).host;
    const auth = await failure(c.getJson('/rest/api/1.0/admin/cluster', { auth: 'admin' }));
    // AuthorisationException: the credential was accepted, the user lacks permission (issue 11 item 3).
    expect(auth).toMatchObject({ code: 'forbidden', httpStatus: 401 });
    expect(auth.message).toBe(
      `${host} accepted the credential but the user lacks permission for /rest/api/1.0/admin/cluster (401). Admin endpoints need an admin user with a password: Bitbucket refuses HTTP access tokens there (BSERV-10482). Bitbucket said: "You are not permitted to access this resource" (AuthorisationException).`,
    );
    const basic = await failure(c.getJson('/basic-off', { auth: 'admin' }));
    expect(basic.code).toBe('forbidden');
    expect(basic.message).toMatch(/Basic authentication disabled \(403\) — use an HTTP access token/);
    const missing = await failure(c.getJson('/missing'));
    expect(missing).toMatchObject({ code: 'not-found', httpStatus: 404 });
    expect(missing.message).toMatch(/Project FOO does not exist/);
    expect((await failure(c.getJson('/conflict'))).message).toMatch(/conflict.*Mirroring is not available/);
    const boom = await failure(c.getJson('/boom'));
    expect(boom).toMatchObject({ code: 'server-error', httpStatus: 500 });
    expect(boom.message).toMatch(/answered 500 Internal Server Error: check the Bitbucket logs/);
    const plain = await failure(c.getJson('/plain'));
    expect(plain).toMatchObject({ code: 'server-error', body: 'upstream connect error' });
    expect(requests.every((r) => r.error !== undefined)).toBe(true);
  });

  it('returns allowed statuses instead of throwing', async () => {
    const s = await serve({
      '/status': (_q, res) => json(res, 503, { state: 'STARTING' }),
      '/proxy': (_q, res) => {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<html>Service Unavailable</html>');
      },
    });
    const res = await client(s).getJson('/status', { auth: 'none', allowStatus: [503] });
    expect(res).toMatchObject({ status: 503, body: { state: 'STARTING' } });
    const proxy = await client(s).getJson('/proxy', { allowStatus: [503] });
    expect(proxy).toMatchObject({ status: 503, body: null });
  });
});

describe('Bitbucket client: network failures', () => {
  it('says refused when nothing listens', async () => {
    const port = await freePort();
    const c = client({ url: `http://127.0.0.1:${port}` });
    const err = await failure(c.getJson('/status'));
    expect(err.code).toBe('refused');
    expect(err.message).toBe(`Connection refused by 127.0.0.1:${port} — is Bitbucket running and is the URL right?`);
    expect(requests[0]).toMatchObject({ status: null, error: err });
  });

  it('says dns when the host does not resolve', async () => {
    const c = client({ url: 'http://bitbucket.does-not-exist.invalid:7990' });
    const err = await failure(c.getJson('/status'));
    expect(err.code).toBe('dns');
    expect(err.message).toMatch(/bitbucket\.does-not-exist\.invalid does not resolve|DNS lookup of bitbucket\.does-not-exist\.invalid failed/);
  });

  it('times out when headers are slow', async () => {
    // The answer comes 100 ms after the timeout, by timers of this one process: the client's 300 ms
    // timer is set before it sends, so it fires first however slow the machine is, and a client that
    // waited longer than its timeout gets the answer instead. No wall-clock bound.
    const s = await serve({ '/slow': (_q, res) => void setTimeout(() => json(res, 200, {}), 400) });
    const err = await failure(client(s, { timeoutMs: 300 }).getJson('/slow'));
    expect(err.code).toBe('timeout');
    expect(err.message).toBe(`No answer from ${new URL(s.url).host} within 300 ms — the server or the network is overloaded.`);
  });

  it('times out when the body drips', async () => {
    const s = await serve({
      '/drip': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"values":[');
        const t = setInterval(() => res.write('1,'), 100);
        res.on('close', () => clearInterval(t));
      },
    });
    const err = await failure(client(s, { timeoutMs: 500 }).getJson('/drip'));
    expect(err.code).toBe('timeout');
  });

  it('rethrows the caller’s abort reason, not a FleetError', async () => {
    const s = await serve({ '/slow': (_q, res) => void setTimeout(() => json(res, 200, {}), 3_000) });
    const controller = new AbortController();
    const reason = new Error('poll cancelled');
    setTimeout(() => controller.abort(reason), 100);
    await expect(client(s).getJson('/slow', { signal: controller.signal })).rejects.toBe(reason);
    await expect(client(s).getJson('/slow', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('retries a GET once when a kept-alive connection is dropped before any answer, never a write', async () => {
    let calls = 0;
    const s = await serve({
      '/flaky': (req, res) => {
        calls++;
        if (calls % 2 === 1) req.socket.destroy();
        else json(res, 200, { calls });
      },
    });
    const c = client(s);
    await expect(c.getJson('/flaky')).resolves.toMatchObject({ body: { calls: 2 } });
    const err = await failure(c.write('POST', '/flaky'));
    expect(err.code).toBe('network');
    expect(err.message).toMatch(/closed mid-request/);
    expect(calls).toBe(3);
  });

  it('reports a connection cut mid-body', async () => {
    const s = await serve({
      '/cut': (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"values":[');
        setTimeout(() => req.socket.destroy(), 50);
      },
    });
    const err = await failure(client(s).getJson('/cut'));
    expect(['network', 'malformed']).toContain(err.code);
  });
});
