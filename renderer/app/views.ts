import type { ComponentType } from 'react';
import { OverviewView } from '../features/overview/overview-view';

type ViewDefinition = { readonly id: string; readonly label: string; readonly Component: ComponentType };

/**
 * Every area of the app, in nav order. A new area (Caches, Mirrors, Storage, Activity,
 * Settings) is one line here: `{ id: 'caches', label: 'Caches', Component: CachesView },`.
 */
export const VIEWS = [{ id: 'overview', label: 'Overview', Component: OverviewView }] as const satisfies readonly ViewDefinition[];

export type ViewId = (typeof VIEWS)[number]['id'];

export const findView = (id: ViewId): (typeof VIEWS)[number] => VIEWS.find((v) => v.id === id) ?? VIEWS[0];
