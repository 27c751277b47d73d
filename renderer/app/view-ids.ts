/**
 * The ids of the app's areas. Kept apart from views.ts, which imports every view: the UI store
 * names the current view, and the views import the store.
 */
export type ViewId = 'overview' | 'caches' | 'mirrors' | 'storage' | 'timeline' | 'logs' | 'activity' | 'settings';
