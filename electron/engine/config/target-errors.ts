import type { FleetConfig } from './fleet-config-schema';

/** A secret reference the loader could not resolve, where it was and why. */
export interface UnresolvedSecret {
  path: (string | number)[];
  message: string;
}

/**
 * Marks every target that holds an unresolvable secret reference: its error goes into
 * `config.targetErrors` (id → message), and the reference is removed from its entry, so no
 * client is ever built with the `${…}` text as a credential. The engine shows such a target as
 * `unknown` with that message and polls everything else.
 */
export function blockTargets(config: FleetConfig, unresolved: readonly UnresolvedSecret[]): FleetConfig {
  if (unresolved.length === 0) return config;
  const errors: Record<string, string[]> = {};
  for (const { path, message } of unresolved) {
    const [list, index, ...rest] = path;
    const entry = (list === 'primaries' ? config.primaries : config.storage)[index as number] as unknown as Record<string, unknown> | undefined;
    if (!entry) continue;
    // A primary loses the whole credential (a token, or a user without password); elsewhere the field.
    const field = list === 'primaries' && (rest[0] === 'read' || rest[0] === 'admin') ? rest.slice(0, 1) : rest;
    removeAt(entry, field);
    (errors[entry.id as string] ??= []).push(message);
  }
  const targetErrors = Object.fromEntries(Object.entries(errors).map(([id, messages]) => [id, messages.join(' ')]));
  return { ...config, targetErrors };
}

function removeAt(entry: Record<string, unknown>, path: (string | number)[]): void {
  let parent: Record<string | number, unknown> = entry;
  for (const key of path.slice(0, -1)) {
    const next = parent[key];
    if (!next || typeof next !== 'object') return;
    parent = next as Record<string | number, unknown>;
  }
  delete parent[path.at(-1)!];
}
