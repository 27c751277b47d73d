/** One finished gluster call: what it printed, how it exited, how long it took. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  /** null when the process was ended by a signal. Never used to judge success: gluster's is unreliable. */
  exitCode: number | null;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** Ahead of commands already waiting for a channel: the poll's chain under glusterd's lock, its longest path. */
  first?: boolean;
}

/**
 * Runs the gluster CLI with the given arguments, over SSH or on this machine. Rejects with a
 * FleetError when the command could not be run or finish (refused, host key, timeout, …); a
 * command that ran and printed an error resolves, and its output says what went wrong.
 */
export interface GlusterRunner {
  readonly transport: 'ssh' | 'local';
  /** Where commands run, for messages: `root@gluster1:22` or the local command. Never a secret. */
  readonly endpoint: string;
  run(args: readonly string[], opts: RunOptions): Promise<CommandResult>;
  close(): Promise<void>;
}

/** Most output kept per command; `volume get V all` is ~35 KB, a long heal list a few MB. */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Quotes one argument for a POSIX shell (the remote side of an SSH exec runs one). */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
