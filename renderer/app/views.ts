import type { ComponentType } from 'react';
import { ActivityView } from '../features/activity/activity-view';
import { CachesView } from '../features/caches/caches-view';
import { LogsView } from '../features/logs/logs-view';
import { MirrorsView } from '../features/mirrors/mirrors-view';
import { OverviewView } from '../features/overview/overview-view';
import { SettingsView } from '../features/settings/settings-view';
import { StorageView } from '../features/storage/storage-view';
import { TimelineView } from '../features/timeline/timeline-view';
import type { ViewId } from './view-ids';

type ViewDefinition = { readonly id: ViewId; readonly label: string; readonly Component: ComponentType };

/**
 * Every area of the app, in nav order. A new area is its id in view-ids.ts and one line here:
 * `{ id: 'caches', label: 'Caches', Component: CachesView },`.
 */
export const VIEWS = [
  { id: 'overview', label: 'Overview', Component: OverviewView },
  { id: 'caches', label: 'Caches', Component: CachesView },
  { id: 'mirrors', label: 'Mirrors', Component: MirrorsView },
  { id: 'storage', label: 'Storage', Component: StorageView },
  { id: 'timeline', label: 'Timeline', Component: TimelineView },
  { id: 'logs', label: 'Logs', Component: LogsView },
  { id: 'activity', label: 'Activity', Component: ActivityView },
  { id: 'settings', label: 'Settings', Component: SettingsView },
] as const satisfies readonly ViewDefinition[];

// Every id has its view: this line stops compiling when one is missing.
const _everyViewListed: Exclude<ViewId, (typeof VIEWS)[number]['id']> extends never ? true : never = true;

export const findView = (id: ViewId): (typeof VIEWS)[number] => VIEWS.find((v) => v.id === id) ?? VIEWS[0];
