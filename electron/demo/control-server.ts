import type { IncomingMessage, RequestListener } from 'node:http';
import type { z } from 'zod';
import { requestSchemas } from '../../shared/contract/contract';
import type { DemoFault, DemoState } from '../../shared/model/demo';
import type { ErrorCode } from '../../shared/model/status';
import { DemoInputError } from './errors';
import { jsonResponse, type DemoResponse } from './responses';
import { hostForUrl, writeResponse } from './http-listener';

export interface FaultController {
  state(): DemoState;
  /** Resolves once the fault is in effect (a node brought back listens again). */
  applyFault(targetId: string, fault: DemoFault, enabled: boolean): Promise<DemoState>;
}

const MAX_BODY_BYTES = 64 * 1024;
const USAGE = 'Send {"targetId": "prod-eu", "fault": {"kind": "node-down", "node": "prod-eu-node-2"}, "enabled": true}.';

/**
 * The demo's control API: `GET /state` and `POST /faults`. It listens on loopback only; the
 * Host and Content-Type checks keep web pages in a browser (DNS rebinding, form posts) out.
 */
export function controlRequestListener(controller: FaultController, bindHost: string): RequestListener {
  const allowedHosts = new Set(['localhost', '127.0.0.1', '[::1]', hostForUrl(bindHost)]);
  return (req, res) => {
    handle(controller, allowedHosts, req).then(
      (response) => writeResponse(res, response),
      (err: unknown) => writeResponse(res, failure(500, 'internal', `The demo control API failed: ${messageOf(err)}`)),
    );
  };
}

async function handle(controller: FaultController, allowedHosts: Set<string>, req: IncomingMessage): Promise<DemoResponse> {
  const host = req.headers.host?.toLowerCase().replace(/:\d+$/, '');
  if (host !== undefined && !allowedHosts.has(host)) {
    return failure(403, 'forbidden', `The demo control API only answers requests addressed to loopback, not to "${host}".`);
  }
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/state') {
    return req.method === 'GET' || req.method === 'HEAD' ? jsonResponse(200, controller.state()) : wrongMethod(req, 'GET');
  }
  if (path !== '/faults') return failure(404, 'not-found', `No control resource at ${path}. Use GET /state or POST /faults.`);
  if (req.method !== 'POST') return wrongMethod(req, 'POST');
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return failure(415, 'invalid-argument', `POST /faults takes a JSON body; set Content-Type: application/json. ${USAGE}`);
  }
  const body = await readBody(req);
  if (body === undefined) return failure(413, 'too-large', `The request body is over ${MAX_BODY_BYTES} bytes. ${USAGE}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return failure(400, 'invalid-argument', `The request body is not valid JSON. ${USAGE}`);
  }
  const args = requestSchemas.setDemoFault.args.safeParse(parsed);
  if (!args.success) return failure(400, 'invalid-argument', `Invalid fault request: ${describeIssues(args.error)}. ${USAGE}`);
  try {
    const { targetId, fault, enabled } = args.data;
    return jsonResponse(200, await controller.applyFault(targetId, fault, enabled));
  } catch (err) {
    if (err instanceof DemoInputError) return failure(400, 'invalid-argument', err.message);
    return failure(409, 'conflict', messageOf(err));
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
}

function wrongMethod(req: IncomingMessage, allowed: string): DemoResponse {
  const response = failure(405, 'invalid-argument', `${req.method ?? 'This method'} is not supported here; use ${allowed}.`);
  response.headers.allow = allowed;
  return response;
}

function failure(status: number, code: ErrorCode, message: string): DemoResponse {
  return jsonResponse(status, { error: { code, message } });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
