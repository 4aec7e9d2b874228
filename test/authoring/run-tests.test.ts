import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/index.js';
import { isTestsFileError, parseTestSuite, runTests, TestsFileError } from '../../src/authoring/index.js';

const refund = definePolicy(readFileSync(new URL('../../rules-examples/refund.json', import.meta.url), 'utf8'));
const complete = { daysSincePurchase: 10, orderTotal: 80, loyaltyTier: 'none', finalSale: false, hygieneSealBroken: false, damagedOnArrival: false };
const at = '2026-03-01';

function thrown(fn: () => unknown): TestsFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TestsFileError) return error;
    throw error;
  }
  throw new Error('expected a TestsFileError');
}

describe('parseTestSuite', () => {
  it('accepts the object form and the bare list of cases (CONTRACT §4)', () => {
    const c = { name: 'a', facts: {}, expect: { outcome: 'deny' } };
    expect(parseTestSuite({ policy: './refund.json', cases: [c] }).cases).toHaveLength(1);
    expect(parseTestSuite([c])).toEqual({ cases: [c] });
    expect(parseTestSuite(JSON.stringify([c])).cases[0]?.name).toBe('a');
  });

  it.each([
    ['a missing outcome', { cases: [{ name: 'a', facts: {}, expect: {} }] }, 'cases[0].expect.outcome', 'missing_property'],
    ['a misspelt expectation', { cases: [{ name: 'a', facts: {}, expect: { outcome: 'x', decidedby: 'r' } }] }, 'cases[0].expect.decidedby', 'unknown_property'],
    ['facts that are not an object', { cases: [{ name: 'a', facts: [], expect: { outcome: 'x' } }] }, 'cases[0].facts', 'invalid_type'],
    ['a bad date', { cases: [{ name: 'a', facts: {}, at: 'March', expect: { outcome: 'x' } }] }, 'cases[0].at', 'invalid_format'],
    ['a bad locale', { cases: [{ name: 'a', facts: {}, locale: 'English!', expect: { outcome: 'x' } }] }, 'cases[0].locale', 'invalid_format'],
    ['textIncludes not a list', { cases: [{ name: 'a', facts: {}, expect: { outcome: 'x', textIncludes: 'days' } }] }, 'cases[0].expect.textIncludes', 'invalid_type'],
    ['no cases', { policy: './x.json' }, 'cases', 'missing_property'],
    ['a bare list with a nameless case', [{ facts: {}, expect: { outcome: 'x' } }], '[0].name', 'missing_property'],
  ])('rejects %s with the JSON path', (_what, input, path, code) => {
    const error = thrown(() => parseTestSuite(input));
    expect(isTestsFileError(error)).toBe(true);
    expect(error.issues.map((i) => [i.path, i.code])).toContainEqual([path, code]);
    for (const issue of error.issues) expect(issue.message.length).toBeGreaterThan(10);
  });

  it('reports every problem at once, and duplicate case names', () => {
    const error = thrown(() =>
      parseTestSuite({ cases: [{ name: 'a', facts: {}, expect: {} }, { name: 'b', facts: 1, expect: { outcome: 'x' } }] }),
    );
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['cases[0].expect.outcome', 'cases[1].facts']));
    const dup = thrown(() => parseTestSuite({ cases: [{ name: 'a', facts: {}, expect: { outcome: 'x' } }, { name: 'a', facts: {}, expect: { outcome: 'y' } }] }));
    expect(dup.issues).toEqual([expect.objectContaining({ code: 'duplicate_case_name', path: 'cases[1].name' })]);
  });

  it('rejects text that is not JSON and values that are not a tests file', () => {
    expect(thrown(() => parseTestSuite('{ "cases": [ }')).code).toBe('invalid_json');
    expect(thrown(() => parseTestSuite(42)).code).toBe('invalid_type');
  });
});

