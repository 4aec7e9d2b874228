import { describe, expect, it } from 'vitest';
import { runTests } from '../../src/authoring/index.js';
import { decide, definePolicy, explain, FactsError, OptionsError } from '../../src/index.js';

/** Issue 14, case 11: unknown fact keys, and tests' expectations checked against the policy. */

const policy = definePolicy({
  id: 'unknown-facts',
  version: '1',
  facts: { daysSincePurchase: { type: 'number' }, orderTotal: { type: 'number', unit: 'currency', currency: 'EUR' } },
  parameters: { returnPeriodDays: { value: 30 } },
  outcomes: { approve: {}, deny: { adverse: true } },
  decision: { default: 'approve' },
  rules: [
    { name: 'late', conditions: { all: [{ fact: 'daysSincePurchase', operator: 'greaterThan', value: { fact: 'returnPeriodDays' } }] }, event: { type: 'deny' }, because: { en: 'you paid {{orderTotal}} more than {{returnPeriodDays}} days ago', nl: 'u {{orderTotal}} meer dan {{returnPeriodDays}} dagen geleden hebt betaald' } },
  ],
});

describe('unknown fact keys', () => {
  it('are ignored by default', async () => {
    expect((await explain(policy, { daysSincePurchse: 45 })).outcome).toBe('undecided');
  });

  it("are a FactsError with unknownFacts: 'error', naming each key with a suggestion", async () => {
    const error = await decide(policy, { daysSincePurchse: 45, returnPeriodDays: 10, colour: 'red' }, { unknownFacts: 'error' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactsError);
    expect((error as FactsError).issues).toEqual([
      { code: 'unknown_fact', path: 'daysSincePurchse', message: '"daysSincePurchse" is not a fact of this policy; did you mean "daysSincePurchase"? It is ignored.' },
      { code: 'unknown_fact', path: 'returnPeriodDays', message: '"returnPeriodDays" is a parameter of the policy, set in the policy itself, not a fact to pass. It is ignored.' },
      { code: 'unknown_fact', path: 'colour', message: '"colour" is not a fact of this policy. It is ignored.' },
    ]);
    expect((await explain(policy, { daysSincePurchase: 45 }, { unknownFacts: 'error' })).outcome).toBe('deny');
    await expect(explain(policy, {}, { unknownFacts: 'yes' as never })).rejects.toBeInstanceOf(OptionsError);
  });
});

describe('the test runner', () => {
  it('warns about unknown fact keys, and says when an expected outcome or rule does not exist', async () => {
    const report = await runTests(policy, {
      cases: [
        { name: 'typo', facts: { daysSincePurchse: 45 }, expect: { outcome: 'undecided' } },
        { name: 'no such outcome', facts: { daysSincePurchase: 45 }, expect: { outcome: 'aprove', decidedBy: 'lat' } },
        { name: 'far off', facts: { daysSincePurchase: 45 }, expect: { outcome: 'refused' } },
      ],
    });
    expect(report.cases[0]?.passed).toBe(true);
    expect(report.cases[0]?.warnings).toEqual([
      { code: 'unknown_fact', path: 'cases[0].facts.daysSincePurchse', message: '"daysSincePurchse" is not a fact of this policy; did you mean "daysSincePurchase"? It is ignored.' },
    ]);
    expect(report.cases[1]?.failures.map((f) => f.message)).toEqual([
      'Expected the outcome "aprove", but the policy decided "deny" by rule "late". "aprove" is not an outcome of this policy; did you mean "approve"?',
      'Expected rule "lat" to decide, but rule "late" did. There is no rule "lat"; did you mean "late"?',
    ]);
    expect(report.cases[2]?.failures[0]?.message).toMatch(/"refused" is not an outcome of this policy; its outcomes are "approve", "deny", "undecided"\.$/);
  });

  it('textIncludes matches a plain space against the no-break spaces of the text', async () => {
    const facts = { daysSincePurchase: 45, orderTotal: 19.5 };
    const text = (await explain(policy, facts, { locale: 'nl' })).text;
    expect(text).toMatch(/€\u00a019,50/);
    const report = await runTests(policy, [{ name: 'nbsp', facts, locale: 'nl', expect: { outcome: 'deny', textIncludes: ['€ 19,50'] } }]);
    expect(report.cases[0]?.failures).toEqual([]);
    const miss = await runTests(policy, [{ name: 'other', facts, locale: 'nl', expect: { outcome: 'deny', textIncludes: ['€ 19,60'] } }]);
    expect(miss.cases[0]?.failures.map((f) => f.field)).toEqual(['textIncludes']);
  });
});
