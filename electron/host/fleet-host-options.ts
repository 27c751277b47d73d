import type { DemoFault, DemoScenario, DemoState, PastHistory } from '../../shared/model';
import type { FleetConfig } from '../engine/config/fleet-config-schema';
import type { Shard } from '../engine/config/shard';
import type { EngineOptions } from '../engine/engine';
import type { PrintPdf } from '../engine/report/report-handlers';
import type { SecretStore } from '../engine/secrets/secret-store';
import type { ConfirmCommand } from '../engine/settings/settings-guards';
import type { DispatchLog } from './dispatch';

export interface DemoControl {
  state(): DemoState;
  /** Applies a fault and resolves with the state once it took effect (a node listening again, say). */
  applyFault(targetId: string, fault: DemoFault, enabled: boolean): Promise<DemoState>;
  /** Changes how fast simulated time runs, mid-run; answers the new state. */
  setSpeed(speed: number): DemoState;
  /** `change` names the fault a switch changed (from the app or the demo's control API), so either is recorded as an event. */
  onChange(listener: (s: DemoState, change?: { targetId: string; fault: DemoFault; enabled: boolean }) => void): () => void;
  /** The simulated fleet's past up to `to` (at most a week): written to the history when the host starts. */
  pastHistory?(from: number, to: number): PastHistory;
  /** Files the simulated fleet writes (its primaries' access logs): their folders may be read. */
  files?(): Array<{ label: string; path: string }>;
  stop(): Promise<void>;
}

export interface FleetHostOptions {
  /** The fleet config file: loaded unless `config` is given, and the file Settings edits. */
  configPath?: string;
  config?: FleetConfig;
  /** Where the history database lives; ':memory:' keeps nothing. */
  dataDir: string;
  /** A running simulated fleet whose config is `config`; enables the demo requests until Settings switches to a real fleet. */
  demo?: DemoControl;
  /** The scenarios a presenter can play on the demo fleet (electron/demo/scenarios). */
  scenarios?: () => readonly DemoScenario[];
  /** The scenario to start with the host (`serve --demo --scenario NAME`); an unknown name fails the start. */
  scenario?: string;
  /** The desktop vault for `${vault:NAME}`; absent in browser mode. */
  secrets?: SecretStore;
  /** Why there is no vault, when the desktop refused one (shown in Settings). */
  secretsUnavailableReason?: string;
  /** Which shell hosts the engine, for the audit log's actor: `alice (desktop)`. */
  shell?: 'desktop' | 'browser mode' | 'check';
  /**
   * The desktop's native confirmation of a new gluster command line (main process, never the
   * renderer). Without it no request changes a command.
   */
  confirmCommand?: ConfirmCommand;
  /** Folders access logs may be read from (besides FLEETSCOPE_LOG_FOLDERS and the demo's own logs). */
  logFolders?: readonly string[];
  /** The desktop's native file dialog for access logs (main process); browser mode has none. */
  chooseLogFiles?: () => Promise<string[]>;
  /** Reported once per config warning, e.g. inline secrets. */
  warn?: (message: string) => void;
  /** Where dispatch logs refused arguments and unexpected errors. */
  log?: DispatchLog;
  /** This collector's share of the fleet (`--shard 2/4`); Settings changes keep to it. */
  shard?: Shard;
  /** Prints the incident report as PDF: the desktop's printToPDF, or headless Chromium where browser mode runs. */
  printPdf?: PrintPdf;
  /** Secrets known outside the config and the environment (a random API token): never in a support bundle. */
  knownSecrets?: () => readonly string[];
  /** Told of each git process a clone probe starts: tests read its command line while it runs. */
  onProbeGitStarted?: (pid: number) => void;
  engine?: Partial<
    Pick<EngineOptions, 'concurrencyPerHost' | 'maxInFlight' | 'requestBudget' | 'slowThresholdMs' | 'publishDelayMs' | 'env' | 'actionRepollTimeoutMs'>
  >;
}
