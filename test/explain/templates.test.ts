import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, policyInternals } from '../../src/policy/define.js';
import type { Showable } from '../../src/explain/boundary.js';
import { BUILT_IN_LOCALES, chain, makeRenderer, type TextValues } from '../../src/explain/render.js';
import { compileTemplate } from '../../src/explain/templates.js';

/**
 * Texts are rendered from templates compiled once (src/explain/templates.ts) instead of through
 * i18next's `t()` on every call. Both must give the same text: a renderer with `compile: false`
 * renders everything through i18next, and is the reference here.
 */

const policy = definePolicy({
  id: 'templates',
  version: '1',
  facts: {
    days: { type: 'integer', unit: 'day', label: { en: 'days', nl: 'dagen' } },
    total: { type: 'number', unit: 'currency', currency: 'EUR' },
    hours: { type: 'number', unit: 'hour' },
    note: { type: 'string' },
    tier: { type: 'string', enum: ['gold', 'silver'], valueLabels: { gold: { en: 'Gold', fr: 'Or' } } },
    flag: { type: 'boolean' },
    tags: { type: 'array', items: 'string' },
  },
  parameters: { limit: { value: 1234.5, unit: 'currency', currency: 'EUR' }, period: { value: 30, unit: 'day' } },
  outcomes: { ok: {}, no: { adverse: true } },
  rules: [{ name: 'r', conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: { fact: 'period' } }] }, event: { type: 'no' } }],
  decision: { default: 'ok' },
}, {
  // Strings a policy text may nest with `$t(key)`.
  resources: {
    en: { r: { late: 'the {{period}} days are over ({{days, unit}})', plain: 'no figures', nested: '$t(r.plain) and {{note}}', group: { a: 'x' } } },
    nl: { r: { late: 'de {{period}} dagen zijn voorbij ({{days, unit}})', odd: '{{{days}}}' } },
  },
});
const internals = policyInternals(policy);
type Renderer = ReturnType<typeof makeRenderer>;
/** Values as a reader who may read them all is given them (see boundary.ts). */
const said = (renderer: Renderer, given: ReadonlyMap<string, unknown>): TextValues => ({
  names: () => given.keys(),
  say: (name, unit) => (given.has(name) ? renderer.format(name as Showable, given.get(name), unit) : undefined),
});
/** One compiled renderer per locale for every run, as explain() keeps one: its caches are tested too. */
const made = new Map<string, readonly [Renderer, Renderer]>();
const renderers = (locale: string): readonly [Renderer, Renderer] => {
  const locales = chain(locale, policy.locales);
  if (!made.has(locale)) made.set(locale, [makeRenderer(internals, locale, locales), makeRenderer(internals, locale, locales, { compile: false })]);
  return made.get(locale) as readonly [Renderer, Renderer];
};

const NAMES = ['days', 'total', 'hours', 'note', 'tier', 'flag', 'tags', 'limit', 'period'] as const;
const name = fc.constantFrom(...NAMES, 'unknownName', 'days.x', 'toString');
/** Pieces of policy texts, the odd ones included: braces, dashes, commas, nesting. */
const piece = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', '{', '}', '-', ',', '$', 't', '(', ')', 'é', '\n'), maxLength: 6 }),
  name.map((n) => `{{${n}}}`),
  name.map((n) => `{{ ${n} }}`),
  name.map((n) => `{{-${n}}}`),
  name.map((n) => `{{- ${n}}}`),
  name.map((n) => `{{${n}, unit}}`),
  name.map((n) => `{{${n},unit }}`),
  name.map((n) => `{{${n}, number}}`),
  fc.constantFrom('$t(r.late)', '$t(r.plain)', '$t(r.nested)', '$t(r.group)', '$t(r.odd)', '$t(r.missing)', '$t(r.late, {"count": 2})'),
);
const valueOf: Record<(typeof NAMES)[number], fc.Arbitrary<unknown>> = {
  days: fc.integer({ min: -5, max: 400 }),
  total: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  hours: fc.double({ min: 0, max: 100, noNaN: true }),
  note: fc.oneof(fc.string(), fc.constantFrom('{{days}}', '$t(x)', '{{- note}}', '')),
  tier: fc.constantFrom('gold', 'silver'),
  flag: fc.boolean(),
  tags: fc.array(fc.string({ maxLength: 4 }), { maxLength: 7 }),
  limit: fc.constant(1234.5),
  period: fc.constant(30),
};
const values = fc
  .record(valueOf, { requiredKeys: [] })
  .map((v) => new Map<string, unknown>(Object.entries(v)));

