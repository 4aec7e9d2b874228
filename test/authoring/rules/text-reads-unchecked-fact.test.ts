import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../../src/authoring/index.js';
import { definePolicy } from '../../../src/index.js';

const policy = (because: unknown, conditions: unknown) =>
  definePolicy({
    id: 'fee',
    version: '1',
    facts: { months: { type: 'integer' }, fee: { type: 'number', unit: 'currency', currency: 'EUR', from: 'host' } },
    parameters: { minimum: { value: 12 } },
    outcomes: { ok: { label: 'cancelled' } },
    conditions: { short: { all: [{ fact: 'months', operator: 'lessThan', value: { fact: 'minimum' } }] } },
    rules: [{ name: 'early', conditions, event: { type: 'ok' }, because }],
  });
const findings = (because: unknown, conditions: unknown = { all: [{ fact: 'months', operator: 'lessThan', value: 12 }] }) =>
  lintPolicy(policy(because, conditions)).filter((f) => f.code === 'text_reads_unchecked_fact');

describe('text_reads_unchecked_fact', () => {
  it('warns when a reason names a fact no condition of its rule reads', () => {
    expect(findings({ en: 'you pay {{fee}}', nl: 'u betaalt {{fee}}' })).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'early', path: 'rules[0].because.en', message: expect.stringContaining('{{fee}}') }),
    ]);
  });

  it.each([
    ['a fact its condition reads', 'after {{months}} months', undefined],
    ['a parameter', 'within {{minimum}} months', undefined],
    ['a fact read through a shared condition', 'after {{months}} months', { all: [{ condition: 'short' }] }],
    ['a fact compared on the right-hand side', 'you pay {{fee}}', { all: [{ fact: 'months', operator: 'lessThan', value: { fact: 'fee' } }] }],
  ])('is silent for %s', (_name, because, conditions) => {
    expect(findings(because, conditions)).toEqual([]);
  });
});
