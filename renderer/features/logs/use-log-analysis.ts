import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestResult } from '../../../shared/contract';
import { useBridge } from '../../bridge/bridge-context';

export type LogAnalysis = RequestResult<'getLogAnalysis'>;
export interface LogRequest {
  paths: string[];
  from: number | null;
  to: number | null;
  hostingLimit: number | null;
}

/** How often a running analysis is asked for its progress. */
const FOLLOW_MS = 400;

/**
 * One access-log analysis at a time from this view: started by `start`, followed until it ends
 * (progress, then the report), cancelled by `cancel`. A failure to start or follow is an error in words.
 */
export function useLogAnalysis(): {
  job: LogAnalysis | null;
  error: string | null;
  start(request: LogRequest): void;
  cancel(): void;
} {
  const bridge = useBridge();
  const [job, setJob] = useState<LogAnalysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const jobId = useRef<string | null>(null);

  // The last finished analysis (saved across restarts) shows until another is started.
  useEffect(() => {
    let live = true;
    bridge
      .getLogSources({})
      .then(({ recent }) => (recent[0] && jobId.current === null ? bridge.getLogAnalysis({ jobId: recent[0].jobId }) : null))
      .then(
        (last) => {
          if (live && last && jobId.current === null) {
            jobId.current = last.jobId;
            setJob(last);
          }
        },
        (err: unknown) => live && setError(`Could not read the last log analysis: ${(err as Error).message}`),
      );
    return () => {
      live = false;
    };
  }, [bridge]);

  useEffect(() => {
    if (job?.state !== 'running') return undefined;
    const id = job.jobId;
    const timer = setTimeout(() => {
      bridge.getLogAnalysis({ jobId: id }).then(
        (next) => {
          if (jobId.current === id) setJob(next);
        },
        (err: unknown) => setError(`Could not follow the log analysis: ${(err as Error).message}`),
      );
    }, FOLLOW_MS);
    return () => clearTimeout(timer);
  }, [bridge, job]);

  const start = useCallback(
    (request: LogRequest) => {
      setError(null);
      bridge.startLogAnalysis(request).then(
        ({ jobId: id }) => {
          jobId.current = id;
          setJob({
            jobId: id,
            state: 'running',
            paths: request.paths,
            progress: { jobId: id, bytesDone: 0, bytesTotal: 0, source: '', lines: 0 },
            report: null,
            error: null,
            finishedAt: null,
          });
        },
        (err: unknown) => setError(`Could not start reading the logs: ${(err as Error).message}`),
      );
    },
    [bridge],
  );

  const cancel = useCallback(() => {
    const id = jobId.current;
    if (id === null) return;
    bridge.cancelLogAnalysis({ jobId: id }).catch((err: unknown) => setError(`Could not cancel: ${(err as Error).message}`));
  }, [bridge]);

  return { job, error, start, cancel };
}
