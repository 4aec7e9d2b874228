import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain } from '../../src/index.js';
import { withoutImplied } from '../../src/explain/explain.js';
import type { LeafTrace } from '../../src/result/schema.js';

const BOUNDS = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;

function holds(operator: string, x: number, bound: number): boolean {
  switch (operator) {
    case 'lessThan':
      return x < bound;
    case 'lessThanInclusive':
      return x <= bound;
    case 'greaterThan':
      return x > bound;
    default:
      return x >= bound;
  }
}

const leaf = fc.record({
  fact: fc.constantFrom('a', 'b'),
  operator: fc.constantFrom(...BOUNDS, 'equal'),
  expected: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant('x')),
});

describe('withoutImplied', () => {
  it('keeps a conjunction of bounds that means the same, in order, dropping only what another leaf implies', () => {
    fc.assert(
      // Up to 40 leaves: a few bounds are weighed pair by pair, more than 16 by group.
      fc.property(fc.array(leaf, { maxLength: 40 }), fc.array(fc.double({ min: -7, max: 7, noNaN: true }), { minLength: 1, maxLength: 20 }), (specs, xs) => {
        const leaves: LeafTrace[] = specs.map((s) => ({ ...s, result: true, evaluated: true }));
        const kept = withoutImplied(leaves);
        // Kept leaves are the input's, in the input's order.
        let at = 0;
        for (const k of kept) {
          at = leaves.indexOf(k, at);
          expect(at).toBeGreaterThanOrEqual(0);
          at++;
        }
        // Every dropped leaf is a number bound; what is left says as much as the whole, for every value of each fact.
        for (const dropped of leaves.filter((l) => !kept.includes(l))) {
          expect(BOUNDS).toContain(dropped.operator);
          expect(typeof dropped.expected).toBe('number');
        }
        for (const fact of ['a', 'b']) {
          for (const x of xs) {
            const all = (list: readonly LeafTrace[]) =>
              list.filter((l) => l.fact === fact && typeof l.expected === 'number' && l.operator !== 'equal').every((l) => holds(l.operator, x, l.expected as number));
            expect(all(kept)).toBe(all(leaves));
          }
        }
        // Nothing left implies another: a second pass keeps all.
        expect(withoutImplied(kept)).toEqual(kept);
      }),
    );
  });

  it('weighs only comparisons that held, on the same fact and path', () => {
    const l = (over: Partial<LeafTrace>): LeafTrace => ({ fact: 'delay', operator: 'lessThan', expected: 10, result: true, evaluated: true, ...over });
    expect(withoutImplied([l({}), l({ expected: 8, result: false })])).toHaveLength(2);
    expect(withoutImplied([l({}), l({ expected: 8, path: '$.x' })])).toHaveLength(2);
    expect(withoutImplied([l({}), l({ expected: 8, fact: 'other' })])).toHaveLength(2);
    expect(withoutImplied([l({}), l({ expected: 8 })]).map((x) => x.expected)).toEqual([8]);
    // At the same number the strict one is the tighter.
    expect(withoutImplied([l({ operator: 'lessThanInclusive' }), l({})]).map((x) => x.operator)).toEqual(['lessThan']);
  });
});

/** Two rules for one outcome, both phrased from their conditions. */
const policy = definePolicy({
  id: 'joined',
  version: '1',
  facts: {
    delay: { type: 'integer', unit: 'minute', label: { en: 'the delay', nl: 'de vertraging', de: 'die Verspätung', fr: 'le retard' } },
    channel: {
      type: 'string',
      enum: ['shop', 'web', 'phone'],
      label: { en: 'the channel', nl: 'het kanaal', de: 'der Kanal', fr: 'le canal' },
      valueLabels: {
        shop: { en: 'the shop', nl: 'de winkel', de: 'der Laden', fr: 'le magasin' },
        web: { en: 'the website', nl: 'de website', de: 'die Website', fr: 'le site web' },
        phone: { en: 'the phone', nl: 'de telefoon', de: 'das Telefon', fr: 'le téléphone' },
      },
    },
    tags: { type: 'array', items: 'string', label: { en: 'your tags', nl: 'uw labels', de: 'Ihre Merkmale', fr: 'vos étiquettes' } },
  },
  outcomes: { ok: { label: { en: 'approved', nl: 'goedgekeurd', de: 'genehmigt', fr: 'accepté' } }, no: { label: { en: 'declined', nl: 'afgewezen', de: 'abgelehnt', fr: 'refusé' }, adverse: true } },
  decision: { default: 'no' },
  rules: [
    { name: 'short', priority: 2, conditions: { all: [{ fact: 'delay', operator: 'lessThan', value: 570 }, { fact: 'channel', operator: 'in', value: ['shop', 'web'] }] }, event: { type: 'ok' } },
    { name: 'shorter', priority: 1, conditions: { all: [{ fact: 'delay', operator: 'lessThan', value: 480 }, { fact: 'channel', operator: 'in', value: ['shop', 'web'] }, { fact: 'tags', operator: 'contains', value: 'vip' }] }, event: { type: 'ok' } },
  ],
});

