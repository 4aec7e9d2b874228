import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, definePolicy, explain, FactsError, OptionsError, PolicyNotInForceError, REDACTED, type DecisionResult } from '../../src/index.js';
import { completeFacts, generatedPolicy, partialFacts, policyDocument } from '../helpers/arbitraries.js';

/** `decide()`: what `explain()` decides, without the texts. */

/** The fields of an explain() result that `decide` gives too, as `decide` gives them. */
function withoutTexts(result: DecisionResult) {
  return {
    outcome: result.outcome,
    decidedBy: result.decidedBy,
    event: result.event,
    trace: result.trace,
    missing: result.missing.map(({ fact, askCustomer, rules }) => ({ fact, askCustomer, rules })),
    factsUsed: result.factsUsed,
    policy: result.policy,
  };
}

describe('decide', () => {
  it('gives explain()’s outcome, determining rule, trace, missing facts and facts used', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(policyDocument, fc.oneof(completeFacts, partialFacts), async (doc, facts) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        compared++;
        const decision = await decide(policy, facts);
        expect(decision).toEqual(withoutTexts(await explain(policy, facts)));
        expect(await policy.decide(facts)).toEqual(decision);
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(250);
  });

  const policy = definePolicy({
    id: 'decide',
    version: '2',
    validFrom: '2026-01-01',
    facts: { total: { type: 'number' }, email: { type: 'string', personal: true } },
    outcomes: { ok: {}, check: { human: true } },
    rules: [
      {
        name: 'big-and-known',
        conditions: { all: [{ fact: 'total', operator: 'greaterThan', value: 100 }, { fact: 'email', operator: 'notEqual', value: '' }] },
        event: { type: 'check' },
      },
    ],
    decision: { default: 'ok' },
  });

  it('redacts personal facts unless told not to', async () => {
    const facts = { total: 500, email: 'ann@example.com' };
    const redacted = await decide(policy, facts, { at: '2026-03-01' });
    expect(redacted).toMatchObject({ outcome: 'check', decidedBy: 'big-and-known', factsUsed: { total: 500, email: REDACTED } });
    expect(JSON.stringify(redacted)).not.toContain('ann@');
    const plain = await decide(policy, facts, { at: '2026-03-01', redact: false });
    expect(plain.factsUsed).toEqual({ total: 500, email: 'ann@example.com' });
  });

  it('names the facts still missing, without questions', async () => {
    const decision = await decide(policy, { total: 500 }, { at: '2026-03-01' });
    expect(decision.outcome).toBe('undecided');
    expect(decision.missing).toEqual([{ fact: 'email', askCustomer: true, rules: 1 }]);
  });

  it('rejects as explain() does: bad facts, a policy not in force, bad options, no policy', async () => {
    await expect(decide(policy, { total: 'lots' }, { at: '2026-03-01' })).rejects.toBeInstanceOf(FactsError);
    await expect(decide(policy, { total: 1 }, { at: '2025-12-31' })).rejects.toBeInstanceOf(PolicyNotInForceError);
    await expect(decide(policy, { total: 1 }, { at: 'yesterday' })).rejects.toMatchObject({ issues: [{ code: 'invalid_date', path: 'at' }] });
    await expect(decide({} as never, {})).rejects.toThrow(OptionsError);
    await expect(decide({} as never, {})).rejects.toThrow(/decide\(\) takes a policy/);
  });
});
