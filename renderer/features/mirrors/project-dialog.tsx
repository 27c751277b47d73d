import { useMemo, useState } from 'react';
import type { ActionResult, MirrorFarm } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAction } from '../../components/use-action';
import { usePrimaryProjects } from './use-primary-projects';

type Props = { farm: MirrorFarm; primaryName: string; onClose(done: string | null): void };

/**
 * Choosing what a mirror synchronizes: all projects, or the ones ticked. The text under the
 * choice says what applying it does, and changes with it.
 */
export const ProjectDialog = ({ farm, primaryName, onClose }: Props) => {
  const bridge = useBridge();
  const action = useAction<ActionResult>();
  const { projects, error } = usePrimaryProjects(farm.primaryId, true, true);
  const [mode, setMode] = useState<'ALL_PROJECTS' | 'SELECTED_PROJECTS'>(farm.projectSelection?.mode ?? 'SELECTED_PROJECTS');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(farm.projectSelection?.projectIds ?? []));
  const [filter, setFilter] = useState('');
  const [tried, setTried] = useState(false);
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

  const apply = async (): Promise<void> => {
    setTried(true);
    if (invalid) return;
    const result = await action.run(() =>
      bridge.setMirrorProjects({ primaryId: farm.primaryId, mirrorId: farm.mirrorId, mode, projectIds: mode === 'ALL_PROJECTS' ? [] : [...chosen] }),
    );
    if (result)
      onClose(`${farm.name} now synchronizes ${mode === 'ALL_PROJECTS' ? 'every project' : keys.join(', ')}. Its initial synchronization follows below.`);
  };

  return (
    <ConfirmDialog
      title={`What should ${farm.name} synchronize?`}
      confirmLabel="Apply selection"
      pending={action.pending}
      error={action.error ?? (tried && invalid ? 'Tick at least one project, or choose all projects.' : null)}
      onConfirm={() => void apply()}
      onCancel={() => onClose(null)}
    >
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
            {error && <p className="inline-error">{error}</p>}
            {projects === null && !error && <p className="muted small">Loading the projects of {primaryName}…</p>}
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
    </ConfirmDialog>
  );
};
