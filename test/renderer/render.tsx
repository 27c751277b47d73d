import { render, type RenderResult } from '@testing-library/react';
import { App } from '../../renderer/app/app';
import { BridgeContext } from '../../renderer/bridge/bridge-context';
import { createFakeBridge } from './fixtures';
import { loadAllViews } from '../../renderer/app/views';

// Each view but the Overview is its own chunk, loaded on first use; loaded here, every view renders at once, as after the page's first data.
await loadAllViews();

/** Renders the whole app over a fake bridge; stores are filled by the test, as the bridge would. */
export const renderApp = (bridge = createFakeBridge()): RenderResult & { bridge: ReturnType<typeof createFakeBridge> } => ({
  ...render(
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>,
  ),
  bridge,
});
