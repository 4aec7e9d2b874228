import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, isOperatorError, isPolicyError, type CustomOperators, type Issue } from '../../src/index.js';
import { lintPolicy } from '../../src/authoring/lint.js';
import { runTests } from '../../src/authoring/run-tests.js';
import { TEST_OPERATORS } from '../helpers/custom-operators.js';

/**
 * Custom operators (CONTRACT §1, issue 14): passed to definePolicy(json, { operators }), checked
 * at `operators.<name>.<field>`, known to the type checks, texts, counterfactuals, lint and the
 * tests runner, and never shared between policies.
 */

function voucherPolicy(conditions: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'vouchers',
    version: '1',
    kind: 'refund',
    facts: {
      code: { type: 'string', label: { en: 'the voucher code', nl: 'de vouchercode', de: 'der Gutscheincode', fr: 'le code promo' } },
      bought: { type: 'date', label: { en: 'the purchase date', nl: 'de aankoopdatum', de: 'das Kaufdatum', fr: 'la date d’achat' } },
      total: { type: 'number', unit: 'currency', currency: 'EUR', label: { en: 'the order total', nl: 'het orderbedrag', de: 'der Bestellwert', fr: 'le montant' } },
      order: { type: 'object', label: { en: 'the order', nl: 'de bestelling', de: 'die Bestellung', fr: 'la commande' } },
    },
    outcomes: {
      approve: { label: { en: 'approved', nl: 'goedgekeurd', de: 'genehmigt', fr: 'accepté' } },
      deny: { label: { en: 'declined', nl: 'afgewezen', de: 'abgelehnt', fr: 'refusé' }, adverse: true },
    },
    decision: { default: 'deny' },
    rules: [{ name: 'spring', conditions: { all: conditions }, event: { type: 'approve' } }],
    ...extra,
  };
}

const SPRING = [
  { fact: 'code', operator: 'startsWith', value: 'SPRING' },
  { fact: 'bought', operator: 'before', value: '2026-04-01' },
];

function optionIssues(operators: unknown): Issue[] {
  try {
    definePolicy(voucherPolicy([{ fact: 'total', operator: 'greaterThan', value: 0 }]), { operators: operators as CustomOperators });
  } catch (error) {
    expect((error as Error).name).toBe('OptionsError');
    return [...(error as { issues: Issue[] }).issues];
  }
  return [];
}

function policyIssues(conditions: unknown[], operators: CustomOperators = TEST_OPERATORS): Issue[] {
  try {
    definePolicy(voucherPolicy(conditions), { operators });
  } catch (error) {
    expect(isPolicyError(error)).toBe(true);
    return [...(error as { issues: Issue[] }).issues];
  }
  return [];
}

const good = TEST_OPERATORS.startsWith;

