import { describe, expect, it } from 'vitest';
import { definePolicy, PolicyError, type Issue } from '../../src/index.js';

/**
 * Type-checked conditions (issue 14, cases 6 and 7): a comparison whose value can never match
 * the declared type of its fact is refused by definePolicy with its path and a message that
 * says what to write instead.
 */

function policyWith(condition: Record<string, unknown>, facts: Record<string, unknown> = {}) {
  return {
    id: 'types',
    version: '1',
    facts: {
      age: { type: 'integer' },
      total: { type: 'number' },
      sealBroken: { type: 'boolean' },
      cancellationReason: { type: 'string', enum: ['moving-abroad', 'price', 'service'] },
      orderedOn: { type: 'date' },
      tags: { type: 'array', items: 'string' },
      ...facts,
    },
    outcomes: { ok: {} },
    rules: [{ name: 'r', conditions: { all: [condition] }, event: { type: 'ok' } }],
  };
}

function issuesOf(doc: unknown): Issue[] {
  try {
    definePolicy(doc);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return [...(error as PolicyError).issues];
  }
}

const AT = 'rules[0].conditions.all[0]';

describe('type-checked conditions', () => {
  it.each([
    ['"thirty" against an integer', { fact: 'age', operator: 'lessThanInclusive', value: 'thirty' }, `${AT}.value`, 'operator_type_mismatch',
      '"lessThanInclusive" compares "age" (a number) with "thirty", which is a text, so it can never hold; write a number.'],
    ['"30" against an integer: write it without quotes', { fact: 'age', operator: 'greaterThan', value: '30' }, `${AT}.value`, 'operator_type_mismatch',
      '"greaterThan" compares "age" (a number) with "30", which is a text, so it can never hold; write 30 without quotes.'],
    ['"true" against a boolean', { fact: 'sealBroken', operator: 'equal', value: 'true' }, `${AT}.value`, 'operator_type_mismatch',
      '"equal" compares "sealBroken" (true or false) with "true", which is a text, so it can never hold; write true without quotes.'],
    ['2.5 equal to an integer', { fact: 'age', operator: 'equal', value: 2.5 }, `${AT}.value`, 'operator_type_mismatch',
      '"equal" compares "age" (a whole number) with 2.5, which is a number, so it can never hold; write a whole number.'],
    ['a word against a date', { fact: 'orderedOn', operator: 'lessThan', value: 'yesterday' }, `${AT}.value`, 'operator_type_mismatch',
      '"lessThan" compares "orderedOn" (an ISO 8601 date such as "2026-03-01") with "yesterday", which is a text, so it can never hold; write an ISO 8601 date such as "2026-03-01".'],
    ['a number in a list of a string fact', { fact: 'cancellationReason', operator: 'in', value: ['price', 3] }, `${AT}.value[1]`, 'operator_type_mismatch',
      '"in" compares "cancellationReason" (a text) with 3, which is a whole number, so it can never hold; write a text.'],
    ['a number in a list of strings', { fact: 'tags', operator: 'contains', value: 3 }, `${AT}.value`, 'operator_type_mismatch',
      '"contains" compares "tags" (a list, each item a text) with 3, which is a whole number, so it can never hold; write a text.'],
    ['an enum typo', { fact: 'cancellationReason', operator: 'equal', value: 'moving_abroad' }, `${AT}.value`, 'unknown_value',
      '"moving_abroad" is not one of the values of "cancellationReason"; did you mean "moving-abroad"? Its values are: "moving-abroad", "price", "service".'],
    ['an enum typo in a list', { fact: 'cancellationReason', operator: 'notIn', value: ['price', 'servce'] }, `${AT}.value[1]`, 'unknown_value',
      '"servce" is not one of the values of "cancellationReason"; did you mean "service"? Its values are: "moving-abroad", "price", "service".'],
    ['a numeric operator on a string', { fact: 'cancellationReason', operator: 'greaterThan', value: 3 }, `${AT}.operator`, 'operator_type_mismatch',
      '"greaterThan" compares numbers or dates, but "cancellationReason" is a string.'],
    ['a list operator on an integer', { fact: 'age', operator: 'contains', value: 3 }, `${AT}.operator`, 'operator_type_mismatch',
      '"contains" needs a list fact, but "age" is an integer.'],
  ])('%s', (_what, condition, path, code, message) => {
    expect(issuesOf(policyWith(condition))).toEqual([{ path, code, message }]);
  });

  it('equal null says why it never holds and what to write instead', () => {
    const [issue, ...rest] = issuesOf(policyWith({ fact: 'cancellationReason', operator: 'equal', value: null }));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: `${AT}.value`, code: 'null_comparison' });
    expect(issue?.message).toMatch(/null or not given is unknown here, not a value/);
    expect(issue?.message).toMatch(/decision\.default/);
    const [notEqual] = issuesOf(policyWith({ fact: 'total', operator: 'notEqual', value: null }));
    expect(notEqual?.message).toMatch(/Leave the condition out: every condition on "total" already waits until it is given\./);
  });

  it.each([
    { fact: 'age', operator: 'lessThan', value: 2.5 },
    { fact: 'total', operator: 'equal', value: 2.5 },
    { fact: 'cancellationReason', operator: 'in', value: ['price', 'service'] },
    { fact: 'orderedOn', operator: 'greaterThanInclusive', value: '2026-01-01' },
    { fact: 'tags', operator: 'contains', value: 'x' },
    { fact: 'sealBroken', operator: 'not:equal', value: false },
    // decorated and fact-read comparisons keep json-rules-engine's own semantics
    { fact: 'tags', operator: 'someFact:equal', value: 3 },
    { fact: 'age', operator: 'equal', value: { fact: 'total' } },
  ])('accepts a well-typed comparison: %o', (condition) => {
    expect(issuesOf(policyWith(condition))).toEqual([]);
  });

  it('suggests a declared fact without a stray full stop', () => {
    expect(issuesOf(policyWith({ fact: 'agee', operator: 'equal', value: 1 }))).toEqual([
      { path: `${AT}.fact`, code: 'undeclared_fact', message: '"agee" is not declared under "facts" or "parameters"; did you mean "age"?' },
    ]);
  });

  it.each([
    ['greaterThanOrEqual', 'greaterThanInclusive'],
    ['lessThanOrEqual', 'lessThanInclusive'],
    ['gte', 'greaterThanInclusive'],
    ['not:equals', 'not:equal'],
  ])('suggests "%s" → "%s"', (typo, meant) => {
    expect(issuesOf(policyWith({ fact: 'age', operator: typo, value: 1 }))).toEqual([
      { path: `${AT}.operator`, code: 'unknown_operator', message: `"${typo}" is not an operator; did you mean "${meant}"?` },
    ]);
  });
});
