import { dirname } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { FleetApiError } from '../../../shared/contract';
import type { Settings } from '../../../shared/model';
import { primaryInputSchema } from '../../../shared/model';
import type { FleetConfig } from '../config/fleet-config-schema';
import { ConfigError, parseConfigObject } from '../config/load-config';
import { writeConfigFile } from '../config/write-config';
import { yamlProblem } from '../config/yaml-error';
import type { FleetHandlers } from '../handlers';
import { vaultName, type SecretStore } from '../secrets/secret-store';
import { inlineSecretPaths, primaryView, readStoredConfig, storePrimary, type StoredConfig } from './stored-config';
import { testConnection } from './test-connection';
import { checkImportedRefs, checkPrimaryInput, createBindingMemory } from './secret-binding';
import { checkCommandChange, commandLineOf, HIDDEN_INLINE, type ConfirmCommand, restoreHidden, settleInlineSecrets, storageView } from './settings-guards';
import { getAt, placeholderName, redactUrls, setAt } from './config-paths';
import { readCa, resolveCredential } from './resolve-credential';

/** What Settings may change on the simulated fleet, which has no file of its own. */
export type DemoTuning = Partial<
  Pick<FleetConfig, 'pollIntervalSeconds' | 'mirrorSweepIntervalSeconds' | 'mirrorSweepBudgetKBps' | 'cacheStatsIntervalSeconds' | 'cacheStatsBudgetKBps'>
>;

export interface SettingsDeps {
  /** The fleet config file Settings edits (created on the first save). */
  configPath: string;
  /** The desktop vault; undefined in browser mode, where only ${env:NAME} references work. */
  secrets: SecretStore | undefined;
  /** Why there is no vault, when a desktop refused one; browser mode has none by design. */
  secretsUnavailableReason?: string;
  env: NodeJS.ProcessEnv;
  /** True while the simulated fleet is shown instead of the file's fleet. */
  isDemo(): boolean;
  /**
   * Asks a person to confirm a new gluster command line (the desktop's native dialog). Without it
   * (browser mode) the command of a storage source never changes through a request.
   */
  confirmCommand?: ConfirmCommand | undefined;
  /** What the host had to tell the user since it started (a damaged data file moved aside, …). */
  notices?(): readonly string[];
  /** The poll interval of the engine running now (the demo's own, while it is shown). */
  pollIntervalInForce(): number;
  /** The mirror sweep in force (period in seconds, budget in KB/s). */
  mirrorSweepInForce(): { intervalSeconds: number; budgetKBps: number };
  /** The SCM cache statistics' schedule in force (period in seconds, budget in KB/s). */
  cacheStatisticsInForce(): { intervalSeconds: number; budgetKBps: number };
  /** Restarts the simulated fleet's engine with these settings changed; nothing is written. */
  retuneDemo(patch: DemoTuning): Promise<void>;
  /** Builds and starts an engine for a new config beside the running one; throws when it cannot start. */
  prepare(config: FleetConfig): Promise<PreparedReconfigure>;
}

/** A started candidate engine: `commit` retires the running one (and the demo), `abort` stops the candidate. */
export interface PreparedReconfigure {
  commit(): Promise<void>;
  abort(): Promise<void>;
}

type SettingsHandlerNames =
  | 'getSettings'
  | 'savePrimary'
  | 'removePrimary'
  | 'saveStorage'
  | 'removeStorage'
  | 'setPollInterval'
  | 'setMirrorSweep'
  | 'setCacheStatistics'
  | 'testConnection'
  | 'exportConfig'
  | 'importConfig';

const HEADER = 'Fleetscope fleet config. Secrets are never written here: only ${env:NAME} or ${vault:NAME} references.';

