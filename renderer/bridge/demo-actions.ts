import type { DemoFault, ScenarioCommand } from '../../shared/model';
import { demoActions } from '../state/demo.store';
import type { Bridge } from './api';

/**
 * Switches a fault of the simulated fleet and stores the state the engine answers with, so the
 * toggle reflects what the engine did rather than what was clicked.
 */
export const setDemoFault = async (bridge: Bridge, args: { targetId: string; fault: DemoFault; enabled: boolean }): Promise<void> => {
  demoActions.receive(await bridge.setDemoFault(args));
};

/** Starts a demo scenario from a healthy fleet; the state answered carries its first caption. */
export const startDemoScenario = async (bridge: Bridge, name: string): Promise<void> => {
  demoActions.receive(await bridge.startDemoScenario({ name }));
};

/** Pauses, resumes, steps, restarts or stops the running scenario. */
export const controlDemoScenario = async (bridge: Bridge, command: ScenarioCommand): Promise<void> => {
  demoActions.receive(await bridge.controlDemoScenario({ command }));
};

/** Back to a healthy fleet: every fault off, any scenario stopped. */
export const resetDemo = async (bridge: Bridge): Promise<void> => {
  demoActions.receive(await bridge.resetDemo({}));
};

/** Changes how fast the simulated fleet lives and stores the state the engine answers with. */
export const setDemoSpeed = async (bridge: Bridge, speed: number): Promise<void> => {
  demoActions.receive(await bridge.setDemoSpeed({ speed }));
};