describe('runTests', () => {
  it('passes a case that meets every expectation', async () => {
    const report = await runTests(refund, {
      cases: [
        { name: 'late', facts: { ...complete, daysSincePurchase: 45 }, at, locale: 'en', expect: { outcome: 'deny', decidedBy: 'outside-return-period', missing: [], textIncludes: ['30 days'] } },
      ],
    });
    expect(report.cases[0]).toMatchObject({ name: 'late', passed: true, failures: [] });
    expect(report).toMatchObject({ passed: 1, failed: 0, policy: { id: 'refund', version: '2026.1' } });
  });

  it('fails each expectation that differs, with expected and actual', async () => {
    const report = await runTests(refund, {
      cases: [
        { name: 'wrong', facts: { ...complete, daysSincePurchase: 45 }, at, expect: { outcome: 'approve', decidedBy: null, missing: ['finalSale'], textIncludes: ['30 days', 'sixty'] } },
      ],
    });
    const failures = report.cases[0]?.failures ?? [];
    expect(failures.map((f) => f.field)).toEqual(['outcome', 'decidedBy', 'missing', 'textIncludes']);
    expect(failures[0]).toMatchObject({ expected: 'approve', actual: 'deny' });
    expect(failures[1]).toMatchObject({ expected: null, actual: 'outside-return-period' });
    expect(failures[2]).toMatchObject({ expected: ['finalSale'], actual: [] });
    expect(failures[3]).toMatchObject({ expected: 'sixty' });
    expect(report.failed).toBe(1);
  });

  it('compares missing facts as an exact ranked list', async () => {
    const facts = { daysSincePurchase: 12 };
    const open = await refund.explain(facts, { at });
    const ranked = open.missing.map((m) => m.fact);
    expect(ranked.length).toBeGreaterThan(1);
    const report = await runTests(refund, {
      cases: [
        { name: 'ranked', facts, at, expect: { outcome: 'undecided', missing: ranked } },
        { name: 'reversed', facts, at, expect: { outcome: 'undecided', missing: [...ranked].reverse() } },
      ],
    });
    expect(report.cases.map((c) => c.passed)).toEqual([true, false]);
  });

  it('turns facts the policy rejects and dates outside its validity into failed cases, not crashes', async () => {
    const report = await runTests(refund, {
      cases: [
        { name: 'bad facts', facts: { daysSincePurchase: 'ten' }, at, expect: { outcome: 'deny' } },
        { name: 'before validFrom', facts: complete, at: '2025-06-01', expect: { outcome: 'approve' } },
      ],
    });
    expect(report.failed).toBe(2);
    expect(report.cases[0]?.failures[0]).toMatchObject({ field: 'error', actual: { code: 'invalid_type' } });
    expect(report.cases[0]?.failures[0]?.message).toContain('daysSincePurchase');
    expect(report.cases[1]?.failures[0]).toMatchObject({ field: 'error', actual: { code: 'not_in_force' } });
  });

  it('rejects a suite that is not a tests file', async () => {
    await expect(runTests(refund, { cases: 'none' })).rejects.toBeInstanceOf(TestsFileError);
  });
});

