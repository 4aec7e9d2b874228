import { describe, expect, it } from 'vitest';
import { definePolicy, explain } from '../../src/index.js';

/** A policy without `because` texts: every reason is phrased from its conditions. */
function policyWith(conditions: unknown) {
  return definePolicy({
    id: 'phrasing',
    version: '1',
    facts: {
      delay: { type: 'integer', unit: 'minute', label: 'your delay' },
      tier: { type: 'string', enum: ['none', 'gold'], label: 'your tier' },
      tags: { type: 'array', items: 'string', label: 'your tags' },
    },
    parameters: { limit: { value: 180, unit: 'minute', label: 'the limit' } },
    outcomes: { ok: { label: 'approved' }, no: { label: 'declined', adverse: true } },
    rules: [{ name: 'rule', conditions, event: { type: 'no' } }],
    decision: { default: 'ok' },
  });
}

async function reason(conditions: unknown, facts: Record<string, unknown>, audience: 'customer' | 'agent' = 'customer') {
  const result = await explain(policyWith(conditions), facts, { locale: 'en', audience });
  expect(result.outcome).toBe('no');
  return result.reasons[0]?.text;
}

describe('auto-phrased reasons', () => {
  it('phrases a comparison with its label, figure and unit', async () => {
    const text = await reason({ all: [{ fact: 'delay', operator: 'greaterThan', value: { fact: 'limit' } }] }, { delay: 200 });
    expect(text).toBe('your delay (3\u00a0hours and 20\u00a0minutes) is more than 3\u00a0hours');
  });

  it('phrases a condition under `not` as what holds, negated', async () => {
    const text = await reason({ all: [{ not: { fact: 'tier', operator: 'equal', value: 'gold' } }] }, { tier: 'none' });
    expect(text).toBe('your tier (none) is not gold');
  });

  it('reads the `not:` decorator as a negation and `swap:` from the fact’s side', async () => {
    expect(await reason({ all: [{ fact: 'tier', operator: 'not:in', value: ['gold'] }] }, { tier: 'none' })).toBe('your tier (none) is not gold');
    expect(await reason({ all: [{ fact: 'delay', operator: 'swap:lessThan', value: 60 }] }, { delay: 90 })).toBe(
      'your delay (1\u00a0hour and 30\u00a0minutes) is more than 1\u00a0hour',
    );
  });

  it('names only the conditions of an `any` that held', async () => {
    const text = await reason(
      { any: [{ fact: 'delay', operator: 'lessThan', value: 5 }, { fact: 'tags', operator: 'contains', value: 'vip' }] },
      { delay: 30, tags: ['vip', 'new'] },
    );
    // What holds needs no list beside it: the value is in it.
    expect(text).toBe('vip appears in your tags');
  });

  it('states what would be needed, negated under `not`, in why-not', async () => {
    const policy = policyWith({ all: [{ not: { fact: 'tier', operator: 'equal', value: 'gold' } }] });
    const result = await explain(policy, { tier: 'gold' }, { locale: 'en', whyNot: 'no' });
    expect(result.outcome).toBe('ok');
    expect(result.whyNot?.text).toBe('Your request can be declined if your tier (gold) is not gold.');
  });
});
