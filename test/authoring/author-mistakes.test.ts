import { describe, expect, it } from 'vitest';
import { definePolicy, explain } from '../../src/index.js';
import { lintDocument, lintPolicy } from '../../src/authoring/index.js';

/**
 * A new user's mistakes from issue 14 (cases 6–13), each with the message it should get, as one
 * run of lint reports it. Case 9 (everything in one run, every conflicting pair) is
 * test/authoring/lint-document.test.ts and the conflicts tests of lint.test.ts; cases 11 and 12
 * (unknown fact keys, expected outcomes, textIncludes with spaces) are test/explain/unknown-facts.test.ts.
 */

type Json = Record<string, unknown>;
const policy = (over: Json): Json => ({
  id: 'p',
  version: '1',
  facts: {
    age: { type: 'integer' },
    member: { type: 'boolean' },
    reason: { type: 'string', enum: ['moving-abroad', 'proof-needed'] },
    returnPeriodDays: { type: 'integer' },
  },
  outcomes: { refund: {}, refuse: { adverse: true } },
  rules: [],
  ...over,
});
const rule = (conditions: Json[], extra: Json = {}): Json => ({ name: 'r', conditions: { all: conditions }, event: { type: 'refund' }, ...extra });
const definitionErrors = (doc: Json, options = {}): [string, string, string][] =>
  lintDocument(doc, options).findings.filter((f) => f.kind === 'definition').map((f) => [f.code, f.path, f.message]);

describe('issue 14: a new user\'s mistakes and their messages', () => {
  it('6: a text compared with an integer, "true" in quotes on a boolean', () => {
    expect(definitionErrors(policy({ rules: [rule([{ fact: 'age', operator: 'lessThanInclusive', value: 'thirty' }, { fact: 'member', operator: 'equal', value: 'true' }])] }))).toEqual([
      ['operator_type_mismatch', 'rules[0].conditions.all[0].value', '"lessThanInclusive" compares "age" (a number) with "thirty", which is a text, so it can never hold; write a number.'],
      ['operator_type_mismatch', 'rules[0].conditions.all[1].value', '"equal" compares "member" (true or false) with "true", which is a text, so it can never hold; write true without quotes.'],
    ]);
  });

  it('7: an enum typo is an unknown value with a did-you-mean, not a contradiction', () => {
    const { findings } = lintDocument(policy({ rules: [rule([{ fact: 'reason', operator: 'equal', value: 'moving_abroad' }])] }));
    expect(findings.filter((f) => f.code === 'unknown_value').map((f) => f.message)).toEqual([
      '"moving_abroad" is not one of the values of "reason"; did you mean "moving-abroad"? Its values are: "moving-abroad", "proof-needed".',
    ]);
    expect(findings.some((f) => f.code === 'contradictory_conditions')).toBe(false);
  });

  it('8: description on the policy and on a comparison', () => {
    expect(() => definePolicy(policy({ description: 'Returns', rules: [rule([{ fact: 'age', operator: 'greaterThan', value: 3, description: 'grown up' }])] }))).not.toThrow();
  });

  it('10: a missing Dutch text asks for "nl" only, which covers "nl-BE"', () => {
    const found = lintPolicy(definePolicy(policy({ outcomes: { refund: { label: { en: 'Refund', nl: 'Terugbetaling', 'nl-BE': 'Terugbetaling' } }, refuse: { label: { en: 'No refund' }, adverse: true } } })));
    expect(found.filter((f) => f.code === 'missing_translation').map((f) => f.message)).toEqual([
      'This text has no "nl" version, though the policy is written in "en", "nl", "nl-BE": a customer in that locale would read another language. Add "nl": "…".',
    ]);
  });

  it('13: "an array", "an object"', () => {
    expect(definitionErrors(policy({ facts: { tags: { type: 'array', enum: ['x'] }, meta: { type: 'object', enum: ['y'] } } }))).toEqual([
      ['enum_on_non_string', 'facts.tags.enum', 'Only a string fact can list allowed values; "tags" is an array.'],
      ['enum_on_non_string', 'facts.meta.enum', 'Only a string fact can list allowed values; "meta" is an object.'],
    ]);
  });

  it('13: did you mean, for an operator, an outcome (a rule\'s and the default) and a placeholder', () => {
    const doc = policy({
      decision: { default: 'refnd' },
      rules: [rule([{ fact: 'age', operator: 'greaterThanOrEqual', value: 3 }], { event: { type: 'refuze' }, because: 'within {{retrunPeriodDays}} days' })],
    });
    expect(definitionErrors(doc)).toEqual([
      ['unknown_operator', 'rules[0].conditions.all[0].operator', '"greaterThanOrEqual" is not an operator; did you mean "greaterThanInclusive"?'],
      ['unknown_outcome', 'rules[0].event.type', '"refuze" is not one of the outcomes (did you mean "refuse"?): "refund", "refuse".'],
      ['undeclared_fact', 'rules[0].because', '"{{retrunPeriodDays}}" names "retrunPeriodDays", which is not declared under "facts" or "parameters"; did you mean "returnPeriodDays"?'],
      ['unknown_outcome', 'decision.default', 'The default "refnd" is not one of the outcomes (did you mean "refund"?): "refund", "refuse".'],
    ]);
  });

  it('13: did you mean, for a placeholder in a translation and for explain\'s whyNot', async () => {
    const doc = policy({ rules: [rule([{ fact: 'returnPeriodDays', operator: 'greaterThan', value: 3 }], { because: '$t(r.late)' })] });
    const resources = { en: { r: { late: 'late by {{retrunPeriodDays}} days' } } };
    expect(lintDocument(doc, { resources }).findings.filter((f) => f.code === 'unknown_placeholder').map((f) => f.message)).toEqual([
      'The translation "r.late" in "en" uses {{retrunPeriodDays}}, but "retrunPeriodDays" is not declared under "facts" or "parameters": it would stay empty. Did you mean {{returnPeriodDays}}?',
    ]);
    await expect(explain(definePolicy(doc, { resources }), {}, { whyNot: 'refnd' })).rejects.toMatchObject({
      issues: [{ code: 'unknown_outcome', path: 'whyNot', message: '"whyNot" names one of the outcomes (refund, refuse); "refnd" is not one: did you mean "refund"?' }],
    });
  });
});
