import { afterEach, describe, expect, it, vi } from 'vitest';

const made: Array<{ script: string; options: { execArgv?: string[] } }> = [];
vi.mock('node:worker_threads', async () => {
  const { EventEmitter } = await import('node:events');
  class Worker extends EventEmitter {
    constructor(script: string, options: { execArgv?: string[] }) {
      super();
      made.push({ script, options });
    }
    terminate(): Promise<number> {
      return Promise.resolve(0);
    }
  }
  return { Worker };
});

const { useAccessLogWorker, workerRangeRunner } = await import('../../../../electron/engine/access-log/range-runner');

describe('workerRangeRunner', () => {
  const saved = [...process.execArgv];
  afterEach(() => {
    process.execArgv.splice(0, process.execArgv.length, ...saved);
    made.length = 0;
  });

  it('starts reader threads without the module loaders the parent was started with', () => {
    process.execArgv.splice(0, process.execArgv.length, '--import', 'tsx', '--cpu-prof');
    useAccessLogWorker(import.meta.filename);
    const controller = new AbortController();
    const result = workerRangeRunner()!({ path: 'x.log', start: 0, end: 1, source: 'x.log', node: 'n', options: {} }, () => undefined, controller.signal);
    controller.abort(new Error('done'));
    expect(made).toHaveLength(1);
    expect(made[0]!.options.execArgv).toEqual(['--cpu-prof']);
    return expect(result).rejects.toThrow('done');
  });
});
