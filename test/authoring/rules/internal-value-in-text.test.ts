import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../../src/authoring/index.js';
import { definePolicy } from '../../../src/index.js';

type Json = Record<string, unknown>;

const policyWith = (overrides: Json) =>
  definePolicy({
    id: 'risk',
    version: '1',
    kind: 'account',
    facts: {
      score: { type: 'number', internal: true, label: { en: 'fraud risk score', nl: 'frauderisicoscore' } },
      band: { type: 'string', internal: true },
      total: { type: 'number', label: 'order total', question: 'What was the order total?' },
    },
    parameters: { threshold: { value: 87, internal: true, label: 'risk cutoff' }, period: { value: 30 } },
    outcomes: { allow: {}, deny: { adverse: true } },
    rules: [],
    ...overrides,
  });

const deny = (because: unknown, conditions: unknown = { all: [{ fact: 'score', operator: 'greaterThan', value: { fact: 'threshold' } }] }, extra: Json = {}): Json => ({
  name: 'fraud',
  conditions,
  event: { type: 'deny' },
  because,
  source: { title: 'Terms, 9' },
  ...extra,
});

const found = (overrides: Json) => lintPolicy(policyWith(overrides)).filter((f) => f.code === 'internal_value_in_text');

describe('internal_value_in_text', () => {
  it.each([
    ['a placeholder of an internal fact', 'your score {{score}} is too high', 'rules[0].because', /internal fact "score"/],
    ['a placeholder of an internal parameter', 'your score is above {{threshold}}', 'rules[0].because', /internal parameter "threshold"/],
    ['the figure of an internal parameter', 'your score is above 87 points', 'rules[0].because', /holds 87/],
    ['the label of an internal fact, in its language', { en: 'your fraud risk score is high', nl: 'het klopt niet' }, 'rules[0].because.en', /"fraud risk score"/],
    ['the label of an internal parameter', 'you passed the risk cutoff', 'rules[0].because', /"risk cutoff"/],
  ])('reports %s, as an error with its path', (_, because, path, message) => {
    const findings = found({ rules: [deny(because)] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', rule: 'fraud', path });
    expect(findings[0]?.message).toMatch(message);
  });

  it('reports a literal an internal rule compares with, in a source title and the policy texts too', () => {
    const findings = found({
      rules: [deny('we found unusual activity', { all: [{ fact: 'total', operator: 'greaterThan', value: 4321.5 }] }, { internal: true, source: { title: 'Reviews above 4321,5' } })],
      texts: { escalation: 'Scores above {{threshold}} are reviewed.', confidentialReason: 'the band is blocklisted' },
    });
    expect(findings.map((f) => f.path).sort()).toEqual(['rules[0].source.title', 'texts.escalation']);
  });

  it('reports an internal enum literal as a word of the text', () => {
    const findings = found({ rules: [deny('your band is blocklisted', { all: [{ fact: 'band', operator: 'equal', value: 'blocklisted' }] })] });
    expect(findings.map((f) => f.path)).toEqual(['rules[0].because']);
  });

  it('leaves alone texts that say the reason without internal names or figures', () => {
    const findings = found({
      rules: [
        deny('our security checks found unusual activity on your account', undefined, { internal: true }),
        { name: 'late', conditions: { all: [{ fact: 'total', operator: 'greaterThan', value: 870 }] }, event: { type: 'deny' }, because: 'the {{period}} days and {{total}} (870, 1870 or 8.7) are past', source: { title: 'T' } },
      ],
    });
    expect(findings).toEqual([]);
  });
});
