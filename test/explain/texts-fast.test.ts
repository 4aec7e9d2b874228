import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, type Policy } from '../../src/index.js';
import { evaluateRules, leavesOf } from '../../src/evaluate/evaluate.js';
import { readFacts } from '../../src/evaluate/facts.js';
import { boundaryFor, type Showable } from '../../src/explain/boundary.js';
import { BUILT_IN_LOCALES, chain, makeRenderer, phraseKey, type TextValues } from '../../src/explain/render.js';
import { policyInternals } from '../../src/policy/define.js';
import type { PolicyDocument } from '../../src/policy/schema.js';
import { generatedPolicy, partialFacts, policyDocument } from '../helpers/arbitraries.js';

/**
 * The texts of `explain()` are made from caches kept per policy and locale (renderers, merged
 * condition phrases, labels, formatted numbers with their units, phrase keys). Two properties
 * hold them to the slow paths they replace:
 * - a condition phrased by a renderer with compiled, merged templates reads as one phrased by a
 *   renderer that renders every phrase through i18next and phrases each condition afresh;
 * - a result of a policy whose caches hold the texts of many earlier calls (other facts,
 *   locales, audiences) is the result of a fresh policy with empty caches.
 * The generated policies are decorated with what texts read: labels in several languages,
 * units and currencies, statements (`says`) and value labels.
 */

const UNITS = [undefined, 'day', 'hour', 'minute', 'km', 'percent', 'currency', 'month'] as const;
const LOCALES = ['en', 'nl', 'nl-BE', 'de', 'fr'] as const;

interface Decoration {
  readonly nUnit: (typeof UNITS)[number];
  readonly mUnit: (typeof UNITS)[number];
  readonly currency: 'EUR' | 'GBP';
  readonly labels: boolean;
  readonly says: boolean;
  readonly valueLabels: boolean;
  readonly limitUnit: (typeof UNITS)[number];
}

const decoration: fc.Arbitrary<Decoration> = fc.record({
  nUnit: fc.constantFrom(...UNITS),
  mUnit: fc.constantFrom(...UNITS),
  currency: fc.constantFrom('EUR' as const, 'GBP' as const),
  labels: fc.boolean(),
  says: fc.boolean(),
  valueLabels: fc.boolean(),
  limitUnit: fc.constantFrom(...UNITS),
});

const label = (en: string): Record<string, string> => ({ en, nl: `${en} (nl)`, de: `${en} (de)`, fr: `${en} (fr)` });

function decorate(doc: PolicyDocument, d: Decoration): PolicyDocument {
  const facts = structuredClone(doc.facts) as Record<string, Record<string, unknown>>;
  const unit = (fact: Record<string, unknown>, u: (typeof UNITS)[number]): void => {
    if (u === undefined) return;
    fact['unit'] = u;
    if (u === 'currency') fact['currency'] = d.currency;
  };
  unit(facts['n'] as Record<string, unknown>, d.nUnit);
  unit(facts['m'] as Record<string, unknown>, d.mUnit);
  if (d.labels) {
    for (const name of ['n', 'm', 's', 'b', 'list']) (facts[name] as Record<string, unknown>)['label'] = label(`the ${name} value`);
  }
  if (d.says) {
    (facts['b'] as Record<string, unknown>)['says'] = {
      true: { en: 'b holds with {{n, unit}}', nl: 'b geldt', de: 'b gilt', fr: 'b est vrai' },
      false: { en: 'b does not hold', nl: 'b geldt niet', de: 'b gilt nicht', fr: 'b est faux' },
    };
  }
  if (d.valueLabels) {
    (facts['s'] as Record<string, unknown>)['enum'] = ['a', 'b', '', '1', 'ab'];
    (facts['s'] as Record<string, unknown>)['valueLabels'] = { a: label('Alpha'), ab: { en: 'A-B', de: 'A–B' } };
  }
  const parameters = structuredClone(doc.parameters) as Record<string, Record<string, unknown>>;
  const limit = parameters['limit'] as Record<string, unknown>;
  if (typeof limit['value'] === 'number' && d.limitUnit !== undefined) {
    limit['unit'] = d.limitUnit;
    if (d.limitUnit === 'currency') limit['currency'] = d.currency;
  }
  if (d.labels) limit['label'] = label('the limit');
  return { ...doc, facts, parameters } as unknown as PolicyDocument;
}

/** A decorated policy, or `undefined` when definePolicy refuses it (operand types that never compare, or a decoration that does not fit). */
function decoratedPolicy(doc: PolicyDocument, d: Decoration): { policy: Policy; doc: PolicyDocument } | undefined {
  const decorated = decorate(doc, d);
  try {
    const policy = generatedPolicy(decorated);
    return policy === undefined ? undefined : { policy, doc: decorated };
  } catch {
    // A value label or unit the generated document's values do not fit: not what is tested here.
    const policy = generatedPolicy(doc);
    return policy === undefined ? undefined : { policy, doc };
  }
}

