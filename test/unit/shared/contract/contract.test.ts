import { describe, expect, it } from 'vitest';
import { eventSchemas, requestSchemas } from '../../../../shared/contract/contract';
import { EVENT_NAMES, REQUEST_NAMES } from '../../../../shared/contract/names';

describe('contract', () => {
  it('lists exactly the requests and events that have schemas', () => {
    expect([...REQUEST_NAMES].sort()).toEqual(Object.keys(requestSchemas).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(eventSchemas).sort());
  });

  it('rejects unknown arguments and fills defaults', () => {
    expect(requestSchemas.getSnapshot.args.safeParse({ extra: 1 }).success).toBe(false);
    const h = requestSchemas.getHistory.args.parse({ targetId: 'p', metric: 'repos.total', rangeSeconds: 60 });
    expect(h.maxPoints).toBe(600);
  });
});
