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

describe('a lower and an upper bound of one fact', () => {
  const rangePolicy = (rules: unknown[], parameters: Record<string, unknown> = {}) =>
    definePolicy({
      id: 'range',
      version: '1',
      facts: { delay: { type: 'integer', unit: 'minute', label: { en: 'the delay', nl: 'de vertraging', de: 'die Verspätung', fr: 'le retard' } } },
      parameters,
      outcomes: { ok: { label: { en: 'approved', nl: 'goedgekeurd', de: 'genehmigt', fr: 'accepté' } }, no: { label: { en: 'declined', nl: 'afgewezen', de: 'abgelehnt', fr: 'refusé' }, adverse: true } },
      decision: { default: 'no' },
      rules: rules as never,
    });
  const at = '2026-03-01';
  const lower = { fact: 'delay', operator: 'greaterThanInclusive', value: 60 };
  const upper = { fact: 'delay', operator: 'lessThan', value: 480 };

  it('are said as one "between" in every built-in language, whichever comes first', async () => {
    for (const conditions of [[lower, upper], [upper, lower]]) {
      const p = rangePolicy([{ name: 'window', conditions: { all: conditions }, event: { type: 'ok' } }]);
      const texts = await Promise.all(['en', 'nl', 'de', 'fr'].map(async (locale) => (await explain(p, { delay: 169 }, { locale, at })).text));
      expect(texts).toEqual([
        'Your request has been approved because the delay (2\u00a0hours and 49\u00a0minutes) is between 1\u00a0hour and 8\u00a0hours.',
        'Uw verzoek is goedgekeurd omdat de vertraging (2\u00a0uur en 49\u00a0minuten) tussen 1\u00a0uur en 8\u00a0uur ligt.',
        'Ihr Antrag wurde genehmigt, weil die Verspätung (2\u00a0Stunden und 49\u00a0Minuten) zwischen 1\u00a0Stunde und 8\u00a0Stunden liegt.',
        'Votre dossier a été accepté parce que le retard (2\u00a0heures et 49\u00a0minutes) se situe entre 1\u00a0heure et 8\u00a0heures.',
      ]);
    }
  });

  it('are joined across two reasons, the tighter bound of each side kept', async () => {
    const p = rangePolicy([
      { name: 'not-too-short', priority: 2, conditions: { all: [lower, { fact: 'delay', operator: 'lessThan', value: 600 }] }, event: { type: 'ok' } },
      { name: 'not-too-long', priority: 1, conditions: { all: [upper] }, event: { type: 'ok' } },
    ]);
    const result = await explain(p, { delay: 169 }, { locale: 'en', at });
    expect(result.reasons.map((r) => r.rule)).toEqual(['not-too-short', 'not-too-long']);
    // Each reason on its own says its own bounds; the text says the range once.
    expect(result.reasons[0]?.text).toBe('the delay (2\u00a0hours and 49\u00a0minutes) is between 1\u00a0hour and 10\u00a0hours');
    expect(result.text).toBe('Your request has been approved because the delay (2\u00a0hours and 49\u00a0minutes) is between 1\u00a0hour and 8\u00a0hours.');
  });

  it('stay apart where there are two on one side, and give no figure a rule keeps to itself', async () => {
    const hidden = rangePolicy(
      [{ name: 'window', conditions: { all: [lower, { fact: 'delay', operator: 'lessThan', value: { fact: 'cap' } }] }, event: { type: 'ok' } }],
      { cap: { value: 480, internal: true } },
    );
    // A rule that reads an internal parameter gives no figure of it.
    expect((await explain(hidden, { delay: 169 }, { locale: 'en', at })).text).not.toMatch(/between|8\u00a0hours|480/);
    const open = rangePolicy([{ name: 'window', conditions: { all: [lower, { fact: 'delay', operator: 'greaterThan', value: 30 }] }, event: { type: 'ok' } }]);
    expect((await explain(open, { delay: 169 }, { locale: 'en', at })).text).toBe('Your request has been approved because the delay (2\u00a0hours and 49\u00a0minutes) is at least 1\u00a0hour.');
  });

  it('say the figure where they meet', async () => {
    const p = rangePolicy([{ name: 'exact', conditions: { all: [{ fact: 'delay', operator: 'lessThanInclusive', value: 60 }, lower] }, event: { type: 'ok' } }]);
    expect((await explain(p, { delay: 60 }, { locale: 'en', at })).text).toBe('Your request has been approved because the delay is 1\u00a0hour.');
  });

  it('says a bound that is a parameter or another fact with its figure, as a comparison with it says it', async () => {
    const other = definePolicy({
      id: 'range-fact',
      version: '1',
      facts: { delay: { type: 'integer', unit: 'minute', label: { en: 'the delay' } }, limit: { type: 'integer', unit: 'minute', label: { en: 'your limit' } } },
      outcomes: { ok: { label: { en: 'approved' } }, no: { label: { en: 'declined' }, adverse: true } },
      decision: { default: 'no' },
      rules: [{ name: 'window', conditions: { all: [lower, { fact: 'delay', operator: 'lessThan', value: { fact: 'limit' } }] }, event: { type: 'ok' } }],
    });
    expect((await explain(other, { delay: 169, limit: 300 }, { locale: 'en', at })).text).toBe('Your request has been approved because the delay (2\u00a0hours and 49\u00a0minutes) is between 1\u00a0hour and 5\u00a0hours.');
    const p = rangePolicy(
      [{ name: 'window', conditions: { all: [lower, { fact: 'delay', operator: 'lessThanInclusive', value: { fact: 'cap' } }] }, event: { type: 'ok' } }],
      { cap: { value: 480, unit: 'minute', label: { en: 'the longest delay' } } },
    );
    expect((await explain(p, { delay: 169 }, { locale: 'en', at })).text).toBe('Your request has been approved because the delay (2\u00a0hours and 49\u00a0minutes) is between 1\u00a0hour and 8\u00a0hours.');
  });
});

