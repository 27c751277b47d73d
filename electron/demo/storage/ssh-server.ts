import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { Connection, ParsedKey, Server as SshServer } from 'ssh2';

export interface ExecAnswer {
  stdout: string;
  stderr: string;
  code: number;
  delayMs: number;
}

export interface GlusterSshServerOptions {
  host: string;
  /** The host's private key (OpenSSH format). */
  hostKey: string;
  /** The one account that may log in, and its public key (OpenSSH `authorized_keys` form). */
  username: string;
  authorizedKey: string;
  answer: (command: string) => ExecAnswer;
}

/**
 * A loopback SSH server (ssh2's Server) that lets one key log in and answers `exec` requests:
 * enough of sshd for the engine's SSH runner to reach the simulated cluster exactly as it
 * reaches a real one. No shell, no port forwarding, no SFTP.
 */
export class GlusterSshServer {
  /**
   * Takes the connections; ssh2 (≈ 30 ms of CPU to load) is loaded at the first one and handed
   * each socket, so the demo fleet starts without it (issue 13 item 7). A socket's bytes wait,
   * unread, until ssh2 takes it.
   */
  private readonly server: NetServer;
  private ssh: Promise<SshServer> | null = null;
  private readonly clients = new Set<Connection>();
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;
  private listening = false;

  constructor(private readonly opts: GlusterSshServerOptions) {
    this.server = createServer((socket) => this.take(socket));
  }

  get port(): number {
    return this.boundPort;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        reject(
          new Error(
            `The demo GlusterFS SSH server could not listen on ${this.opts.host}:${port === 0 ? '(any free port)' : port}: ${err.code === 'EADDRINUSE' ? 'the port is already in use; choose another --port-base' : err.message}.`,
            { cause: err },
          ),
        );
      };
      this.server.once('error', onError);
      this.server.listen(port, this.opts.host, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        if (address !== null && typeof address === 'object') this.boundPort = address.port;
        this.listening = true;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    for (const c of this.clients) c.end();
    this.clients.clear();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    return new Promise((resolve) => {
      if (!this.listening) {
        resolve();
        return;
      }
      this.listening = false;
      this.server.close(() => resolve());
    });
  }

  private take(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    // A client that goes away before ssh2 takes its socket is not the demo's problem either.
    socket.on('error', () => this.sockets.delete(socket));
    (this.ssh ??= this.load()).then(
      (server) => {
        if (!socket.destroyed) server.injectSocket(socket);
      },
      (err: unknown) => socket.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  }

  private async load(): Promise<SshServer> {
    const { default: ssh2 } = await import('ssh2');
    const parsed = ssh2.utils.parseKey(this.opts.authorizedKey);
    if (parsed instanceof Error) throw new Error(`The demo's SSH client key cannot be parsed: ${parsed.message}`);
    return new ssh2.Server({ hostKeys: [this.opts.hostKey], ident: 'OpenSSH_9.2p1 Debian-2+deb12u3' }, (client) => this.accept(client, parsed));
  }

  private accept(client: Connection, allowed: ParsedKey): void {
    this.clients.add(client);
    // ssh2 has it on server connections too; @types/ssh2 leaves it out.
    (client as Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    client.on('close', () => this.clients.delete(client));
    // A client that goes away mid-handshake is not the demo's problem; it must not crash the fleet.
    client.on('error', () => this.clients.delete(client));
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || ctx.username !== this.opts.username) {
        ctx.reject(['publickey']);
        return;
      }
      const sameKey = ctx.key.algo === allowed.type && ctx.key.data.equals(allowed.getPublicSSH());
      if (!sameKey) {
        ctx.reject(['publickey']);
        return;
      }
      if (ctx.signature && ctx.blob) {
        if (allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) ctx.accept();
        else ctx.reject(['publickey']);
        return;
      }
      // The client only asks whether this key would do; it signs in the next request.
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (_accept, reject) => reject?.());
        session.on('shell', (_accept, reject) => reject());
        session.on('subsystem', (_accept, reject) => reject());
        session.on('exec', (acceptExec, _reject, info) => {
          const stream = acceptExec();
          const a = this.opts.answer(info.command);
          const reply = (): void => {
            if (stream.destroyed || !stream.writable) return;
            if (a.stdout) stream.write(a.stdout);
            if (a.stderr) stream.stderr.write(a.stderr);
            stream.exit(a.code);
            stream.end();
          };
          if (a.delayMs <= 0) reply();
          else {
            const timer = setTimeout(reply, a.delayMs);
            stream.once('close', () => clearTimeout(timer));
          }
        });
      });
    });
  }
}

/** Splits a command line the way the remote shell would for what the engine sends: words, 'quoted' words. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] ?? ''));
  return words;
}
