import { createElement, lazy, type ComponentType } from 'react';

/** A view whose code is loaded when first shown: `Component` renders it, `load` fetches it ahead. */
export type LazyView = { readonly Component: ComponentType; readonly load: () => Promise<ComponentType> };

/**
 * Only the Overview is in the page's first script: every other view (recharts for the Logs
 * charts, YAML for Settings…) is its own chunk, so the first data is not held up by parsing code
 * nobody looks at yet (issue 13 item 7). Once loaded, a view renders at once, without suspending
 * again (a Suspense fallback would flash on every later visit, and tests can render synchronously
 * after `load`).
 */
export const lazyView = (importer: () => Promise<ComponentType>): LazyView => {
  let loaded: ComponentType | null = null;
  let loading: Promise<ComponentType> | null = null;
  const load = (): Promise<ComponentType> => {
    loading ??= importer().then(
      (c) => (loaded = c),
      (err: unknown) => {
        // A failed chunk (a rebuild replaced it, the server went away) is fetched again next time.
        loading = null;
        throw err;
      },
    );
    return loading;
  };
  const Suspending = lazy(async () => ({ default: await load() }));
  const Component = (): React.JSX.Element => createElement(loaded ?? Suspending);
  return { Component, load };
};
