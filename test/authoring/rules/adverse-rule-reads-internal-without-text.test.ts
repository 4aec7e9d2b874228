import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../../src/authoring/index.js';
import { definePolicy } from '../../../src/index.js';

type Json = Record<string, unknown>;

const policyWith = (rules: Json[], extra: Json = {}) =>
  definePolicy({
    id: 'risk',
    version: '1',
    facts: { score: { type: 'number', internal: true }, total: { type: 'number' } },
    parameters: { limit: { value: 500, internal: true }, cap: { value: 100 } },
    outcomes: { allow: {}, deny: { adverse: true } },
    rules,
    ...extra,
  });

const rule = (name: string, conditions: unknown, outcome = 'deny', extra: Json = {}): Json => ({ name, conditions, event: { type: outcome }, source: { title: 'T' }, ...extra });
const warned = (rules: Json[], extra: Json = {}) => lintPolicy(policyWith(rules, extra)).filter((f) => f.code === 'adverse_rule_reads_internal_without_text');

describe('adverse_rule_reads_internal_without_text', () => {
  it.each([
    ['reads an internal fact', rule('r', { all: [{ fact: 'score', operator: 'greaterThan', value: 80 }] })],
    ['compares with an internal parameter', rule('r', { all: [{ fact: 'total', operator: 'greaterThan', value: { fact: 'limit' } }] })],
    ['is internal', rule('r', { all: [{ fact: 'total', operator: 'greaterThan', value: 80 }] }, 'deny', { internal: true })],
    ['has an internal condition', rule('r', { any: [{ not: { fact: 'total', operator: 'lessThan', value: 80 }, internal: true }] })],
  ])('warns when an adverse rule without because %s', (_, r) => {
    const findings = warned([r]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', rule: 'r', path: 'rules[0]' });
    expect(findings[0]?.message).toMatch(/the information we hold about your account led to this decision/);
  });

  it('names the policy’s own confidential reason when it has one', () => {
    const [finding] = warned([rule('r', { all: [{ fact: 'score', operator: 'greaterThan', value: 80 }] })], { texts: { confidentialReason: 'of our checks' } });
    expect(finding?.message).toMatch(/texts\.confidentialReason/);
  });

  it('is quiet with a because, for an outcome that is not adverse, and for public conditions', () => {
    expect(
      warned([
        rule('a', { all: [{ fact: 'score', operator: 'greaterThan', value: 80 }] }, 'deny', { because: 'our checks found unusual activity' }),
        rule('b', { all: [{ fact: 'score', operator: 'lessThan', value: 10 }] }, 'allow'),
        rule('c', { all: [{ fact: 'total', operator: 'greaterThan', value: { fact: 'cap' } }] }),
      ]),
    ).toEqual([]);
  });
});
