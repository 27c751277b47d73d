import type { PreloadApi } from '../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode, where the bridge speaks HTTP + SSE. */
    fleet?: PreloadApi;
  }
}

export {};
