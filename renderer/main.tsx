import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { applyTheme } from './app/theme';
import { createBridge } from './bridge/bridge';
import { BridgeContext } from './bridge/bridge-context';
import { connectStores } from './bridge/connect-stores';
import { startRouting } from './routing/route-store';
import { useUiStore } from './state/ui.store';
import './styles/theme.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/status.css';
import './styles/overview.css';
import './styles/demo.css';
import './styles/components.css';
import './styles/mirrors.css';
import './styles/caches.css';
import './styles/storage.css';
import './styles/logs.css';
import './styles/repository.css';
import './styles/clone-evidence.css';
import './styles/charts.css';

// Started here, outside React, so StrictMode's double mount cannot subscribe twice.
const bridge = createBridge();
connectStores(bridge);
// After the bridge took the token out of the hash: what is left is the route.
startRouting();
applyTheme(useUiStore.getState().theme);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <BridgeContext.Provider value={bridge}>
      <App />
    </BridgeContext.Provider>
  </StrictMode>,
);