describe('the operators option', () => {
  it.each([
    ['not an object', [], 'operators', 'invalid_type'],
    ['a name with a decorator mark', { 'not:x': good }, 'operators["not:x"]', 'invalid_operator_name'],
    ['a built-in name', { greaterThan: good }, 'operators.greaterThan', 'shadows_built_in'],
    ['a decorator name', { swap: good }, 'operators.swap', 'shadows_built_in'],
    ['not an object operator', { x: () => true }, 'operators.x', 'invalid_type'],
    ['an unknown property', { x: { ...good, factType: 'string' } }, 'operators.x.factType', 'unknown_property'],
    ['no evaluate', { x: { ...good, evaluate: undefined } }, 'operators.x.evaluate', 'missing_property'],
    ['evaluate not a function', { x: { ...good, evaluate: true } }, 'operators.x.evaluate', 'invalid_type'],
    ['boundary not a function', { x: { ...good, boundary: ['a'] } }, 'operators.x.boundary', 'invalid_type'],
    ['description not a string', { x: { ...good, description: 1 } }, 'operators.x.description', 'invalid_type'],
    ['no factTypes', { x: { ...good, factTypes: undefined } }, 'operators.x.factTypes', 'missing_property'],
    ['empty valueTypes', { x: { ...good, valueTypes: [] } }, 'operators.x.valueTypes', 'invalid_type'],
    ['an unknown type', { x: { ...good, factTypes: ['text'] } }, 'operators.x.factTypes[0]', 'invalid_value'],
    ['no phrase', { x: { ...good, phrase: undefined } }, 'operators.x.phrase', 'missing_property'],
    ['a bad locale', { x: { ...good, phrase: { en_GB: good.phrase.en } } }, 'operators.x.phrase.en_GB', 'invalid_locale'],
    ['a phrase that is a string', { x: { ...good, phrase: { en: '{{fact}} starts with {{value}}' } } }, 'operators.x.phrase.en', 'invalid_type'],
    ['a phrase without fails', { x: { ...good, phrase: { en: { holds: '{{fact}} starts with {{value}}' } } } }, 'operators.x.phrase.en.fails', 'missing_property'],
    ['an unknown part', { x: { ...good, phrase: { en: { ...good.phrase.en, negated: 'x' } } } }, 'operators.x.phrase.en.negated', 'unknown_property'],
    ['an unknown placeholder', { x: { ...good, phrase: { en: { ...good.phrase.en, holds: '{{fact}} starts with {{prefix}}' } } } }, 'operators.x.phrase.en.holds', 'unknown_placeholder'],
    ['a phrase without the fact', { x: { ...good, phrase: { en: { ...good.phrase.en, fails: 'it does not start with {{value}}' } } } }, 'operators.x.phrase.en.fails', 'missing_placeholder'],
  ])('refuses %s at its path', (_what, operators, path, code) => {
    expect(optionIssues(operators)).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('lists every problem of every operator at once', () => {
    const issues = optionIssues({ equal: good, bad: { evaluate: 1, factTypes: ['str'], phrase: {} } });
    expect(issues.map((i) => i.path)).toEqual(['operators.equal', 'operators.bad.evaluate', 'operators.bad.factTypes[0]', 'operators.bad.valueTypes']);
  });

  it('are copied: changing the object passed later does not change the policy', async () => {
    const mine = { startsWith: { ...good, phrase: { en: { ...good.phrase.en } } } };
    const policy = definePolicy(voucherPolicy([SPRING[0]]), { operators: mine });
    mine.startsWith.evaluate = () => false;
    mine.startsWith.phrase.en.holds = '{{fact}} changed';
    const result = await policy.explain({ code: 'SPRING-1' }, { locale: 'en' });
    expect(result.outcome).toBe('approve');
    expect(result.reasons[0]?.text).toBe('the voucher code (SPRING-1) starts with SPRING');
  });

  it('accepts the operators of the test helpers and leaves the hash alone', () => {
    const doc = voucherPolicy(SPRING);
    const a = definePolicy(doc, { operators: TEST_OPERATORS });
    const b = definePolicy(doc, { operators: { ...TEST_OPERATORS, startsWith: { ...good, evaluate: (f: string, v: string) => f.toLowerCase().startsWith(v.toLowerCase()) } } });
    // The hash is of the document: the operators are code, versioned with it by the host.
    expect(a.hash).toBe(b.hash);
    const plain = voucherPolicy([{ fact: 'total', operator: 'greaterThan', value: 0 }]);
    expect(definePolicy(plain, { operators: TEST_OPERATORS }).hash).toBe(definePolicy(plain).hash);
  });
});

describe('conditions with custom operators', () => {
  it('an operator not passed is a PolicyError that says where operators go', () => {
    const issues = policyIssues(SPRING, {});
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['rules[0].conditions.all[0].operator', 'unknown_operator'],
      ['rules[0].conditions.all[1].operator', 'unknown_operator'],
    ]);
    expect(issues[0]?.message).toMatch(/^"startsWith" is not an operator\. A custom operator \(json-rules-engine's addOperator\) is passed to definePolicy\(json, \{ operators: \{ startsWith: … \} \}\), or on the command line with --operators \.\/operators\.mjs\. Known operators: equal, /);
  });

  it('suggests a registered operator for a typo, and the registered ones are listed', () => {
    expect(policyIssues([{ fact: 'code', operator: 'startWith', value: 'A' }])).toEqual([
      { code: 'unknown_operator', path: 'rules[0].conditions.all[0].operator', message: '"startWith" is not an operator; did you mean "startsWith"?' },
    ]);
    expect(policyIssues([{ fact: 'code', operator: 'zzz', value: 'A' }])[0]?.message).toMatch(/Known operators: .*greaterThanInclusive, startsWith, matches, before\.$/);
  });

  it('belong to their policy: another policy does not know them', () => {
    const doc = voucherPolicy(SPRING);
    expect(definePolicy(doc, { operators: TEST_OPERATORS }).id).toBe('vouchers');
    expect(() => definePolicy(doc)).toThrow(/"startsWith" is not an operator/);
  });

  it.each([
    ['a fact of another type', { fact: 'total', operator: 'startsWith', value: 'A' }, 'rules[0].conditions.all[0].operator', /The custom operator "startsWith" takes a string, but "total" is a number, so the condition can never hold\./],
    ['a value of another type', { fact: 'code', operator: 'startsWith', value: 1 }, 'rules[0].conditions.all[0].value', /The custom operator "startsWith" compares with a string, not 1, so the condition can never hold\./],
    ['a date operator with a value that is no date', { fact: 'bought', operator: 'before', value: 'soon' }, 'rules[0].conditions.all[0].value', /compares with a date, not "soon"/],
    ['a fact compared with a fact of another type', { fact: 'code', operator: 'startsWith', value: { fact: 'total' } }, 'rules[0].conditions.all[0].value', /compares with a string, but "total" is a number/],
    ['a list decorator on a fact that is no list', { fact: 'code', operator: 'someFact:startsWith', value: 'A' }, 'rules[0].conditions.all[0].operator', /needs a list fact, but "code" is a string/],
  ])('are type-checked: %s', (_what, condition, path, message) => {
    expect(policyIssues([condition])).toEqual([{ code: 'operator_type_mismatch', path, message: expect.stringMatching(message) }]);
  });

  it('take a date fact where they take strings, and decorators as json-rules-engine gives them', () => {
    expect(policyIssues([{ fact: 'bought', operator: 'startsWith', value: '2026' }, { fact: 'code', operator: 'not:startsWith', value: 'X' }])).toEqual([]);
  });

  it('are false, without a call, on a value off the operator\'s types (read through a path)', async () => {
    let calls = 0;
    const counting = { ...good, evaluate: (f: string, v: string) => (calls++, f.startsWith(v)) };
    const policy = definePolicy(voucherPolicy([{ fact: 'order', path: '$.code', operator: 'startsWith', value: 'A' }]), { operators: { startsWith: counting } });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })), async (code) => {
        const result = await policy.decide({ order: { code } });
        expect(result.trace[0]?.fired).toBe(false);
      }),
      { numRuns: 50 },
    );
    expect(calls).toBe(0);
    expect((await policy.decide({ order: { code: 'AB' } })).outcome).toBe('approve');
    expect(calls).toBe(1);
  });
});

