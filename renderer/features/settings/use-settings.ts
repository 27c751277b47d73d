import type { Settings } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';

/** The Settings as the engine reports them; a change answers with the new Settings (`replace`). */
export function useSettings(): BridgeQuery<Settings> {
  return useBridgeQuery({ key: ['getSettings'], what: 'the settings', read: (bridge) => bridge.getSettings({}) });
}