describe('bounds of one fact, in any number and order', () => {
  it('say the tightest of each side, as "between" when there is one of each', async () => {
    const bound = fc.record({ operator: fc.constantFrom(...BOUNDS), value: fc.integer({ min: -50, max: 50 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(bound, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: -60, max: 60 }), async (bounds, split, x) => {
        fc.pre(bounds.every((b) => holds(b.operator, x, b.value)));
        // The bounds spread over up to three rules for the same outcome.
        const rules = Array.from({ length: Math.min(split, bounds.length) }, (_, k) => ({
          name: `r${k}`,
          priority: 10 - k,
          conditions: { all: bounds.filter((_, i) => i % Math.min(split, bounds.length) === k).map((b) => ({ fact: 'x', ...b })) },
          event: { type: 'ok' },
        }));
        const p = definePolicy({
          id: 'bounds',
          version: '1',
          facts: { x: { type: 'integer', label: { en: 'the figure' } } },
          outcomes: { ok: { label: { en: 'approved' } }, no: { label: { en: 'declined' }, adverse: true } },
          decision: { default: 'no' },
          rules,
        });
        const text = (await explain(p, { x }, { locale: 'en', at: '2026-03-01' })).text;
        const lowers = bounds.filter((b) => b.operator.startsWith('greater'));
        const uppers = bounds.filter((b) => b.operator.startsWith('less'));
        // The tightest of a side: the largest lower, the smallest upper (strict before inclusive at a tie).
        const tight = (side: typeof bounds, up: boolean) =>
          side.reduce((a, b) => (a.value !== b.value ? ((up ? b.value < a.value : b.value > a.value) ? b : a) : b.operator.endsWith('Inclusive') ? a : b));
        const low = lowers.length > 0 ? tight(lowers, false) : undefined;
        const high = uppers.length > 0 ? tight(uppers, true) : undefined;
        // The figures the text names besides the figure's own value.
        const figures = [...text.replace(`the figure (${x})`, '').matchAll(/-?\d+/g)].map((m) => Number(m[0]));
        if (low !== undefined && high !== undefined && low.value === high.value) expect(text).toBe(`Your request has been approved because the figure is ${x}.`);
        else if (low !== undefined && high !== undefined) {
          expect(text).toContain(` is between ${low.value} and ${high.value}`);
          expect(figures).toEqual([low.value, high.value]);
        } else expect(figures).toEqual([(low ?? high)?.value]);
      }),
      { numRuns: 300 },
    );
  });
});
