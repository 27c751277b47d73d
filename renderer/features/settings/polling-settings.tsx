import type { Settings } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useAction } from '../../components/use-action';

/** A number field of the Polling section; `value` is the setting in force (a new one resets the field). */
const NumberInput = ({ name, min, max, step = 1, value }: { name: string; min: number; max: number; step?: number | 'any'; value: number }) => (
  <input className="input" name={name} type="number" min={min} max={max} step={step} key={value} defaultValue={value} style={{ width: '6rem', minWidth: 0 }} />
);

type Schedule = Settings['mirrorSweep'];

/**
 * A read that lists every repository, so it runs on its own period (minutes; 0: every poll) within
 * a bytes-a-second budget per primary: the mirror sweep and the SCM cache statistics.
 */
const ScheduleForm = (props: {
  testId: string;
  /** What Apply applies, for its accessible name: "the mirror sweep". */
  name: string;
  what: string;
  why: string;
  schedule: Schedule;
  apply(s: Schedule): Promise<Settings>;
  onApplied(s: Settings): void;
}) => {
  const action = useAction<Settings>();
  return (
    <>
      <form
        className="toolbar"
        data-testid={props.testId}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const schedule = { intervalSeconds: Math.round(Number(data.get('minutes')) * 60), budgetKBps: Number(data.get('budget')) };
          void action.run(() => props.apply(schedule)).then((r) => r && props.onApplied(r));
        }}
      >
        <label title={props.why}>
          {props.what} every <NumberInput name="minutes" min={0} max={1440} step="any" value={props.schedule.intervalSeconds / 60} /> min
        </label>
        <label>
          within <NumberInput name="budget" min={1} max={1_000_000} value={props.schedule.budgetKBps} /> KB/s per primary
        </label>
        <button type="submit" className="button" disabled={action.pending} aria-label={`Apply ${props.name}`}>
          Apply
        </button>
      </form>
      {action.error && <p className="inline-error">{action.error}</p>}
    </>
  );
};

/** Polling: the poll interval, and the schedules of the reads that grow with the fleet's repositories. */
export const PollingSettings = ({ settings, onChange }: { settings: Settings; onChange(s: Settings): void }) => {
  const bridge = useBridge();
  const interval = useAction<Settings>();
  return (
    <section className="panel" aria-labelledby="polling-title">
      <h3 id="polling-title">Polling</h3>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          const seconds = Number(new FormData(e.currentTarget).get('seconds'));
          void interval.run(() => bridge.setPollInterval({ seconds })).then((r) => r && onChange(r));
        }}
      >
        <label>
          Poll every <NumberInput name="seconds" min={5} max={3600} value={settings.pollIntervalSeconds} /> seconds
        </label>
        <button type="submit" className="button" disabled={interval.pending} aria-label="Apply the poll interval">
          Apply
        </button>
      </form>
      {interval.error && <p className="inline-error">{interval.error}</p>}
      <ScheduleForm
        testId="mirror-sweep-form"
        name="the mirror sweep"
        what="Sweep mirrors' per-repository detail"
        why="The primary's repository hashes and each mirror node's repoSyncStatus cost a request per 1,000 repositories, so they are read on this slower period; 0 reads them in every poll."
        schedule={settings.mirrorSweep}
        apply={(s) => bridge.setMirrorSweep(s)}
        onApplied={onChange}
      />
      <ScheduleForm
        testId="cache-statistics-form"
        name="the cache statistics schedule"
        what="Read SCM cache statistics"
        why="The cache statistics list every repository (about 120 bytes each) in one body: read at most this often (0: every poll), and after a body of N bytes not again for N / budget seconds."
        schedule={settings.cacheStatistics}
        apply={(s) => bridge.setCacheStatistics(s)}
        onApplied={onChange}
      />
    </section>
  );
};