/** The Settings requests: read and edit the fleet config file, keep secrets out of it, test connections. */
export function settingsHandlers(deps: SettingsDeps): Pick<FleetHandlers, SettingsHandlerNames> {
  const parse = (doc: StoredConfig): FleetConfig => {
    try {
      return parseConfigObject(doc, {
        baseDir: dirname(deps.configPath),
        source: deps.configPath,
        env: deps.env,
        ...(deps.secrets ? { secrets: deps.secrets } : {}),
      }).config;
    } catch (err) {
      if (err instanceof ConfigError) throw new FleetApiError('invalid-argument', err.message);
      throw err;
    }
  };

  const view = (doc: StoredConfig): Settings => ({
    configPath: deps.configPath,
    demo: deps.isDemo(),
    pollIntervalSeconds: deps.pollIntervalInForce(),
    mirrorSweep: deps.mirrorSweepInForce(),
    cacheStatistics: deps.cacheStatisticsInForce(),
    primaries: doc.primaries.map(primaryView),
    storage: storageView(doc.storage),
    secretStorage: deps.secrets
      ? { kind: 'vault', backend: deps.secrets.backend }
      : {
          kind: 'env-only',
          reason: deps.secretsUnavailableReason ?? 'Browser mode has no vault: give secrets as ${env:NAME} references to variables set where Fleetscope runs.',
        },
    warnings: [
      ...(deps.notices?.() ?? []),
      ...inlineSecretPaths(doc).map((p) => `${p.join('.')} is written inline in ${deps.configPath}; save it again from here to move it out of the file.`),
      ...targetErrorWarnings(doc),
    ],
  });

  /** The targets that are shown but not polled because a secret reference cannot be resolved. */
  const targetErrorWarnings = (doc: StoredConfig): string[] => {
    let errors: Readonly<Record<string, string>>;
    try {
      errors = parse(doc).targetErrors ?? {};
    } catch {
      // A file the schema refuses is reported when it is loaded or saved, not here.
      return [];
    }
    return Object.entries(errors).map(([id, message]) => `${id} is not polled: ${message}`);
  };

  /**
   * Validates, builds and starts the new engine, and only then writes the file (atomically) and
   * retires the old engine. On any failure nothing is written and the running engine carries on.
   * The target being saved must resolve; another target's unresolvable secret stays its own error.
   */
  const apply = async (doc: StoredConfig, savedId?: string): Promise<Settings> => {
    await settleInlineSecrets(doc, deps.secrets, deps.configPath);
    const config = parse(doc);
    const blocked = savedId === undefined ? undefined : config.targetErrors?.[savedId];
    if (blocked !== undefined) throw new FleetApiError('invalid-argument', blocked);
    const prepared = await deps.prepare(config);
    try {
      await writeConfigFile(deps.configPath, doc, HEADER);
    } catch (err) {
      await prepared.abort();
      throw new FleetApiError(
        'internal',
        `Could not write ${deps.configPath}: ${(err as Error).message}. Nothing changed; the fleet as it was is still watched.`,
      );
    }
    await prepared.commit();
    return view(doc);
  };

  const bindings = createBindingMemory();
  /** Saving a fleet of one's own ends the demo: only when the person confirmed that switch. */
  const confirmLeavingDemo = (leaveDemo: boolean | undefined): void => {
    if (deps.isDemo() && leaveDemo !== true)
      throw new FleetApiError(
        'conflict',
        `You are watching the simulated fleet. Saving writes ${deps.configPath} and switches Fleetscope to your fleet: confirm the switch to go on.`,
      );
  };

  const load = (): StoredConfig => {
    try {
      const doc = readStoredConfig(deps.configPath);
      bindings.remember(doc);
      return doc;
    } catch (err) {
      throw new FleetApiError('invalid-argument', (err as Error).message);
    }
  };
  const withId = <T extends { id?: unknown }>(list: T[], id: string): number => list.findIndex((x) => x.id === id);
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ConfigError) throw new FleetApiError('invalid-argument', err.message);
      throw err;
    }
  };

  /** A schedule setting: written to the file (restarting the engine), or on the simulated fleet a retune that writes nothing. */
  const tune = async (patch: DemoTuning): Promise<Settings> => {
    if (!deps.isDemo()) return apply({ ...load(), ...patch });
    await deps.retuneDemo(patch);
    return view(load());
  };

  return {
    getSettings: async () => view(load()),
    savePrimary: ({ primary, replaces, leaveDemo }) =>
      guard(async () => {
        confirmLeavingDemo(leaveDemo);
        const doc = load();
        const at = replaces === undefined ? -1 : withId(doc.primaries, replaces);
        if (replaces !== undefined && at < 0) throw new FleetApiError('not-found', `No primary "${replaces}" in ${deps.configPath}.`);
        if (primary.id !== replaces && withId(doc.primaries, primary.id) >= 0) {
          throw new FleetApiError('conflict', `A primary with id "${primary.id}" exists already; edit that one, or choose another id.`);
        }
        checkPrimaryInput(primary, at >= 0 ? doc.primaries[at] : undefined, bindings.withRemembered(doc));
        const stored = await storePrimary(primary, at >= 0 ? doc.primaries[at] : undefined, deps.secrets);
        if (at >= 0) doc.primaries[at] = stored;
        else doc.primaries.push(stored);
        return apply(doc, primary.id);
      }),
    removePrimary: async ({ id }) => {
      const doc = load();
      const at = withId(doc.primaries, id);
      if (at < 0) throw new FleetApiError('not-found', `No primary "${id}" in ${deps.configPath}.`);
      doc.primaries.splice(at, 1);
      for (const role of ['read', 'admin']) await deps.secrets?.delete(vaultName('primary', id, role));
      return apply(doc);
    },
    saveStorage: async ({ source, replaces, confirmedCommand, leaveDemo }) => {
      confirmLeavingDemo(leaveDemo);
      const doc = load();
      const id = typeof source.id === 'string' ? source.id : '';
      if (inlineSecretPaths(source).some((p) => getAt(source, p) !== HIDDEN_INLINE))
        throw new FleetApiError('invalid-argument', 'Storage sources hold no secrets inline: use key files, or ${env:NAME} for a passphrase.');
      const at = withId(doc.storage, replaces ?? id);
      const previous = at >= 0 ? doc.storage[at] : undefined;
      restoreHidden(source, previous);
      checkImportedRefs({ primaries: [], storage: [source] }, bindings.withRemembered(doc));
      await checkCommandChange(source, previous, { confirm: deps.confirmCommand, confirmedCommand });
      if (at >= 0) doc.storage[at] = source;
      else doc.storage.push(source);
      return apply(doc, id);
    },
    removeStorage: async ({ id }) => {
      const doc = load();
      const at = withId(doc.storage, id);
      if (at < 0) throw new FleetApiError('not-found', `No storage source "${id}" in ${deps.configPath}.`);
      doc.storage.splice(at, 1);
      return apply(doc);
    },
    setPollInterval: ({ seconds }) => tune({ pollIntervalSeconds: seconds }),
    setMirrorSweep: ({ intervalSeconds, budgetKBps }) => tune({ mirrorSweepIntervalSeconds: intervalSeconds, mirrorSweepBudgetKBps: budgetKBps }),
    setCacheStatistics: ({ intervalSeconds, budgetKBps }) => tune({ cacheStatsIntervalSeconds: intervalSeconds, cacheStatsBudgetKBps: budgetKBps }),
    testConnection: ({ primary }) =>
      guard(async () => {
        const doc = load();
        const previous = doc.primaries.find((p) => p.id === primary.id);
        const p = primaryInputSchema.parse(primary);
        checkPrimaryInput(p, previous, bindings.withRemembered(doc));
        const caPem = p.caFile ? readCa(p.caFile) : undefined;
        return testConnection(
          {
            baseUrl: p.baseUrl.replace(/\/+$/, ''),
            read: resolveCredential(p.read, previous?.read, deps),
            admin: resolveCredential(p.admin, previous?.admin, deps),
            caPem,
            proxy: p.proxy ? (p.proxy === 'direct' ? 'direct' : { url: p.proxy }) : 'env',
            timeoutMs: (p.timeoutSeconds ?? 10) * 1000,
          },
          deps.env,
        );
      }),
    exportConfig: async () => {
      const doc = structuredClone(load());
      for (const path of inlineSecretPaths(doc)) setAt(doc, path, `\${env:${placeholderName(path)}}`);
      redactUrls(doc);
      return { yaml: `# ${HEADER}\n${stringify(doc)}` };
    },
    importConfig: ({ yaml, leaveDemo }) =>
      guard(async () => {
        confirmLeavingDemo(leaveDemo);
        let doc: unknown;
        try {
          doc = parseYaml(yaml);
        } catch (err) {
          throw new FleetApiError('invalid-argument', `Not valid YAML: ${yamlProblem(err)}.`);
        }
        if (!doc || typeof doc !== 'object' || Array.isArray(doc))
          throw new FleetApiError('invalid-argument', 'The file must hold a YAML mapping (pollIntervalSeconds, primaries, storage).');
        const stored = { primaries: [], storage: [], ...doc } as StoredConfig;
        if (!Array.isArray(stored.primaries) || !Array.isArray(stored.storage))
          throw new FleetApiError('invalid-argument', 'primaries and storage must be lists.');
        const current = load();
        checkImportedRefs(stored, bindings.withRemembered(current));
        // An import is a request like any other: it changes no command without the person's confirmation.
        for (const source of stored.storage) {
          if (!source || typeof source !== 'object') continue; // refused with the reason when the document is parsed
          const previous = current.storage.find((s) => s.id === source.id);
          const line = commandLineOf(source);
          await checkCommandChange(source, previous, { confirm: deps.confirmCommand, confirmedCommand: line ?? undefined });
        }
        for (const path of inlineSecretPaths(stored)) {
          if (!deps.secrets)
            throw new FleetApiError('invalid-argument', `${path.join('.')} holds a secret inline; in browser mode use \${env:NAME} references.`);
          const name = `import.${path.join('.')}`;
          await deps.secrets.set(name, String(getAt(stored, path)));
          setAt(stored, path, `\${vault:${name}}`);
        }
        return apply(stored);
      }),
  };
}
