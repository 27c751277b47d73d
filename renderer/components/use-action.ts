import { useCallback, useState } from 'react';
import { FleetApiError } from '../../shared/contract';

export interface ActionState<T> {
  pending: boolean;
  error: string | null;
  result: T | null;
  /** Runs the request once; never retries (an admin action could apply twice). */
  run(request: () => Promise<T>): Promise<T | null>;
  reset(): void;
}

/** State of one admin action started from the UI: pending, the error to show, the result. */
export function useAction<T>(): ActionState<T> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const run = useCallback(async (request: () => Promise<T>) => {
    setPending(true);
    setError(null);
    try {
      const value = await request();
      setResult(value);
      return value;
    } catch (err) {
      setError(err instanceof FleetApiError ? err.message : `Unexpected error: ${(err as Error).message}`);
      return null;
    } finally {
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => {
    setError(null);
    setResult(null);
  }, []);
  return { pending, error, result, run, reset };
}
