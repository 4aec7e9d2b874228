import { describe, expect, it } from 'vitest';
import { decide, definePolicy, explain } from '../../src/index.js';

/** CONTRACT §3: `event` is `{ type, params }` of the deciding rule, as json-rules-engine reports it. */

const policy = definePolicy({
  id: 'event',
  version: '1',
  facts: { sealBroken: { type: 'boolean' }, total: { type: 'number' } },
  outcomes: { approve: {}, deny: { adverse: true } },
  decision: { default: 'approve' },
  rules: [
    {
      name: 'hygiene-seal',
      priority: 2,
      conditions: { all: [{ fact: 'sealBroken', operator: 'equal', value: true }] },
      event: { type: 'deny', params: { code: 'HYGIENE_SEAL_BROKEN', route: { queue: 'returns', level: 2 } } },
    },
    { name: 'big-order', conditions: { all: [{ fact: 'total', operator: 'greaterThan', value: 500 }] }, event: { type: 'deny' } },
  ],
});

describe('result.event', () => {
  it("carries the deciding rule's type and params; each reason carries its own rule's", async () => {
    const result = await explain(policy, { sealBroken: true, total: 900 });
    expect(result.event).toEqual({ type: 'deny', params: { code: 'HYGIENE_SEAL_BROKEN', route: { queue: 'returns', level: 2 } } });
    expect(result.reasons.map((r) => r.event)).toEqual([
      { type: 'deny', params: { code: 'HYGIENE_SEAL_BROKEN', route: { queue: 'returns', level: 2 } } },
      { type: 'deny', params: {} },
    ]);
    expect((await decide(policy, { sealBroken: true, total: 900 })).event).toEqual(result.event);
  });

  it('is null when the default decides or nothing is decided', async () => {
    expect((await explain(policy, { sealBroken: false, total: 10 })).event).toBeNull();
    expect((await decide(policy, { total: 10 })).event).toBeNull();
  });

  it('is a fresh copy: changing one result changes neither the policy nor the next result', async () => {
    const first = await explain(policy, { sealBroken: true, total: 1 });
    (first.event?.params as Record<string, unknown>)['code'] = 'CHANGED';
    const second = await explain(policy, { sealBroken: true, total: 1 });
    expect(second.event?.params['code']).toBe('HYGIENE_SEAL_BROKEN');
    expect(Object.isFrozen(second.event?.params)).toBe(false);
  });
});