const options = fc.record({
  locale: fc.constantFrom(...LOCALES),
  audience: fc.constantFrom('customer' as const, 'agent' as const),
  redact: fc.boolean(),
  searchBudget: fc.constantFrom(0, 40, 400),
  whyNot: fc.constantFrom(undefined, 'approve', 'deny', 'refer'),
});

describe('condition phrases from merged templates', () => {
  it('read as the phrases rendered through i18next and phrased afresh, in every mood, locale and audience', () => {
    let merged = 0;
    fc.assert(
      fc.property(policyDocument, decoration, fc.array(partialFacts, { minLength: 1, maxLength: 4 }), (raw, d, factSets) => {
        const made = decoratedPolicy(raw, d);
        if (made === undefined) return;
        const internals = policyInternals(made.policy);
        for (const locale of BUILT_IN_LOCALES) {
          const locales = chain(locale, made.policy.locales);
          const fast = makeRenderer(internals, locale, locales);
          const slow = makeRenderer(internals, locale, locales, { compile: false });
          for (const facts of factSets) {
            const given = readFacts(internals.document, facts, false);
            const evaluation = evaluateRules(internals.rules, { facts: given, parameters: internals.parameters }, false);
            const values = (r: typeof fast): TextValues => ({
              names: () => given.keys(),
              say: (name, unit) => (given.has(name) ? r.format(name as Showable, given.get(name), unit) : undefined),
            });
            for (const e of evaluation.rules) {
              for (const leaf of leavesOf(e.trace, e.shared)) {
                for (const [audience, redact] of [['customer', true], ['agent', false], ['agent', true]] as const) {
                  const sayable = boundaryFor(internals, audience, redact).leaf(leaf, false);
                  if (sayable === undefined) continue;
                  for (const mood of ['condition', 'needs'] as const) {
                    const text = fast.condition(sayable, mood, values(fast));
                    expect(text, `${locale} ${mood} ${JSON.stringify(leaf)}`).toBe(slow.condition(sayable, mood, values(slow)));
                    merged++;
                  }
                }
              }
            }
          }
        }
      }),
      { numRuns: 150 },
    );
    expect(merged).toBeGreaterThan(1000);
  });
});

describe('texts from warm caches', () => {
  it('are the texts of a fresh policy with empty caches', async () => {
    await fc.assert(
      fc.asyncProperty(policyDocument, decoration, fc.array(fc.tuple(partialFacts, options), { minLength: 2, maxLength: 8 }), async (raw, d, calls) => {
        const made = decoratedPolicy(raw, d);
        if (made === undefined) return;
        // One policy for every call: each call meets the caches the calls before it filled.
        const warm = made.policy;
        for (const [facts, opts] of calls) {
          const cleaned = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
          const fresh = definePolicy(made.doc);
          const [a, b] = await Promise.all([
            explain(warm, facts, { at: '2026-03-01', ...cleaned }).catch((error: Error) => `error ${error.message}`),
            explain(fresh, facts, { at: '2026-03-01', ...cleaned }).catch((error: Error) => `error ${error.message}`),
          ]);
          expect(a).toEqual(b);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('say each number with its unit as Intl does, whichever numbers were said before', async () => {
    const policy = definePolicy({
      id: 'units',
      version: '1',
      facts: {
        hours: { type: 'number', unit: 'hour', label: { en: 'delay', nl: 'vertraging' } },
        price: { type: 'number', unit: 'currency', currency: 'GBP' },
        km: { type: 'number', unit: 'km' },
      },
      outcomes: { ok: {}, no: { adverse: true } },
      rules: [
        { name: 'late', conditions: { all: [{ fact: 'hours', operator: 'greaterThan', value: 2.5 }] }, event: { type: 'no' } },
        { name: 'dear', conditions: { all: [{ fact: 'price', operator: 'greaterThan', value: 10 }] }, event: { type: 'no' } },
        { name: 'far', conditions: { all: [{ fact: 'km', operator: 'greaterThan', value: 5 }] }, event: { type: 'no' } },
      ],
      decision: { default: 'ok' },
    });
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.constantFrom(...LOCALES),
        async (hours, price, km, locale) => {
          const facts = { hours, price, km };
          const a = await explain(policy, facts, { locale, audience: 'agent', searchBudget: 0 });
          const b = await explain(definePolicy(policyInternals(policy).document), facts, { locale, audience: 'agent', searchBudget: 0 });
          expect(a.reasons.map((r) => r.text)).toEqual(b.reasons.map((r) => r.text));
          expect(a.text).toBe(b.text);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('phrase keys', () => {
  it('are prefix and suffix joined, the same string each time, and stay right past the bound', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (prefix, suffix) => {
        expect(phraseKey(prefix, suffix)).toBe(prefix + suffix);
        expect(phraseKey(prefix, suffix)).toBe(phraseKey(prefix, suffix));
      }),
    );
    for (let i = 0; i < 10_000; i++) expect(phraseKey('k.', String(i))).toBe(`k.${i}`);
    expect(phraseKey('condition.', 'equal')).toBe('condition.equal');
  });
});
