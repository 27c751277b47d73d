import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../electron/engine/audit/audit-log';
import { prometheusSource } from '../../../electron/host/prometheus-source';
import { recordedAudit } from '../../../electron/host/recorded-audit';
import { republishAfter } from '../../../electron/host/republish-after';
import type { AuditEntry } from '../../../shared/model';

describe('the host’s audit log', () => {
  it('turns every finished action into an event, with the entry the file wrote', () => {
    const file = openAuditLog(':memory:');
    const finished: AuditEntry[] = [];
    const audit = recordedAudit(file, (e) => finished.push(e));
    const begun = audit.begin({ action: 'clearCache', actor: 'ann', credential: null, targetId: 'p1', target: 'Primary 1', summary: 'Clear the cache' }, 1_000);
    expect(finished).toEqual([]);
    const entry = audit.finish(begun.id, 'succeeded', null, 2_000);
    expect(finished).toEqual([entry]);
    expect(audit.list({ limit: 10 })).toEqual([entry]);
    audit.close();
  });
});

describe('republishAfter', () => {
  it('publishes once after each named handler has answered, never for the others or before the answer', async () => {
    const order: string[] = [];
    const handlers = {
      act: async (n: number) => {
        order.push(`act ${n}`);
        return n * 2;
      },
      read: async () => {
        order.push('read');
        return 'r';
      },
    };
    const wrapped = republishAfter(handlers, ['act'], () => order.push('publish'));
    expect(await wrapped.act(2)).toBe(4);
    expect(await wrapped.read()).toBe('r');
    expect(order).toEqual(['act 2', 'publish', 'read']);
    expect(handlers.act).not.toBe(wrapped.act);
  });

  it('does not publish when the handler fails', async () => {
    let published = 0;
    const wrapped = republishAfter(
      {
        act: async () => {
          throw new Error('refused');
        },
      },
      ['act'],
      () => published++,
    );
    await expect(wrapped.act()).rejects.toThrow('refused');
    expect(published).toBe(0);
  });
});

describe('prometheusSource', () => {
  it('keeps its client while the config names the same Prometheus, and changes it only when the config does', async () => {
    const source = prometheusSource({ url: 'http://127.0.0.1:9/' });
    const first = source.query();
    expect(first).toBeTypeOf('function');
    source.use({ url: 'http://127.0.0.1:9/' });
    expect(source.query()).toBe(first);
    source.use({ url: 'http://127.0.0.1:10/' });
    const second = source.query();
    expect(second).toBeTypeOf('function');
    expect(second).not.toBe(first);
    source.use(undefined);
    expect(source.query()).toBeUndefined();
    await source.close();
  });
});
