import { createContext, useContext } from 'react';
import type { Bridge } from './api';

/** Gives components the bridge for requests they start (actions); pushed data comes via stores. */
export const BridgeContext = createContext<Bridge | null>(null);

export const useBridge = (): Bridge => {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge needs a <BridgeContext.Provider> above it.');
  return bridge;
};
