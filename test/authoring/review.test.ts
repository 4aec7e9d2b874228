import fc from 'fast-check';
import { setImmediate as breathe } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { renderReview, reviewPolicy, type PolicyReview } from '../../src/authoring/index.js';
import { escapeHtml } from '../../src/authoring/review.js';
import { explainSync } from '../../src/explain/explain.js';
import { definePolicy, type Policy } from '../../src/index.js';
import type { PolicyDocument } from '../../src/policy/schema.js';
import { generatedPolicy, policyDocument } from '../helpers/arbitraries.js';

/**
 * `reviewPolicy`: the regions it states are what `explain` decides on their facts, every rule
 * that decides on some facts decides some region, the caps hold, and every format parses.
 */

const AT = '2026-03-01';

/** The regions' decisions, checked against `explain` on the region's own facts. */
function expectRegionsAgree(policy: Policy, review: PolicyReview): void {
  for (const region of review.regions) {
    const result = explainSync(policy, region.facts, { at: AT, locale: review.locales[0] ?? 'en' });
    expect({ outcome: result.outcome, decidedBy: result.decidedBy, text: result.text }).toEqual({
      outcome: region.outcome,
      decidedBy: region.decidedBy,
      text: region.texts[review.locales[0] ?? 'en']?.text,
    });
  }
}