describe('coverage', () => {
  it('counts the rules that fired and names the others with their paths', async () => {
    const report = await runTests(refund, {
      cases: [
        { name: 'late', facts: { ...complete, daysSincePurchase: 45 }, at, expect: { outcome: 'deny' } },
        { name: 'damaged', facts: { ...complete, damagedOnArrival: true, finalSale: true }, at, expect: { outcome: 'approve' } },
      ],
    });
    const rules = report.coverage.rules;
    // damaged-on-arrival, final-sale (fired but did not decide) and outside-return-period
    expect(rules).toMatchObject({ covered: 3, total: 6, percent: 50 });
    expect(rules.uncovered).toEqual([
      { rule: 'hygiene-seal-broken', path: 'rules[2]' },
      { rule: 'outside-gold-return-period', path: 'rules[4]' },
      { rule: 'high-amount-review', path: 'rules[5]' },
    ]);
  });

  it('counts each leaf condition seen true and seen false, keyed by rule and JSON path', async () => {
    const report = await runTests(refund, {
      cases: [{ name: 'late', facts: { ...complete, daysSincePurchase: 45 }, at, expect: { outcome: 'deny' } }],
    });
    const c = report.coverage;
    expect(c.leaves).toHaveLength(8);
    expect(c.conditions.total).toBe(16);
    const notGold = c.leaves.find((l) => l.path === 'rules[3].conditions.all[1].not');
    expect(notGold).toMatchObject({ rule: 'outside-return-period', fact: 'loyaltyTier', seenTrue: false, seenFalse: true });
    const late = c.leaves.find((l) => l.path === 'rules[3].conditions.all[0]');
    expect(late).toMatchObject({ seenTrue: true, seenFalse: false });
    // one case evaluates every leaf once: 8 of 16 outcomes
    expect(c.conditions.covered).toBe(8);
    expect(c.conditions.percent).toBe(50);
    expect(c.conditions.uncovered.find((u) => u.path === 'rules[3].conditions.all[0]')?.missing).toEqual(['false']);
  });

  it('reaches 100% with cases that flip every condition', async () => {
    const cases = [
      { ...complete },
      { ...complete, damagedOnArrival: true, finalSale: true, hygieneSealBroken: true, daysSincePurchase: 90, orderTotal: 900 },
      { ...complete, loyaltyTier: 'gold', daysSincePurchase: 90 },
      { ...complete, loyaltyTier: 'gold', daysSincePurchase: 45 },
    ].map((facts, i) => ({ name: `case ${i}`, facts, at, expect: { outcome: 'approve' } }));
    const report = await runTests(refund, { cases });
    expect(report.coverage.rules.percent).toBe(100);
    expect(report.coverage.conditions).toMatchObject({ percent: 100, uncovered: [] });
  });

  it('counts neither unknown results nor failed cases', async () => {
    const report = await runTests(refund, {
      cases: [
        { name: 'nothing known', facts: {}, at, expect: { outcome: 'undecided' } },
        { name: 'bad', facts: { finalSale: 'yes' }, at, expect: { outcome: 'deny' } },
      ],
    });
    expect(report.coverage.conditions.covered).toBe(0);
    expect(report.coverage.rules.covered).toBe(0);
  });

  it('keys a leaf of a shared condition by its path under "conditions", per rule', async () => {
    const policy = definePolicy({
      id: 'shared', version: '1',
      facts: { vip: { type: 'boolean' }, spend: { type: 'number' } },
      outcomes: { yes: {}, no: {} },
      conditions: { isVip: { all: [{ fact: 'vip', operator: 'equal', value: true }] } },
      rules: [
        { name: 'a', conditions: { all: [{ condition: 'isVip' }, { fact: 'spend', operator: 'greaterThan', value: 10 }] }, event: { type: 'yes' } },
        { name: 'b', conditions: { condition: 'isVip' }, event: { type: 'no' } },
      ],
    });
    const report = await runTests(policy, { cases: [{ name: 'vip', facts: { vip: true, spend: 5 }, expect: { outcome: 'no' } }] });
    expect(report.coverage.leaves.map((l) => `${l.rule} ${l.path}`)).toEqual([
      'a conditions.isVip.all[0]',
      'a rules[0].conditions.all[1]',
      'b conditions.isVip.all[0]',
    ]);
    expect(report.coverage.leaves[0]).toMatchObject({ seenTrue: true, seenFalse: false });
  });

  it('does not count leaves that priority groups skipped', async () => {
    const policy = definePolicy({
      id: 'groups', version: '1',
      facts: { a: { type: 'boolean' }, b: { type: 'boolean' } },
      outcomes: { yes: {} },
      rules: [{ name: 'r', conditions: { all: [{ fact: 'a', operator: 'equal', value: true, priority: 10 }, { fact: 'b', operator: 'equal', value: true, priority: 1 }] }, event: { type: 'yes' } }],
    });
    const report = await runTests(policy, { cases: [{ name: 'a false', facts: { a: false, b: true }, expect: { outcome: 'undecided' } }] });
    expect(report.coverage.leaves.map((l) => [l.seenTrue, l.seenFalse])).toEqual([[false, true], [false, false]]);
  });
});
