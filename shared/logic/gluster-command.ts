/*
 * The gluster command line a storage source runs, as the engine checks it and as Settings shows
 * it to the person who must confirm it: one definition for both.
 */
/**
 * The gluster command line, as an argv array. It is never shell syntax: each word is checked
 * against a character set a POSIX shell leaves alone (so the SSH side, which runs a shell, sees
 * exactly these words), and the whole against one shape:
 *
 *   [sudo [-n]] <a path or name ending in "gluster"> [--option[=value] ...]
 *
 * A config file may write it as a string of such words (`sudo -n gluster`) or as an array.
 */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./~-]+$/;
const PROGRAM = /(^|\/)[A-Za-z0-9_.-]*gluster$/;
const OPTION = /^--[a-z][a-z0-9-]*(=[A-Za-z0-9_@%+:,./~-]+)?$/;
const SUDO_FLAGS = new Set(['-n']);

/** Why an argv does not fit the allowed shape, or null when it does. */
export function glusterCommandProblem(argv: readonly string[]): string | null {
  if (argv.length === 0) return 'the gluster command is empty';
  const unsafe = argv.find((w) => !SAFE_WORD.test(w));
  if (unsafe !== undefined) {
    return `"${unsafe.slice(0, 60)}" holds characters a shell would interpret (spaces, quotes, ;, |, $, …); the command is an argument list, never shell syntax`;
  }
  let i = 0;
  if (argv[0] === 'sudo' || argv[0]!.endsWith('/sudo')) {
    i = 1;
    while (i < argv.length && argv[i]!.startsWith('-')) {
      if (!SUDO_FLAGS.has(argv[i]!)) return `sudo takes only -n here, not "${argv[i]}"`;
      i += 1;
    }
  }
  const program = argv[i];
  if (program === undefined || !PROGRAM.test(program) || program.startsWith('-')) {
    return `the program must be gluster: a name or path ending in "gluster" (optionally after "sudo -n"), not "${(program ?? '').slice(0, 60)}"`;
  }
  const bad = argv.slice(i + 1).find((w) => !OPTION.test(w));
  if (bad !== undefined) return `after the program only --option or --option=value arguments are allowed, not "${bad.slice(0, 60)}"`;
  return null;
}

/** Splits a string form on white space; the words are then checked like an array. */
export const toArgv = (v: string | string[]): string[] => (typeof v === 'string' ? v.trim().split(/\s+/).filter(Boolean) : v);

/** The command line as a person reads it (and as the SSH side runs it: every word is shell-safe). */
export const commandLine = (argv: readonly string[]): string => argv.join(' ');

/** Which command a storage source (as the config file writes it) would run, and why not when it may not. */
export function sourceCommand(source: unknown): { where: string; line: string | null; problem: string | null } {
  const g = ((source as { gluster?: unknown } | null | undefined)?.gluster ?? {}) as { local?: { command?: unknown }; ssh?: { command?: unknown } };
  const where = g.local ? 'gluster.local.command' : 'gluster.ssh.command';
  const raw = g.local ? g.local.command : g.ssh?.command;
  // SSH runs plain `gluster` unless told otherwise; a local source needs its command written.
  if (raw === undefined || raw === null) return { where, line: g.local ? null : 'gluster', problem: null };
  const argv = Array.isArray(raw) ? raw.map((w) => String(w)) : typeof raw === 'string' ? toArgv(raw) : [JSON.stringify(raw)];
  return { where, line: commandLine(argv), problem: glusterCommandProblem(argv) };
}