describe('an operator that misbehaves', () => {
  it.each([
    ['throws', () => { throw new Error('boom'); }, 'operator_threw', 'The custom operator "startsWith" threw: boom. An operator answers true or false for every value of its types.'],
    ['answers a string', () => 'yes', 'operator_not_boolean', 'The custom operator "startsWith" answered a string, not true or false.'],
    ['answers a promise', () => Promise.resolve(true), 'operator_not_boolean', 'The custom operator "startsWith" answered a promise (operators are synchronous), not true or false.'],
    ['answers null', () => null, 'operator_not_boolean', 'The custom operator "startsWith" answered null, not true or false.'],
  ])('rejects explain with an OperatorError when it %s, never echoing the facts', async (_what, evaluate, code, message) => {
    const policy = definePolicy(voucherPolicy(SPRING), { operators: { ...TEST_OPERATORS, startsWith: { ...good, evaluate: evaluate as unknown as () => boolean } } });
    const error = await policy.explain({ code: 'SECRET-CODE-42', bought: '2026-03-01' }).then(() => undefined, (e: unknown) => e);
    expect(isOperatorError(error)).toBe(true);
    expect((error as { issues: Issue[] }).issues).toEqual([{ code, path: 'operators.startsWith', message }]);
    expect(String((error as Error).message)).not.toContain('SECRET');
    if (code === 'operator_threw') expect(((error as Error).cause as Error).message).toBe('boom');
  });
});

