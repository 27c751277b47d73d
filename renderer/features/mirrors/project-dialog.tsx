import { useMemo, useState } from 'react';
import type { ActionResult, MirrorFarm } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { QueryStatus } from '../../components/query-status';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { usePrimaryProjects } from './use-primary-projects';

type Props = { farm: MirrorFarm; primary: { name: string; adminCredential: boolean }; onClose(done: string | null): void };

/**
 * Choosing what a mirror synchronizes: all projects, or the ones ticked. The text under the
 * choice says what applying it does, and changes with it.
 */
export const ProjectDialog = ({ farm, primary, onClose }: Props) => {
  const primaryName = primary.name;
  const bridge = useBridge();
  const confirmed = useConfirmedAction<ActionResult>();
  const projectsQuery = usePrimaryProjects(farm.primaryId, true, true);
  const projects = projectsQuery.data;
  const [mode, setMode] = useState<'ALL_PROJECTS' | 'SELECTED_PROJECTS'>(farm.projectSelection?.mode ?? 'SELECTED_PROJECTS');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(farm.projectSelection?.projectIds ?? []));
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (projects ?? []).filter((p) => q === '' || p.key.toLowerCase().includes(q) || p.name.toLowerCase().includes(q));
  }, [projects, filter]);
  const keys = (projects ?? []).filter((p) => chosen.has(p.id)).map((p) => p.key);
  const invalid = mode === 'SELECTED_PROJECTS' && chosen.size === 0;

  const toggle = (id: string): void =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return confirmed.render(
    {
      title: `What should ${farm.name} synchronize?`,
      confirmLabel: 'Apply selection',
      asAdminOf: primary,
      check: () => (invalid ? 'Tick at least one project, or choose all projects.' : null),
      run: (extra) =>
        bridge.setMirrorProjects({
          primaryId: farm.primaryId,
          mirrorId: farm.mirrorId,
          mode,
          projectIds: mode === 'ALL_PROJECTS' ? [] : [...chosen],
          ...extra,
        }),
      onDone: () =>
        onClose(`${farm.name} now synchronizes ${mode === 'ALL_PROJECTS' ? 'every project' : keys.join(', ')}. Its initial synchronization follows below.`),
      body: (
        <div className="project-dialog" data-testid="project-dialog">
          <fieldset className="project-dialog__mode">
            <legend className="muted small">Projects of {primaryName}</legend>
            <label>
              <input type="radio" name="mode" data-testid="project-mode-all" checked={mode === 'ALL_PROJECTS'} onChange={() => setMode('ALL_PROJECTS')} /> All
              projects, including future ones
            </label>
            <label>
              <input
                type="radio"
                name="mode"
                data-testid="project-mode-selected"
                checked={mode === 'SELECTED_PROJECTS'}
                onChange={() => setMode('SELECTED_PROJECTS')}
              />{' '}
              Selected projects
            </label>
          </fieldset>
          {mode === 'SELECTED_PROJECTS' && (
            <>
              <input
                type="search"
                className="input"
                placeholder="Filter projects…"
                aria-label="Filter projects"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
              <QueryStatus query={projectsQuery} loadingText={`Loading the projects of ${primaryName}…`} />
              <ul className="project-dialog__list">
                {shown.map((p) => (
                  <li key={p.id}>
                    <label>
                      <input
                        type="checkbox"
                        data-testid="project-option"
                        data-project-key={p.key}
                        data-project-id={p.id}
                        checked={chosen.has(p.id)}
                        onChange={() => toggle(p.id)}
                      />
                      <span className="mono">{p.key}</span> {p.name}
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p data-testid="project-consequence">
            {mode === 'ALL_PROJECTS'
              ? `${farm.name} will receive every repository of ${primaryName}, and those of projects created later, and serve them to its users.`
              : chosen.size === 0
                ? 'No project ticked.'
                : `${farm.name} will receive the repositories of ${keys.join(', ')} and serve them to its users.`}{' '}
            Repositories of projects it no longer synchronizes stop being served by it. Newly added ones go through an initial synchronization first.
          </p>
        </div>
      ),
    },
    () => onClose(null),
  );
};
