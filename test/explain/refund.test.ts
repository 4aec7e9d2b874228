import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, FactsError } from '../../src/index.js';

const policy = definePolicy(JSON.parse(readFileSync(new URL('../../rules-examples/refund.json', import.meta.url), 'utf8')));
const complete = { daysSincePurchase: 10, orderTotal: 80, loyaltyTier: 'none', finalSale: false, hygieneSealBroken: false, damagedOnArrival: false };

describe('explain on the refund example', () => {
  it('denies a return after the return period, naming the rule and its figure', async () => {
    const result = await explain(policy, { ...complete, daysSincePurchase: 45 }, { locale: 'en', at: '2026-03-01' });
    expect(result.outcome).toBe('deny');
    expect(result.decidedBy).toBe('outside-return-period');
    expect(result.text).toContain('30 days');
    expect(result.escalation.offered).toBe(true);
  });

  it('leaves the decision open and asks for the missing facts', async () => {
    const result = await explain(policy, { daysSincePurchase: 12 }, { at: '2026-03-01' });
    expect(result.outcome).toBe('undecided');
    expect(result.decidedBy).toBeNull();
    expect(result.missing.map((m) => m.fact)).toContain('finalSale');
  });

  it('rejects a fact of the wrong type with its path', async () => {
    await expect(explain(policy, { daysSincePurchase: 'ten' })).rejects.toBeInstanceOf(FactsError);
  });
});
