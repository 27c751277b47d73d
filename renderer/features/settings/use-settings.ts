import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';

/** The Settings as the engine reports them, with a reload after each change. */
export function useSettings(): { settings: Settings | null; error: string | null; reload(): void; replace(s: Settings): void } {
  const bridge = useBridge();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    bridge.getSettings({}).then(
      (s) => {
        setSettings(s);
        setError(null);
      },
      (err: unknown) => setError(`Could not read the settings: ${(err as Error).message}`),
    );
  }, [bridge]);
  useEffect(reload, [reload]);
  return { settings, error, reload, replace: setSettings };
}
