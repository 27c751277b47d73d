import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { SHORTCUTS } from '../../app/shortcuts';
import { resolveTheme } from '../../app/theme';
import { navigate } from '../../routing/route-store';
import { uiActions, useUiStore } from '../../state/ui.store';
import { closePalette, openShortcuts, requestRepoAction, usePaletteStore } from './palette-store';
import { searchWith, type SearchEntry, type SearchKind } from './search-index';
import { useSearchIndex } from './use-search-index';

const KIND_LABEL: Record<SearchKind, string> = {
  repository: 'Repository',
  primary: 'Primary',
  node: 'Node',
  farm: 'Farm',
  'mirror-node': 'Mirror node',
  volume: 'Volume',
  brick: 'Brick',
  view: 'View',
  action: 'Action',
};

const ShortcutsHelp = () => (
  <div className="palette" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" data-testid="shortcuts-help">
    <h2 className="palette__title">Keyboard shortcuts</h2>
    <dl className="shortcuts">
      {SHORTCUTS.map((s) => (
        <div key={s.keys} className="shortcuts__row">
          <dt>
            <kbd>{s.keys}</kbd>
          </dt>
          <dd>{s.does}</dd>
        </div>
      ))}
    </dl>
    <p className="hint">Esc closes.</p>
  </div>
);

const Search = () => {
  const bridge = useBridge();
  const { index, loading, error } = useSearchIndex();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const results = useMemo(() => searchWith(index, query), [index, query]);
  const theme = useUiStore((s) => s.theme);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const choose = (entry: SearchEntry | undefined): void => {
    if (!entry) return;
    if (entry.command === 'poll-now') {
      bridge.pollNow({}).then(
        () => closePalette(),
        (err: unknown) => setNote(`Poll now failed: ${err instanceof Error ? err.message : String(err)}`),
      );
      return;
    }
    if (entry.command === 'switch-theme') {
      uiActions.setTheme(resolveTheme(theme) === 'dark' ? 'light' : 'dark');
      closePalette();
      return;
    }
    if (entry.command === 'shortcuts') {
      openShortcuts();
      return;
    }
    if ((entry.command === 'clear-repo-cache' || entry.command === 'probe-repo-clone') && entry.repo)
      requestRepoAction({ command: entry.command, ...entry.repo });
    closePalette();
    if (entry.route) navigate(entry.route);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(results[active]);
    }
  };

  return (
    <div className="palette" role="dialog" aria-modal="true" aria-label="Search" data-testid="palette">
      <input
        ref={inputRef}
        className="palette__input"
        data-testid="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-results"
        aria-activedescendant={results[active] ? `palette-option-${active}` : undefined}
        placeholder="Search repositories (PROJECT/slug, name, project), primaries, nodes, farms, volumes, bricks, views, actions"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p className="palette__status hint" data-testid="palette-status">
        {loading
          ? 'Loading the repository list…'
          : error
            ? error
            : `${index.repoHay.length.toLocaleString('en-US')} repositories searchable · ↑ ↓ Enter · Esc closes · ? shortcuts`}
      </p>
      {note && <p className="inline-error">{note}</p>}
      <ul
        id="palette-results"
        ref={listRef}
        className="palette__results"
        role="listbox"
        data-testid="palette-results"
        data-query={query}
        data-count={results.length}
      >
        {results.length === 0 && query.trim() !== '' && (
          <li className="palette__empty" data-testid="palette-empty">
            Nothing matches “{query}”.
          </li>
        )}
        {results.map((r, i) => (
          <li
            // By position: typing changes the rows' text in place instead of replacing list items.
            key={i}
            id={`palette-option-${i}`}
            role="option"
            aria-selected={i === active}
            className="palette__option"
            data-testid="palette-option"
            data-kind={r.kind}
            onMouseMove={() => setActive(i)}
            onClick={() => choose(r)}
          >
            <span className={`palette__kind palette__kind--${r.kind}`}>{KIND_LABEL[r.kind]}</span>
            <span className="palette__label">{r.label}</span>
            <span className="palette__detail">{r.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
};

/** The command palette and the shortcuts help: a modal layer over the app; Esc or a click outside closes it. */
export const CommandPalette = () => {
  const open = usePaletteStore((s) => s.open);
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: globalThis.KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closePalette();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  return (
    <div className="palette-backdrop" data-testid="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && closePalette()}>
      {open === 'help' ? <ShortcutsHelp /> : <Search />}
    </div>
  );
};