describe('texts', () => {
  const policy = definePolicy(voucherPolicy(SPRING), { operators: TEST_OPERATORS });
  const fired = { code: 'SPRING-10', bought: '2026-03-01' };
  const blocked = { code: 'WINTER-5', bought: '2026-03-01' };

  it('phrase a reason in each locale, nl-BE with nl\'s phrase', async () => {
    const texts: Record<string, string> = {};
    for (const locale of ['en', 'nl', 'nl-BE', 'de', 'fr']) texts[locale] = (await policy.explain(fired, { locale })).reasons[0]?.text ?? '';
    expect(texts).toMatchInlineSnapshot(`
      {
        "de": "der Gutscheincode (SPRING-10) mit SPRING beginnt und das Kaufdatum (1. März 2026) vor dem 1. April 2026 liegt",
        "en": "the voucher code (SPRING-10) starts with SPRING and the purchase date (March 1, 2026) is before April 1, 2026",
        "fr": "le code promo (SPRING-10) commence par SPRING et la date d’achat (1 mars 2026) tombe avant le 1 avril 2026",
        "nl": "de vouchercode (SPRING-10) met SPRING begint en de aankoopdatum (1 maart 2026) vóór 1 april 2026 ligt",
        "nl-BE": "de vouchercode (SPRING-10) met SPRING begint en de aankoopdatum (1 maart 2026) vóór 1 april 2026 ligt",
      }
    `);
  });

  it('phrase what would have to hold as a clause after "if"', async () => {
    const texts: Record<string, string> = {};
    for (const locale of ['en', 'nl', 'de', 'fr']) texts[locale] = (await policy.explain(blocked, { locale, whyNot: 'approve' })).whyNot?.blockers[0]?.text ?? '';
    expect(texts).toMatchInlineSnapshot(`
      {
        "de": "Ihr Antrag kann genehmigt werden, wenn der Gutscheincode (WINTER-5) mit SPRING beginnt.",
        "en": "Your request can be approved if the voucher code (WINTER-5) starts with SPRING.",
        "fr": "Votre dossier peut être accepté si le code promo (WINTER-5) commence par SPRING.",
        "nl": "Uw verzoek kan goedgekeurd worden als de vouchercode (WINTER-5) met SPRING begint.",
      }
    `);
  });

  it('read "holds" after "if" in a why-not', async () => {
    const only = definePolicy(voucherPolicy([{ fact: 'code', operator: 'matches', value: '^S' }]), { operators: TEST_OPERATORS });
    expect((await only.explain({ code: 'WINTER' }, { locale: 'en', whyNot: 'approve' })).whyNot?.blockers[0]?.text).toBe(
      'Your request can be approved if the voucher code (WINTER) has the expected form.',
    );
  });

  it('phrase a failed condition under "not" with "fails"', async () => {
    const negated = definePolicy(voucherPolicy([{ not: { fact: 'code', operator: 'startsWith', value: 'STAFF' } }, { fact: 'code', operator: 'not:startsWith', value: 'TEST' }]), { operators: TEST_OPERATORS });
    expect((await negated.explain({ code: 'SPRING-10' }, { locale: 'en' })).reasons[0]?.text).toBe('the voucher code (SPRING-10) does not start with STAFF and the voucher code (SPRING-10) does not start with TEST');
  });

  it('fall back to the generic condition in the reader\'s language where the operator has no phrase', async () => {
    const only = definePolicy(voucherPolicy([{ fact: 'code', operator: 'matches', value: '^[A-Z]+-\\d+$' }]), { operators: TEST_OPERATORS });
    expect((await only.explain({ code: 'SPRING-10' }, { locale: 'de' })).reasons[0]?.text).toBe('der Gutscheincode (SPRING-10) die Bedingung „matches“ mit ^[A-Z]+-\\d+$ erfüllt');
    expect((await only.explain({ code: 'SPRING-10' }, { locale: 'nl' })).reasons[0]?.text).toBe('de vouchercode (SPRING-10) de verwachte vorm heeft');
  });
});

