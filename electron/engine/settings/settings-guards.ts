import { FleetApiError } from '../../../shared/contract';
import { sourceCommand } from '../../../shared/logic/gluster-command';
import type { SecretStore } from '../secrets/secret-store';
import { inlineSecretPaths, type StoredConfig } from './stored-config';

/** What Settings shows in place of a secret written inline in the file; never the value. */
export const HIDDEN_INLINE = '(written inline in the config file; hidden)';

type Path = (string | number)[];

function getAt(doc: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], doc);
}

function setAt(doc: unknown, path: Path, value: unknown): void {
  const parent = getAt(doc, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
}

/** A copy of the storage entries with every inline secret replaced by HIDDEN_INLINE. */
export function storageView(storage: StoredConfig['storage']): StoredConfig['storage'] {
  const copy = structuredClone(storage);
  for (const path of inlineSecretPaths(copy)) setAt(copy, path, HIDDEN_INLINE);
  return copy;
}

/** Puts back, from the stored entry, any secret the Settings view showed as HIDDEN_INLINE. */
export function restoreHidden(source: Record<string, unknown>, previous: Record<string, unknown> | undefined): void {
  const walk = (v: unknown, path: Path): void => {
    if (v === HIDDEN_INLINE) {
      const old = getAt(previous, path);
      if (typeof old !== 'string') throw new FleetApiError('invalid-argument', `${path.join('.')}: there is no stored secret to keep here; enter it.`);
      setAt(source, path, old);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, [...path, k]));
  };
  walk(source, []);
}

const commandOf = (source: Record<string, unknown> | undefined): { where: string; line: string | null } => {
  const { where, line, problem } = sourceCommand(source);
  if (problem) throw new FleetApiError('invalid-argument', `${where}: ${problem}.`);
  return { where, line };
};

/** The command line a storage source as written would run (null for a local source without one). */
export const commandLineOf = (source: Record<string, unknown>): string | null => commandOf(source).line;

/** A change of the command a storage source runs, as the person confirming it is shown it. */
export interface CommandChange {
  sourceId: string;
  /** The field that changes: gluster.local.command or gluster.ssh.command. */
  where: string;
  /** The command line run now (null when the source is new or ran none). */
  before: string | null;
  /** The exact command line the source would run. */
  line: string;
}

/** Asks a person, outside the renderer, to confirm a command change; resolves true only on their yes. */
export type ConfirmCommand = (change: CommandChange) => Promise<boolean>;

/**
 * Commands are not data from requests: the command a storage source runs may only change where a
 * person confirmed the exact command line (the desktop, whose main process asks them natively, so
 * a compromised renderer cannot answer for them), never in browser mode.
 */
export async function checkCommandChange(
  source: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
  opts: { confirm: ConfirmCommand | undefined; confirmedCommand: string | undefined },
): Promise<void> {
  const next = commandOf(source);
  const before = previous ? commandOf(previous).line : 'gluster';
  if (next.line === before || next.line === null) return;
  if (!opts.confirm) {
    throw new FleetApiError(
      'forbidden',
      `${next.where}: browser mode does not change the command Fleetscope runs (here "${before ?? 'none'}" → "${next.line}"), since anyone with the page's token could. ` +
        `Edit the config file on the machine that runs Fleetscope, or use the desktop app.`,
    );
  }
  if (opts.confirmedCommand !== next.line) {
    throw new FleetApiError(
      'invalid-argument',
      `${next.where}: this source would run \`${next.line}\`. Confirm that exact command line to save it (confirmedCommand).`,
    );
  }
  const sourceId = typeof source.id === 'string' ? source.id : '';
  if (!(await opts.confirm({ sourceId, where: next.where, before, line: next.line }))) {
    throw new FleetApiError('forbidden', `${next.where}: the command line \`${next.line}\` was not confirmed, so nothing was saved.`);
  }
}

/**
 * A file may hold secrets written inline by hand; Fleetscope never writes one. Before a save, the
 * desktop moves each into its vault (the file then refers to it); without a vault the save is
 * refused, saying which entry to change, instead of failing on an unrelated edit.
 */
export async function settleInlineSecrets(doc: StoredConfig, secrets: SecretStore | undefined, configPath: string): Promise<void> {
  const paths = inlineSecretPaths(doc);
  if (paths.length === 0) return;
  if (!secrets) {
    throw new FleetApiError(
      'invalid-argument',
      `${paths.map((p) => p.join('.')).join(', ')} ${paths.length === 1 ? 'is' : 'are'} written inline in ${configPath}, and Fleetscope never writes a secret into a file. ` +
        `Replace ${paths.length === 1 ? 'it' : 'them'} there with \${env:NAME} references, then save again.`,
    );
  }
  for (const path of paths) {
    const name = `inline.${path.join('.')}`;
    await secrets.set(name, String(getAt(doc, path)));
    setAt(doc, path, `\${vault:${name}}`);
  }
}