// A fragment of the condition language whose classes of values the review cuts exactly: plain
// operators on declared facts against constants. Any rule that decides on some facts of it
// must decide some region.
const FACTS = {
  n: { type: 'number' },
  m: { type: 'integer' },
  s: { type: 'string' },
  e: { type: 'string', enum: ['x', 'y', 'z'] },
  b: { type: 'boolean' },
  list: { type: 'array', items: 'string' },
} as const;
const NUMBERS = [-1, 0, 1, 2, 2.5, 3, 10, 100];
const STRINGS = ['a', 'b', ''];
const ENUM = ['x', 'y', 'z'];
const numericLeaf = fc.record({
  fact: fc.constantFrom('n', 'm'),
  operator: fc.constantFrom('equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn'),
  n: fc.constantFrom(...NUMBERS),
  list: fc.uniqueArray(fc.constantFrom(...NUMBERS), { minLength: 1, maxLength: 3 }),
}).map(({ fact, operator, n, list }) => ({ fact, operator, value: operator.endsWith('In') || operator === 'in' ? list : fact === 'm' ? Math.round(n) : n }));
const stringLeaf = fc.record({
  fact: fc.constantFrom('s', 'e'),
  operator: fc.constantFrom('equal', 'notEqual', 'in', 'notIn'),
  pick: fc.nat(2),
  list: fc.uniqueArray(fc.nat(2), { minLength: 1, maxLength: 2 }),
}).map(({ fact, operator, pick, list }) => {
  const pool = fact === 's' ? STRINGS : ENUM;
  return { fact, operator, value: operator === 'in' || operator === 'notIn' ? list.map((i) => pool[i] as string) : (pool[pick] as string) };
});
const booleanLeaf = fc.record({ fact: fc.constant('b'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.boolean() });
const listLeaf = fc.record({ fact: fc.constant('list'), operator: fc.constantFrom('contains', 'doesNotContain'), value: fc.constantFrom(...STRINGS) });
const leaf = fc.oneof(numericLeaf, stringLeaf, booleanLeaf, listLeaf);
const tree: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf as fc.Arbitrary<Record<string, unknown>>,
    fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;
const plainPolicy = fc
  .record({
    rules: fc.array(fc.record({ conditions: fc.record({ all: fc.array(tree, { minLength: 1, maxLength: 3 }) }), outcome: fc.constantFrom('approve', 'deny', 'refer'), priority: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 5 }),
    strategy: fc.constantFrom('priority', 'adverse-overrides', 'first'),
    fallback: fc.option(fc.constantFrom('approve', 'deny', 'refer'), { nil: undefined }),
  })
  .map(({ rules, strategy, fallback }) => ({
    id: 'plain',
    version: '1',
    facts: FACTS,
    outcomes: { approve: {}, deny: { adverse: true }, refer: { human: true } },
    decision: fallback === undefined ? { strategy } : { strategy, default: fallback },
    rules: rules.map((r, i) => ({ name: `rule-${i}`, priority: r.priority, conditions: r.conditions, event: { type: r.outcome } })),
  }));
const plainFacts = fc.record({
  n: fc.constantFrom(...NUMBERS, 1.5, 50, 1000, -5),
  m: fc.integer({ min: -3, max: 120 }),
  s: fc.constantFrom(...STRINGS, 'zz', 'ab'),
  e: fc.constantFrom(...ENUM),
  b: fc.boolean(),
  list: fc.subarray(['a', 'b', '', 'c']),
});

function definePlain(doc: unknown): Policy | undefined {
  try {
    return definePolicy(doc);
  } catch {
    return undefined; // a comparison definePolicy refuses (a list operator on a number): not this property's concern
  }
}

describe('reviewPolicy on generated policies', () => {
  // Each run yields to the event loop first: a long synchronous property starves vitest's worker.
  it('states for each region the outcome, deciding rule and text explain gives on its facts', async () => {
    await fc.assert(
      fc.asyncProperty(policyDocument, async (doc) => {
        await breathe();
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        const review = reviewPolicy(policy, { at: AT, locales: ['en'], maxRegions: 15, maxEvaluations: 300 });
        expect(review.regions.length).toBeGreaterThan(0);
        expect(review.regions.length).toBeLessThanOrEqual(15);
        expectRegionsAgree(policy, review);
      }),
      { numRuns: 30 },
    );
  });

  it('makes every rule that decides on some facts the deciding rule of a region', async () => {
    await fc.assert(
      fc.asyncProperty(plainPolicy, fc.array(plainFacts, { minLength: 1, maxLength: 20 }), async (doc, factSets) => {
        await breathe();
        const policy = definePlain(doc);
        if (policy === undefined) return;
        // A cap on the regions keeps one region of each deciding rule first: it may stop here.
        const review = reviewPolicy(policy, { at: AT, locales: ['en'], maxRegions: 20, maxEvaluations: 20_000 });
        expect(review.limited?.by).not.toBe('evaluations');
        const decisions = new Set(review.regions.map((r) => `${r.outcome} ${r.decidedBy}`));
        for (const facts of factSets) {
          const result = explainSync(policy, facts, { at: AT });
          expect(decisions, JSON.stringify(facts)).toContain(`${result.outcome} ${result.decidedBy}`);
        }
        expectRegionsAgree(policy, review);
      }),
      { numRuns: 30 },
    );
  });

  it('is the same review twice', async () => {
    await fc.assert(
      fc.asyncProperty(policyDocument, async (doc) => {
        await breathe();
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        const options = { at: AT, locales: ['en'], maxRegions: 20, maxEvaluations: 100 };
        expect(JSON.stringify(reviewPolicy(policy, options))).toBe(JSON.stringify(reviewPolicy(policy, options)));
      }),
      { numRuns: 20 },
    );
  });
});

describe('reviewPolicy: regions of a small policy', () => {
  const policy = definePolicy({
    id: 'small',
    version: '1',
    facts: {
      days: { type: 'integer', unit: 'day', label: { en: 'the days since purchase', nl: 'het aantal dagen sinds aankoop' }, question: { en: 'How many days ago?', nl: 'Hoeveel dagen geleden?' } },
      damaged: { type: 'boolean', label: { en: 'damage', nl: 'schade' }, question: { en: 'Was it damaged?', nl: 'Was het beschadigd?' } },
    },
    outcomes: { approve: { label: { en: 'approved', nl: 'goedgekeurd' } }, deny: { adverse: true, label: { en: 'declined', nl: 'afgewezen' } } },
    decision: { default: 'approve' },
    rules: [
      { name: 'damaged', priority: 2, conditions: { all: [{ fact: 'damaged', operator: 'equal', value: true }] }, event: { type: 'approve' }, because: { en: 'it arrived damaged', nl: 'het beschadigd aankwam' } },
      { name: 'late', priority: 1, conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 30 }] }, event: { type: 'deny' }, because: { en: 'the 30 days are over', nl: 'de 30 dagen voorbij zijn' } },
    ],
  });
  const review = reviewPolicy(policy, { at: AT });

  it('finds each deciding rule, the default and the undecided regions, in the order of the rules', () => {
    expect(review.locales).toEqual(['en', 'nl', 'nl-BE']);
    expect(review.regions.map((r) => [r.outcome, r.decidedBy, r.facts, r.missing])).toEqual([
      ['approve', 'damaged', { damaged: true, days: 30 }, []],
      ['deny', 'late', { damaged: false, days: 31 }, []],
      ['approve', null, { damaged: false, days: 30 }, []],
      ['undecided', null, {}, ['damaged', 'days']],
      ['undecided', null, { damaged: false }, ['days']],
    ]);
    expect(review.regions.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives the why-not toward each better outcome, the counterfactuals, the questions and the escalation', () => {
    const deny = review.regions[1];
    expect(deny?.texts['en']?.whyNot.map((w) => w.outcome)).toEqual(['approve']);
    expect(deny?.texts['en']?.counterfactuals.length).toBeGreaterThan(0);
    expect(deny?.texts['en']?.escalation).toBeDefined();
    expect(review.regions[0]?.texts['en']?.whyNot).toEqual([]);
    expect(review.regions[0]?.texts['en']?.escalation).toBeUndefined();
    expect(review.regions[3]?.texts['nl']?.questions).toEqual([
      { fact: 'damaged', question: 'Was het beschadigd?' },
      { fact: 'days', question: 'Hoeveel dagen geleden?' },
    ]);
  });

  it('stops at the cap it was given, and says so', () => {
    const capped = reviewPolicy(policy, { at: AT, maxRegions: 2 });
    expect(capped.regions).toHaveLength(2);
    expect(capped.limited).toEqual({ by: 'regions', maxRegions: 2, maxEvaluations: 5000 });
    expect(renderReview(capped)).toMatch(/stopped at its cap/);
    expect(review.limited).toBeUndefined();
  });
});