describe('the reasons of a text, joined', () => {
  const facts = { delay: 169, channel: 'shop', tags: ['vip', 'new'] };

  it('says each comparison once, the tighter bound only, in one list', async () => {
    const result = await explain(policy, facts, { locale: 'en', at: '2026-03-01' });
    expect(result.reasons.map((r) => r.rule)).toEqual(['short', 'shorter']);
    // Each reason on its own keeps its own words.
    expect(result.reasons[0]?.text).toBe('the delay (2\u00a0hours and 49\u00a0minutes) is less than 9\u00a0hours and 30\u00a0minutes and the channel is the shop');
    expect(result.text).toBe(
      'Your request has been approved because the delay (2\u00a0hours and 49\u00a0minutes) is less than 8\u00a0hours, the channel is the shop, and vip appears in your tags.',
    );
  });

  it('joins them once in every built-in language', async () => {
    const texts = await Promise.all(['nl', 'de', 'fr'].map(async (locale) => (await explain(policy, facts, { locale, at: '2026-03-01' })).text));
    // One "and" before the last item, none in between; the looser bound nowhere.
    expect(texts[0]).toBe('Uw verzoek is goedgekeurd omdat de vertraging (2\u00a0uur en 49\u00a0minuten) minder is dan 8\u00a0uur, het kanaal de winkel is en vip in uw labels voorkomt.');
    expect(texts[1]).toBe('Ihr Antrag wurde genehmigt, weil die Verspätung (2\u00a0Stunden und 49\u00a0Minuten) weniger als 8\u00a0Stunden beträgt, der Kanal der Laden ist und Ihre Merkmale vip enthält.');
    // French says "que" again before the further reason's clause after "et".
    expect(texts[2]).toBe('Votre dossier a été accepté parce que le retard (2\u00a0heures et 49\u00a0minutes) n’atteint pas 8\u00a0heures, le canal est le magasin et que vip figure dans vos étiquettes.');
    for (const text of texts) expect(text).not.toMatch(/9\u00a0(uur|Stunden|heures)/);
  });
});

describe('a reason of many comparisons', () => {
  const facts = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, { type: 'integer', label: { en: `figure ${i}`, nl: `getal ${i}` } }]));
  const manyPolicy = (rules: { name: string; from: number; to: number }[]) =>
    definePolicy({
      id: 'many',
      version: '1',
      facts,
      outcomes: { ok: { label: { en: 'approved', nl: 'goedgekeurd' } }, no: { label: { en: 'declined', nl: 'afgewezen' }, adverse: true } },
      decision: { default: 'no' },
      rules: rules.map(({ name, from, to }) => ({
        name,
        conditions: { all: Array.from({ length: to - from }, (_, i) => ({ fact: `f${from + i}`, operator: 'greaterThan', value: 0 })) },
        event: { type: 'ok' },
      })),
    });
  const given = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, i + 1]));

  it('names its first four and says that other conditions are met too; its conditions hold them all', async () => {
    const result = await explain(manyPolicy([{ name: 'all-eight', from: 0, to: 8 }]), given, { locale: 'en', at: '2026-03-01' });
    expect(result.reasons[0]?.conditions).toHaveLength(8);
    const text = 'figure 0 (1) is more than 0, figure 1 (2) is more than 0, figure 2 (3) is more than 0, figure 3 (4) is more than 0, and other conditions are met too';
    expect(result.reasons[0]?.text).toBe(text);
    expect(result.text).toBe(`Your request has been approved because ${text}.`);
    const nl = await explain(manyPolicy([{ name: 'all-eight', from: 0, to: 8 }]), given, { locale: 'nl', at: '2026-03-01' });
    expect(nl.text).toMatch(/getal 3 \(4\) meer is dan 0 en ook aan andere voorwaarden is voldaan\.$/);
  });

  it('keeps the joined reasons of several rules as short', async () => {
    const result = await explain(manyPolicy([{ name: 'first', from: 0, to: 3 }, { name: 'second', from: 3, to: 6 }]), given, { locale: 'en', at: '2026-03-01' });
    expect(result.reasons.map((r) => r.text.split(', ').length)).toEqual([3, 3]);
    expect(result.text).toBe(
      'Your request has been approved because figure 0 (1) is more than 0, figure 1 (2) is more than 0, figure 2 (3) is more than 0, figure 3 (4) is more than 0, and other conditions are met too.',
    );
  });
});