describe('compiled templates', () => {
  it('render every policy text as i18next does, or are left to i18next', () => {
    let compiledCount = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), values, fc.constantFrom('en', 'nl', 'fr', 'de'), (pieces, given, locale) => {
        const source = pieces.join('');
        if (compileTemplate(source) !== undefined) compiledCount++;
        const [compiled, reference] = renderers(locale);
        expect(compiled.policyText(source, said(compiled, given))).toBe(reference.policyText(source, said(reference, given)));
      }),
      { numRuns: 1500 },
    );
    // The generator must reach the compiled path, not only the fallback.
    expect(compiledCount).toBeGreaterThan(400);
  });

  it('insert a value as it is, never reading it as a placeholder, in both paths', () => {
    // i18next alone fills a customer's note "{{days}}" before a `{{days, unit}}`, despite
    // `skipOnVariables`: the values it sees are tokens, swapped for the values afterwards.
    const given = new Map<string, unknown>([['note', '{{days}}'], ['days', 3]]);
    for (const renderer of renderers('en')) {
      expect(renderer.policyText('“{{note}}” after {{days, unit}}', said(renderer, given))).toBe('“{{days}}” after 3\u00a0days');
    }
  });

  it('fill a text that nests one key of the host’s bundles, as i18next does', () => {
    const given = new Map<string, unknown>([['days', 45], ['period', 30], ['note', 'n']]);
    for (const locale of ['en', 'nl', 'de']) {
      const [compiled, reference] = renderers(locale);
      for (const source of ['$t(r.late)', '$t(r.plain)', '$t(r.nested)', '$t(r.group)', '$t(r.odd)', '$t(r.missing)']) {
        expect(compiled.policyText(source, said(compiled, given)), `${locale} ${source}`).toBe(reference.policyText(source, said(reference, given)));
      }
    }
    expect(renderers('en')[0].policyText('$t(r.late)', said(renderers('en')[0], given))).toBe('the 30 days are over (45\u00a0days)');
    expect(renderers('nl')[0].policyText('$t(r.late)', said(renderers('nl')[0], given))).toBe('de 30 dagen zijn voorbij (45\u00a0dagen)');
  });

  it('leave to i18next what only it understands', () => {
    for (const source of ['$t(reasons.late)', '{{a.b}}', '{{a, number}}', '{{{a}}}', '{{ -a}}', 'x {{ a', '{{toString}}']) {
      expect(compileTemplate(source), source).toBeUndefined();
    }
    expect(compileTemplate('no placeholders')).toEqual(['no placeholders']);
    expect(compileTemplate('{{a}} and {{- b}} in {{c, unit}}')).toHaveLength(7);
  });

  it('render every built-in phrase of every locale as i18next does, plural forms included', () => {
    const flat: [string, string][] = [];
    const flatten = (node: unknown, prefix: string): void => {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (typeof v === 'string') flat.push([`${prefix}${k}`, v]);
        else flatten(v, `${prefix}${k}.`);
      }
    };
    flatten(JSON.parse(readFileSync(new URL('../../locales/en/because.json', import.meta.url), 'utf8')), '');
    const baseOf = (key: string): string => key.replace(/_(zero|one|two|few|many|other)$/, '');
    const keys = flat.map(([key]) => baseOf(key));
    const placeholders = (key: string): string[] => {
      const sources = flat.filter(([name]) => baseOf(name) === key);
      return [...new Set(sources.flatMap(([, s]) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string)))];
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...BUILT_IN_LOCALES),
        fc.constantFrom(...new Set(keys)),
        fc.oneof(fc.integer({ min: -3, max: 2_000_000 }), fc.double({ min: 0, max: 10, noNaN: true })),
        fc.string({ maxLength: 8 }),
        (locale, key, count, word) => {
          const [compiled, reference] = renderers(locale);
          const given: Record<string, unknown> = { count };
          for (const p of placeholders(key)) given[p] = p === 'number' ? String(count) : word;
          expect(compiled.phrase(key, given)).toBe(reference.phrase(key, given));
          expect(compiled.phrase(key)).toBe(reference.phrase(key));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
