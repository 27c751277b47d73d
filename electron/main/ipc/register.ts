import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { REQUEST_NAMES, requestChannel, type Outcome, type RequestName } from '../../../shared/contract';
import type { FleetHost } from '../../engine/host-types';
import { runRequest, type IpcLog } from './run-request';
import { senderRejection, type SenderPolicy } from './sender';

export interface IpcDeps {
  host: Pick<FleetHost, 'handlers'>;
  senders: SenderPolicy;
  log?: IpcLog;
}

/**
 * Answers every contract request on its channel: sender checked, arguments parsed, handler run,
 * Outcome returned. The only place `ipcMain` is used.
 *
 * Registered before the first window opens so that no renderer call can find a channel missing.
 */
export function registerIpc(deps: IpcDeps): void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(requestChannel(name), (event, args: unknown) => answer(name, event, args, deps));
  }
}

/**
 * Removes every contract handler. `removeHandler`, not `off`: `off` never removes a `handle`
 * registration, and a second `handle` on a channel throws.
 */
export function unregisterAll(): void {
  for (const name of REQUEST_NAMES) ipcMain.removeHandler(requestChannel(name));
}

async function answer(name: RequestName, event: IpcMainInvokeEvent, args: unknown, deps: IpcDeps): Promise<Outcome<unknown>> {
  const log = deps.log ?? console;
  const rejection = checkSender(event, deps.senders);
  if (rejection !== null) {
    log.warn(`[fleetscope] refused ${name} from webContents ${event.sender.id}: ${rejection}`);
    // The details stay in the log: a refused sender is untrusted and learns only that it was refused.
    return { ok: false, error: { code: 'forbidden', message: 'This page may not call Fleetscope.' } };
  }
  return runRequest(name, args, deps.host.handlers, log);
}

function checkSender(event: IpcMainInvokeEvent, senders: SenderPolicy): string | null {
  try {
    return senderRejection(event, senders);
  } catch (err) {
    // WebFrameMain getters throw once the frame is disposed; such a sender is refused, not crashed on.
    return `the sender could not be inspected (${err instanceof Error ? err.message : String(err)})`;
  }
}
