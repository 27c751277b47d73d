import { createServer } from 'node:net';

/**
 * A free TCP port on 127.0.0.1 from the range given (for tools that need a port up front, such
 * as Prometheus' --web.listen-address). Starts at a random place so parallel runs rarely collide.
 */
export async function freeLoopbackPort(from = 26_000, to = 26_999): Promise<number> {
  const span = to - from + 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = from + ((start + i) % span);
    if (await canListen(port)) return port;
  }
  throw new Error(`No free port on 127.0.0.1 between ${from} and ${to}.`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
