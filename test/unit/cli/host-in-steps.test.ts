import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { importInSteps } from '../../../electron/cli/host-in-steps';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A loopback server that answers at once, and a request to it whose answer records when it came. */
async function answeredDuring(order: string[]): Promise<{ answer: Promise<void> }> {
  const server = createServer((_, res) => res.end('ok'));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const answer = new Promise<void>((resolve, reject) => {
    get({ host: '127.0.0.1', port, agent: false }, (res) => {
      res.resume();
      res.on('end', () => {
        order.push('answer');
        resolve();
      });
    }).on('error', reject);
  });
  return { answer };
}

describe('importInSteps', () => {
  it('answers a request made while the parts load before the later parts load', async () => {
    const order: string[] = [];
    let answered: Promise<void> = Promise.resolve();
    const parts = Array.from(
      { length: 20 },
      (_, i) =>
        [
          `part ${i}`,
          async () => {
            order.push(`part ${i}`);
            // The page asks for its scripts while the host's modules load.
            if (i === 0) answered = (await answeredDuring(order)).answer;
          },
        ] as const,
    );
    const result = await importInSteps(parts, async () => {
      order.push('last');
      return 'launched';
    });
    await answered;
    expect(result).toBe('launched');
    expect(order.filter((o) => o.startsWith('part'))).toEqual(parts.map(([name]) => name));
    // Loaded back to back, every part would come before the answer; with a turn before each, the
    // answer needs a few turns (connect, request, answer), not twenty.
    expect(order.indexOf('answer')).toBeGreaterThan(0);
    expect(order.indexOf('answer')).toBeLessThan(order.indexOf('part 10'));
  });
});
