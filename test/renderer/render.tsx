import { render, type RenderResult } from '@testing-library/react';
import { App } from '../../renderer/app/app';
import { BridgeContext } from '../../renderer/bridge/bridge-context';
import { createFakeBridge } from './fixtures';

/** Renders the whole app over a fake bridge; stores are filled by the test, as the bridge would. */
export const renderApp = (bridge = createFakeBridge()): RenderResult & { bridge: ReturnType<typeof createFakeBridge> } => ({
  ...render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  ),
  bridge,
});
