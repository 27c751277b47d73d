import type { ConnectionReport } from '../../../shared/model';
import type { Credential } from '../http/bitbucket-client-contract';
import { createBitbucketClient } from '../http/bitbucket-client';
import { DispatcherPool, type ProxyChoice } from '../http/dispatchers';
import { FleetError } from '../http/fleet-error';
import { HostLimiter } from '../scheduler/host-limiter';

export interface ConnectionUnderTest {
  baseUrl: string;
  read: Credential | undefined;
  admin: Credential | undefined;
  caPem: string | undefined;
  proxy: ProxyChoice;
  timeoutMs: number;
}

type Step = ConnectionReport['steps'][number];

/**
 * "Test connection": is Bitbucket there, does TLS verify, which version, does the read credential
 * really authenticate (Bitbucket 10 serves an unknown token as anonymous, so an endpoint that
 * anonymous users cannot read is asked, and X-AUSERNAME read), and has the admin credential
 * admin rights. Uses its own connections; never touches the running engine.
 */
export async function testConnection(c: ConnectionUnderTest, env?: NodeJS.ProcessEnv): Promise<ConnectionReport> {
  const dispatchers = new DispatcherPool({ keepAliveMs: 10_000, connectionsPerOrigin: 2, ...(env ? { env } : {}) });
  const steps: Step[] = [];
  let version: string | null = null;
  try {
    const client = (credential: Credential | undefined) =>
      createBitbucketClient({
        baseUrl: c.baseUrl,
        ...(credential ? { read: credential } : {}),
        timeoutMs: c.timeoutMs,
        dispatchers,
        limiter: new HostLimiter(),
        proxy: c.proxy,
        ...(c.caPem ? { caPem: c.caPem } : {}),
      });
    try {
      const props = await client(undefined).getJson('/rest/api/1.0/application-properties', { auth: 'none' });
      const body = props.body as { version?: unknown; displayName?: unknown } | null;
      version = typeof body?.version === 'string' ? body.version : null;
      steps.push({ step: 'reachability', status: 'ok', message: `${new URL(c.baseUrl).host} answered in ${Math.round(props.durationMs)} ms.` });
      if (c.baseUrl.startsWith('https:')) steps.push({ step: 'tls', status: 'ok', message: 'The certificate is valid and trusted.' });
      steps.push(
        version
          ? { step: 'version', status: 'ok', message: `${typeof body?.displayName === 'string' ? body.displayName : 'Bitbucket'} ${version}` }
          : { step: 'version', status: 'warning', message: 'Answered, but application-properties carries no version; is this Bitbucket?' },
      );
    } catch (err) {
      const e = toFleetError(err);
      steps.push({ step: e.code === 'tls' ? 'tls' : 'reachability', status: 'failed', message: e.message });
      return { ok: false, version, steps };
    }
    steps.push(await checkRead(client(c.read), c.read));
    steps.push(await checkAdmin(client(c.admin), c.admin));
  } finally {
    await dispatchers.close();
  }
  return { ok: steps.every((s) => s.status !== 'failed'), version, steps };
}

async function whoAmI(client: ReturnType<typeof createBitbucketClient>): Promise<string | null> {
  const res = await client.getJson('/rest/api/1.0/users', { query: { limit: 1 }, auth: 'read' });
  const header = res.headers['x-ausername'];
  const name = Array.isArray(header) ? header[0] : header;
  return name ? decodeURIComponent(name) : null;
}

async function checkRead(client: ReturnType<typeof createBitbucketClient>, credential: Credential | undefined): Promise<Step> {
  if (!credential) return { step: 'read-credential', status: 'skipped', message: 'No read credential: only anonymous endpoints can be polled.' };
  try {
    const user = await whoAmI(client);
    return user
      ? { step: 'read-credential', status: 'ok', message: `Authenticates as ${user}.` }
      : { step: 'read-credential', status: 'warning', message: 'Accepted, but Bitbucket did not say as whom (no X-AUSERNAME header).' };
  } catch (err) {
    return { step: 'read-credential', status: 'failed', message: rejection(toFleetError(err)) };
  }
}

async function checkAdmin(client: ReturnType<typeof createBitbucketClient>, credential: Credential | undefined): Promise<Step> {
  if (!credential) return { step: 'admin-credential', status: 'skipped', message: 'No admin credential: Fleetscope stays read-only for this primary.' };
  let user: string | null;
  try {
    user = await whoAmI(client);
  } catch (err) {
    return { step: 'admin-credential', status: 'failed', message: rejection(toFleetError(err)) };
  }
  try {
    await client.getJson('/rest/api/1.0/admin/cluster', { auth: 'read' });
    return { step: 'admin-credential', status: 'ok', message: `${user ?? 'The credential'} has admin rights.` };
  } catch (err) {
    const e = toFleetError(err);
    // A licence or lock-out answer says more than "lacks admin permission" would.
    if (e.httpStatus !== 401 || (e.bitbucketKind !== null && e.bitbucketKind !== 'not-permitted'))
      return { step: 'admin-credential', status: 'failed', message: e.message };
    const token = credential.kind === 'bearer' ? ' Bitbucket refuses HTTP access tokens on admin endpoints (BSERV-10482): use a user name and password.' : '';
    return { step: 'admin-credential', status: 'failed', message: `${user ?? 'It'} authenticates but lacks admin permission.${token}` };
  }
}

/**
 * Why a credential check failed. The client's message already leads with what a recognised
 * Bitbucket error class means (licence, CAPTCHA, expired token…) and quotes Bitbucket; only an
 * unexplained 401 gets the Bitbucket 10 anonymous-token hint, with Bitbucket's words kept.
 */
function rejection(e: FleetError): string {
  if (e.httpStatus !== 401 || e.bitbucketKind !== null) return e.message;
  return `Rejected: Bitbucket treats this credential as anonymous or wrong (an unknown or revoked token is served as anonymous on Bitbucket 10). Check the token or password. ${e.message}`;
}

function toFleetError(err: unknown): FleetError {
  return err instanceof FleetError ? err : new FleetError({ code: 'internal', message: err instanceof Error ? err.message : String(err) });
}
