import type { DemoFault } from '../../shared/model';
import { demoActions } from '../state/demo.store';
import type { Bridge } from './api';

/**
 * Switches a fault of the simulated fleet and stores the state the engine answers with, so the
 * toggle reflects what the engine did rather than what was clicked.
 */
export const setDemoFault = async (bridge: Bridge, args: { targetId: string; fault: DemoFault; enabled: boolean }): Promise<void> => {
  demoActions.receive(await bridge.setDemoFault(args));
};
