import { create } from 'zustand';
import type { DemoState, ScenarioRun, ScenarioSummary } from '../../shared/model';

export type DemoStoreState = {
  demo: DemoState | null;
  /** Why the demo state could not be loaded, shown in the demo panel. */
  loadError: string | null;
  /** Whether the app opens each scenario step's view itself ("Follow along"). */
  followScenario: boolean;
};

const initialState: DemoStoreState = { demo: null, loadError: null, followScenario: true };

/** The simulated fleet's fault switches. Written only by renderer/bridge. */
export const useDemoStore = create<DemoStoreState>()(() => initialState);

export const demoActions = {
  receive(demo: DemoState): void {
    useDemoStore.setState({ demo, loadError: null });
  },
  loadFailed(message: string): void {
    useDemoStore.setState({ loadError: message });
  },
  setFollowScenario(follow: boolean): void {
    useDemoStore.setState({ followScenario: follow });
  },
  reset(): void {
    useDemoStore.setState(initialState, true);
  },
};

export const selectDemoLoadError = (s: DemoStoreState): string | null => s.loadError;
const NO_SCENARIOS: readonly ScenarioSummary[] = [];
export const selectScenarios = (s: DemoStoreState): readonly ScenarioSummary[] => s.demo?.scenarios ?? NO_SCENARIOS;
export const selectScenarioRun = (s: DemoStoreState): ScenarioRun | null => s.demo?.scenario ?? null;
export const selectFollowScenario = (s: DemoStoreState): boolean => s.followScenario;
export const selectDemo = (s: DemoStoreState): DemoState | null => s.demo;
