import { useMemo, useState } from 'react';
import type { DemoState } from '../../../shared/model';
import { FaultSwitch } from './fault-switch';
import { faultGroups, searchFaultGroups, type FaultGroup } from './fault-groups';

/** One target's faults, with the last failure to switch one shown under them. */
const GroupView = ({ group }: { group: FaultGroup }) => {
  const [error, setError] = useState<string | null>(null);
  const on = group.items.filter((i) => i.on).length;
  return (
    <section
      className="fault-group"
      data-testid="fault-group"
      data-kind={group.kind}
      data-target-id={group.targetId}
      aria-label={`${group.title}, ${group.what}`}
    >
      <h4 className="fault-group__title">
        <span>{group.title}</span>
        <span className="fault-group__what muted small">{group.what}</span>
        {on > 0 && <span className="fault-group__on">{on} on</span>}
      </h4>
      <div className="fault-group__items" role="group" aria-label={`${group.title} faults`}>
        {group.items.map((item) => (
          <FaultSwitch key={item.key} item={item} onError={setError} />
        ))}
      </div>
      {error && (
        <p className="inline-error" role="alert" data-testid="demo-error">
          {error}
        </p>
      )}
    </section>
  );
};

/** Every fault of the simulated fleet, grouped per target, narrowed by a search on fault and target. */
export const FaultList = ({ demo, autoFocus }: { demo: DemoState; autoFocus: boolean }) => {
  const [query, setQuery] = useState('');
  const all = useMemo(() => faultGroups(demo), [demo]);
  const shown = useMemo(() => searchFaultGroups(all, query), [all, query]);
  return (
    <section className="presenter__section" aria-labelledby="presenter-faults-title">
      <h3 id="presenter-faults-title" className="presenter__heading">
        Faults <span className="count">{all.reduce((n, g) => n + g.items.length, 0)}</span>
      </h3>
      <input
        type="search"
        className="presenter__search"
        data-testid="fault-search"
        placeholder="Search faults or targets: node, cache, farm, bbshared…"
        aria-label="Search faults by name or target"
        // The drawer opens to find a fault: the search is where the keyboard goes.
        autoFocus={autoFocus}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {shown.length === 0 ? (
        <p className="muted small" data-testid="fault-search-empty">
          No fault or target matches “{query}”. Try a target’s name (Production, bbshared) or a word such as “down” or “disk”.
        </p>
      ) : (
        shown.map((g) => <GroupView key={g.id} group={g} />)
      )}
    </section>
  );
};
