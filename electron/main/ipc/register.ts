import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { REQUEST_NAMES, requestChannel, type Outcome, type RequestName } from '../../../shared/contract';
import type { FleetHost } from '../../host/host-types';
import { senderRejection, type SenderPolicy } from './sender';

export type IpcLog = Pick<Console, 'warn' | 'error'>;

export interface IpcDeps {
  host: Pick<FleetHost, 'dispatch'>;
  senders: SenderPolicy;
  log?: IpcLog;
}

/**
 * Answers every contract request on its channel: the sender checked here, then the host's one
 * dispatch (arguments validated, handler run, errors mapped) answers the Outcome as it is — an
 * Outcome, not a rejection, because `invoke` carries a rejection across as a bare message. The
 * only place `ipcMain` is used.
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
  return deps.host.dispatch(name, args);
}

function checkSender(event: IpcMainInvokeEvent, senders: SenderPolicy): string | null {
  try {
    return senderRejection(event, senders);
  } catch (err) {
    // WebFrameMain getters throw once the frame is disposed; such a sender is refused, not crashed on.
    return `the sender could not be inspected (${err instanceof Error ? err.message : String(err)})`;
  }
}