describe('counterfactuals', () => {
  it('try the boundary values an operator declares, and each one holds when fed back', async () => {
    const policy = definePolicy(voucherPolicy(SPRING), { operators: TEST_OPERATORS });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 8 }), fc.constantFrom('2026-02-01', '2026-04-15', '2026-05-01'), async (code, bought) => {
        const result = await policy.explain({ code, bought }, { locale: 'en' });
        for (const cf of result.counterfactuals) {
          const changed = Object.fromEntries([['code', code], ['bought', bought], ...cf.changes.map((c) => [c.fact, c.to])]);
          expect((await policy.decide(changed)).outcome).toBe(cf.outcome);
        }
        if (result.outcome === 'deny' && !code.startsWith('SPRING') && bought < '2026-04-01') {
          expect(result.counterfactuals).toContainEqual(expect.objectContaining({ changes: [{ fact: 'code', from: code, to: 'SPRING' }], outcome: 'approve' }));
        }
        if (result.outcome === 'deny' && code.startsWith('SPRING') && bought >= '2026-04-01') {
          expect(result.counterfactuals).toContainEqual(expect.objectContaining({ changes: [{ fact: 'bought', from: bought, to: '2026-03-31' }], outcome: 'approve' }));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('suggest nothing through an operator without boundary', async () => {
    const policy = definePolicy(voucherPolicy([{ fact: 'code', operator: 'matches', value: '^SPRING' }]), { operators: TEST_OPERATORS });
    const result = await policy.explain({ code: 'WINTER' }, { locale: 'en' });
    expect(result.outcome).toBe('deny');
    expect(result.counterfactuals).toEqual([]);
  });
});

describe('lint', () => {
  it('says which operators it cannot see into, and which phrases are missing', () => {
    const doc = voucherPolicy([{ fact: 'code', operator: 'matches', value: '^S' }, { fact: 'code', operator: 'startsWith', value: 'S' }]);
    const findings = lintPolicy(definePolicy(doc, { operators: TEST_OPERATORS })).filter((f) => f.code === 'opaque_operator' || f.code === 'operator_phrase_missing');
    expect(findings.map((f) => [f.code, f.path]).sort()).toEqual([
      ['opaque_operator', 'rules[0].conditions.all[0].operator'],
      ['operator_phrase_missing', 'rules[0].conditions.all[0].operator'],
    ]);
    expect(findings.find((f) => f.code === 'operator_phrase_missing')?.message).toMatch(/^The custom operator "matches" has no phrase in "de", "fr", a language this policy is written in/);
  });

  it('finds overlapping rules through an operator\'s boundary', () => {
    const doc = voucherPolicy([{ fact: 'code', operator: 'startsWith', value: 'SPRING' }]);
    (doc['rules'] as unknown[]).push({ name: 'long', conditions: { all: [{ fact: 'code', operator: 'startsWith', value: 'SPRING0' }] }, event: { type: 'deny' } });
    const findings = lintPolicy(definePolicy(doc, { operators: TEST_OPERATORS }), { conflicts: 'all' }).filter((f) => f.code === 'conflicting_rules');
    expect(findings).toEqual([expect.objectContaining({ rule: 'long', witness: { code: 'SPRING0' } })]);
  });
});

describe('the tests runner', () => {
  it('runs cases and measures coverage of conditions with custom operators', async () => {
    const policy = definePolicy(voucherPolicy(SPRING), { operators: TEST_OPERATORS });
    const report = await runTests(policy, {
      cases: [
        { name: 'spring', facts: { code: 'SPRING-1', bought: '2026-03-01' }, expect: { outcome: 'approve', textIncludes: ['starts with SPRING'] } },
        { name: 'winter', facts: { code: 'WINTER', bought: '2026-03-01' }, expect: { outcome: 'deny' } },
      ],
    });
    expect(report).toMatchObject({ passed: 2, failed: 0 });
    expect(report.coverage.conditions).toMatchObject({ covered: 3, total: 4 });
  });
});
