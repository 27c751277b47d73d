import type { ComponentType } from 'react';
import { OverviewView } from '../features/overview/overview-view';
import { lazyView } from './lazy-view';
import type { ViewId } from './view-ids';

type ViewDefinition = {
  readonly id: ViewId;
  readonly label: string;
  readonly Component: ComponentType;
  /** Fetches the view's code ahead of showing it (every view but the Overview is its own chunk). */
  readonly load?: () => Promise<ComponentType>;
};

/**
 * Every area of the app, in nav order. A new area is its id in view-ids.ts and one line here:
 * `{ id: 'caches', label: 'Caches', ...lazyView(() => import('../features/caches/caches-view').then((m) => m.CachesView)) },`.
 */
export const VIEWS = [
  { id: 'overview', label: 'Overview', Component: OverviewView },
  { id: 'caches', label: 'Caches', ...lazyView(() => import('../features/caches/caches-view').then((m) => m.CachesView)) },
  { id: 'mirrors', label: 'Mirrors', ...lazyView(() => import('../features/mirrors/mirrors-view').then((m) => m.MirrorsView)) },
  { id: 'storage', label: 'Storage', ...lazyView(() => import('../features/storage/storage-view').then((m) => m.StorageView)) },
  { id: 'timeline', label: 'Timeline', ...lazyView(() => import('../features/timeline/timeline-view').then((m) => m.TimelineView)) },
  { id: 'logs', label: 'Logs', ...lazyView(() => import('../features/logs/logs-view').then((m) => m.LogsView)) },
  { id: 'activity', label: 'Activity', ...lazyView(() => import('../features/activity/activity-view').then((m) => m.ActivityView)) },
  { id: 'settings', label: 'Settings', ...lazyView(() => import('../features/settings/settings-view').then((m) => m.SettingsView)) },
] as const satisfies readonly ViewDefinition[];

// Every id has its view: this line stops compiling when one is missing.
const _everyViewListed: Exclude<ViewId, (typeof VIEWS)[number]['id']> extends never ? true : never = true;

export const findView = (id: ViewId): (typeof VIEWS)[number] => VIEWS.find((v) => v.id === id) ?? VIEWS[0];

/** Fetches every view's code: after the first data is on screen, so moving to a view does not wait. */
export const loadAllViews = (): Promise<unknown> => Promise.all(VIEWS.map((v) => ('load' in v ? v.load() : null)));
