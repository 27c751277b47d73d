import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The clone doctor's work folders still present (each probe removes its own when it ends). */
export const probeDirs = (): string[] =>
  readdirSync(tmpdir())
    .filter((n) => n.startsWith('fleetscope-probe-'))
    .map((n) => join(tmpdir(), n));

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const path = join(dir, n);
    try {
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    } catch {
      return [];
    }
  });
}

export interface ProbeWatch {
  /** git processes (git, git-remote-*) seen while watching. */
  gitSeen: number;
  /** ssh processes started for a probe (their command names the probe folder). */
  sshSeen: number;
  filesSeen: number;
  /** Command lines of any process that held the secret. */
  argvLeaks: string[];
  /** Files under a probe folder that held the secret: path inside the folder → permission bits. */
  secretFiles: Map<string, number>;
}

/** Every process's command line, and every file under a probe's work folder, checked for `secret` while probes run. */
export function watchProbes(secret: string, everyMs = 10): { stop: () => ProbeWatch } {
  const seen: ProbeWatch = { gitSeen: 0, sshSeen: 0, filesSeen: 0, argvLeaks: [], secretFiles: new Map() };
  const look = (): void => {
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        // The process ended between the listing and the read.
        continue;
      }
      if (/\bgit\b|git-remote/.test(cmdline)) seen.gitSeen += 1;
      if (cmdline.startsWith('ssh\0') && cmdline.includes('fleetscope-probe-')) seen.sshSeen += 1;
      if (cmdline.includes(secret)) seen.argvLeaks.push(`argv of ${pid}: ${cmdline.replaceAll('\0', ' ')}`);
    }
    for (const dir of probeDirs())
      for (const file of filesUnder(dir)) {
        seen.filesSeen += 1;
        try {
          if (readFileSync(file, 'latin1').includes(secret)) seen.secretFiles.set(file.slice(dir.length), statSync(file).mode & 0o777);
        } catch {
          // Removed between the listing and the read: the probe ended.
        }
      }
  };
  const timer = setInterval(look, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      look();
      return seen;
    },
  };
}