describe('reviewPolicy on a policy of 1,000 rules', () => {
  const rules = Array.from({ length: 1000 }, (_x, i) => ({
    name: `r${i}`,
    priority: 1 + (i % 7),
    conditions: { all: [{ fact: `f${i % 40}`, operator: i % 2 === 0 ? 'greaterThan' : 'lessThan', value: i }, { fact: `g${i % 13}`, operator: 'equal', value: i % 3 === 0 }] },
    event: { type: i % 3 === 0 ? 'deny' : 'approve' },
  }));
  const facts = Object.fromEntries([...Array.from({ length: 40 }, (_x, i) => [`f${i}`, { type: 'number' }]), ...Array.from({ length: 13 }, (_x, i) => [`g${i}`, { type: 'boolean' }])]);
  const policy = definePolicy({ id: 'large', version: '1', facts, outcomes: { approve: {}, deny: { adverse: true } }, rules });

  it('keeps to its caps and is deterministic', () => {
    const options = { locales: ['en'], maxRegions: 25, maxEvaluations: 400 };
    const review = reviewPolicy(policy, options);
    expect(review.regions.length).toBeLessThanOrEqual(25);
    expect(review.evaluated).toBeLessThanOrEqual(400);
    expect(review.limited).toEqual({ by: 'evaluations', maxRegions: 25, maxEvaluations: 400 });
    expect(JSON.stringify(reviewPolicy(policy, options))).toBe(JSON.stringify(review));
  });
});

describe('renderReview', () => {
  const nasty = `<script>alert("x")</script> & 'quotes' <b onclick="y">`;
  const doc = {
    id: 'nasty',
    version: '1',
    facts: {
      kind: { type: 'string', enum: ['<i>', 'plain, "quoted"'], label: nasty, question: `${nasty}?` },
      flag: { type: 'boolean', label: nasty },
    },
    outcomes: { approve: { label: nasty }, deny: { adverse: true, label: `${nasty} no` } },
    texts: { escalation: `${nasty} escalation` },
    rules: [
      { name: 'one', conditions: { all: [{ fact: 'kind', operator: 'equal', value: '<i>' }] }, event: { type: 'deny' }, because: `${nasty}\nline two` },
      { name: 'two', conditions: { all: [{ fact: 'flag', operator: 'equal', value: true }] }, event: { type: 'approve' } },
    ],
  } as unknown as PolicyDocument;
  const policy = definePolicy(doc);
  const review = reviewPolicy(policy, { at: AT });

  it('writes JSON that parses back to the review', () => {
    expect(JSON.parse(renderReview(review, 'json'))).toEqual(JSON.parse(JSON.stringify(review)));
  });

  it('writes CSV with the same number of columns on every row, quotes and line breaks included', () => {
    const rows = parseCsv(renderReview(review, 'csv'));
    expect(rows[0]).toEqual(['region', 'outcome', 'decidedBy', 'facts', 'locale', 'kind', 'about', 'text']);
    expect(rows.length).toBeGreaterThan(review.regions.length);
    for (const row of rows) expect(row).toHaveLength(8);
    expect(rows.some((row) => row[7]?.includes(nasty))).toBe(true);
    const facts = rows.filter((row) => row[0] === '1').map((row) => JSON.parse(row[3] as string) as unknown);
    expect(facts[0]).toEqual(review.regions[0]?.facts);
  });

  it('escapes every policy text in HTML', () => {
    const html = renderReview(review, 'html');
    expect(html).not.toMatch(/<script|<i>|<b onclick| onclick="/);
    expect(html).toContain(escapeHtml(nasty));
    // Every tag is one of the page's own.
    for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(/^<\/?(!doctype html|html|head|meta|title|style|body|h1|h2|p|ul|li|b|code|table|thead|tbody|tr|th|td)(\s[^<>]*)?>$/);
  });

  it('escapes any text in HTML: the page has as many tags as with the same text made harmless', async () => {
    const safe = fc.string({ maxLength: 30 }).filter((s) => !/[{}$\\]/.test(s) && s.trim() !== '');
    await fc.assert(
      fc.asyncProperty(safe, async (because) => {
        await breathe();
        const render = (b: string): string =>
          renderReview(reviewPolicy(definePolicy({ ...doc, rules: [{ ...doc.rules[0], because: b }, doc.rules[1]] } as unknown as PolicyDocument), { at: AT, locales: ['en'] }), 'html');
        const count = (s: string, c: string): number => s.split(c).length - 1;
        const html = render(because);
        const harmless = render(because.replace(/[<>&"']/g, 'x'));
        for (const c of ['<', '>', '"']) expect(count(html, c)).toBe(count(harmless, c));
      }),
      { numRuns: 25 },
    );
  });

  it('writes Markdown with one text a line, in every locale', () => {
    const md = renderReview(review);
    expect(md).toMatch(/^# Review of `nasty` 1\n/);
    expect(md).toContain('line two');
    expect(md).not.toMatch(/\nline two/);
    const lines = md.split('\n').filter((l) => l.startsWith('- text: '));
    expect(lines).toHaveLength(review.regions.length * review.locales.length);
  });
});

/** RFC 4180 rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  expect(cell).toBe('');
  return rows;
}
