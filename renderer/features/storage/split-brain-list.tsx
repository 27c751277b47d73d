import { useVirtualizer } from '@tanstack/react-virtual';
import { scrollAfterLayout } from '../../components/scroll-after-layout';
import { useRef } from 'react';
import type { SplitBrainEntry } from '../../../shared/model';

const ROW_HEIGHT = 28;
const VIEWPORT_HEIGHT = 200;

/**
 * Files in split-brain, per brick, as `heal info split-brain` lists them. A brick that cannot
 * resolve the path shows `<gfid:…>`. Virtualised: a bad day can list hundreds.
 */
export const SplitBrainList = ({ volume, entries, truncated }: { volume: string; entries: readonly SplitBrainEntry[]; truncated: boolean }) => {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer is read afresh each render; this component is cheap, so no compiler memoising is lost.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 600, height: VIEWPORT_HEIGHT },
    scrollToFn: scrollAfterLayout,
  });
  if (entries.length === 0) return null;
  return (
    <div className="split-brain" data-testid="split-brain-list" data-count={entries.length}>
      <h4>
        Files in split-brain <span className="count">{entries.length}</span>
        {truncated && <span className="muted small"> (first {entries.length} shown)</span>}
      </h4>
      <p className="muted small">
        Resolve each on a server, e.g. <code className="mono">gluster volume heal {volume} split-brain latest-mtime &lt;file&gt;</code>.
      </p>
      <div ref={scrollRef} className="split-brain__scroll" style={{ maxHeight: VIEWPORT_HEIGHT }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const e = entries[row.index]!;
            return (
              <div
                key={row.key}
                className="split-brain__row"
                data-testid="split-brain-entry"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              >
                <span className="mono split-brain__path" title={e.gfid ? `gfid ${e.gfid}` : undefined}>
                  {e.path}
                </span>
                <span className="muted small mono">{e.brick}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
};
