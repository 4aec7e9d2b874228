import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../../src/authoring/index.js';
import { definePolicy } from '../../../src/index.js';

const words = (n: number): string => Array.from({ length: n }, (_, i) => (i === 0 ? 'we' : 'word')).join(' ');
const findings = (because: unknown, extra: Record<string, unknown> = {}) =>
  lintPolicy(
    definePolicy({
      id: 'plain',
      version: '1',
      facts: { late: { type: 'boolean', ...extra } },
      outcomes: { no: { label: 'declined', adverse: true } },
      rules: [{ name: 'late', conditions: { all: [{ fact: 'late', operator: 'equal', value: true }] }, event: { type: 'no' }, because }],
    }),
  ).filter((f) => f.code === 'text_not_plain');

describe('text_not_plain', () => {
  it.each([
    ['a sentence of 31 words', { en: words(31) }, 'rules[0].because.en', '31 words'],
    ['sentences of 21 words on average', { nl: `${words(21)}. We ${words(20)}` }, 'rules[0].because.nl', '21 words on average'],
    ['a reason that ends with a full stop', { en: 'the return period has passed.' }, 'rules[0].because.en', 'full stop'],
    ['a reason that starts with a capital', { fr: 'Le délai est dépassé' }, 'rules[0].because.fr', 'capital'],
    ['a bare noun phrase', { en: 'final sale' }, 'rules[0].because.en', 'not a clause'],
    ['a Dutch noun phrase', { nl: 'uitverkoop' }, 'rules[0].because.nl', 'not a clause'],
  ])('warns for %s', (_name, because, path, says) => {
    expect(findings(because)).toEqual([expect.objectContaining({ severity: 'warning', rule: 'late', path, message: expect.stringContaining(says) })]);
  });

  it('checks statements and questions too, but not an internal fact’s', () => {
    expect(findings('the order came late', { says: { true: { en: 'Late.' } }, question: { en: `${words(35)}?` } }).map((f) => f.path)).toEqual([
      'facts.late.question.en',
      'facts.late.says.true.en',
    ]);
    expect(findings('the order came late', { internal: true, says: { true: { en: 'Late.' } } })).toEqual([]);
  });

  it.each([
    ['an English clause', { en: 'the item arrived damaged' }],
    ['a Dutch clause, verb last', { nl: 'het artikel beschadigd is aangekomen' }],
    ['a German clause with capitalised nouns', { de: 'Artikel aus dem Ausverkauf vom Umtausch ausgeschlossen sind' }],
    ['a French clause', { fr: 'vous déménagez à l’étranger' }],
    ['two short sentences', { en: 'signing in failed 5 times. It unlocks by itself after 30 minutes' }],
    ['a placeholder counted as one word', { en: 'the return period of {{late}} days has passed' }],
  ])('is silent for %s', (_name, because) => {
    expect(findings(because)).toEqual([]);
  });
});
