import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat's utime and stime (100 on Linux almost always; asked, not assumed). */
const ticksPerSecond = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch (err) {
    process.stderr.write(`getconf CLK_TCK failed (${(err as Error).message}); taking 100 ticks a second.\n`);
    return 100;
  }
})();

export interface ProcUsage {
  /** Resident set now and its high-water mark (VmRSS, VmHWM), in bytes. */
  rssBytes: number;
  peakRssBytes: number;
  /** User + system CPU the process has used since it started, in ms. */
  cpuMs: number;
  /** Its state now: R running, S sleeping, D waiting on the disk, Z exited but not reaped… */
  state: string;
}

/** User + system CPU this process's main thread (its event loop) has used, in ms: process.cpuUsage() also counts worker threads. */
export function mainThreadCpuMs(): number {
  return threadCpuMs(process.pid, process.pid);
}

/** User + system CPU one thread of a process has used, in ms (a process's main thread: `tid` = `pid`). */
export function threadCpuMs(pid: number, tid: number): number {
  return statCpuMs(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
}

/** The fields of stat(5) from the state (3) on: the command name (2) may hold spaces or parentheses, so they count from the last ')'. */
const statFields = (stat: string): string[] => stat.slice(stat.lastIndexOf(')') + 2).split(' ');

function statCpuMs(stat: string): number {
  // utime and stime are fields 14 and 15 of stat(5), i.e. 11 and 12 after the state field (3).
  const fields = statFields(stat);
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
}

/** What the kernel says another process uses (Linux /proc), so a figure is that process's own, not the bench's. */
export function procUsage(pid: number): ProcUsage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM'), cpuMs: statCpuMs(stat), state: statFields(stat)[0]! };
}
