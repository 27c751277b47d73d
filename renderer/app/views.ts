import type { ComponentType } from 'react';
import { ActivityView } from '../features/activity/activity-view';
import { CachesView } from '../features/caches/caches-view';
import { MirrorsView } from '../features/mirrors/mirrors-view';
import { OverviewView } from '../features/overview/overview-view';
import { SettingsView } from '../features/settings/settings-view';
import { StorageView } from '../features/storage/storage-view';

type ViewDefinition = { readonly id: string; readonly label: string; readonly Component: ComponentType };

/**
 * Every area of the app, in nav order. A new area (Caches, Mirrors, Storage, Activity,
 * Settings) is one line here: `{ id: 'caches', label: 'Caches', Component: CachesView },`.
 */
export const VIEWS = [
  { id: 'overview', label: 'Overview', Component: OverviewView },
  { id: 'caches', label: 'Caches', Component: CachesView },
  { id: 'mirrors', label: 'Mirrors', Component: MirrorsView },
  { id: 'storage', label: 'Storage', Component: StorageView },
  { id: 'activity', label: 'Activity', Component: ActivityView },
  { id: 'settings', label: 'Settings', Component: SettingsView },
] as const satisfies readonly ViewDefinition[];

export type ViewId = (typeof VIEWS)[number]['id'];

export const findView = (id: ViewId): (typeof VIEWS)[number] => VIEWS.find((v) => v.id === id) ?? VIEWS[0];
