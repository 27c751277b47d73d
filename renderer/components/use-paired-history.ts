import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { FleetApiError } from '../../shared/contract';
import { useElementWidth } from './use-element-width';

type Series = Array<[number, number]>;
export type PairedPoint = { t: number; a: number; b: number | null };

/**
 * Two history series for one chart, asked of the engine at the chart's pixel width (it
 * downsamples with LTTB) and joined by time; asked again when `reloadKey` or the width changes,
 * not at all while `reloadKey` is null (nothing polled yet).
 */
export function usePairedHistory(
  box: RefObject<HTMLElement | null>,
  reloadKey: string | null,
  load: (maxPoints: number) => Promise<[{ points: Series }, { points: Series }]>,
  what: string,
): { width: number; points: PairedPoint[] | null; error: string | null } {
  const width = useElementWidth(box, 480);
  const [points, setPoints] = useState<PairedPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The loader changes identity every render; the key says when its result would differ.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    if (reloadKey === null) return undefined;
    let live = true;
    loadRef.current(Math.max(3, width)).then(
      ([a, b]) => {
        if (!live) return;
        const byTime = new Map(b.points.map(([t, v]) => [t, v]));
        setPoints(a.points.map(([t, v]) => ({ t, a: v, b: byTime.get(t) ?? null })));
        setError(null);
      },
      (err: unknown) => live && setError(err instanceof FleetApiError ? err.message : `Could not load the ${what}: ${String(err)}`),
    );
    return () => {
      live = false;
    };
  }, [reloadKey, width, what]);
  return { width, points, error };
}
