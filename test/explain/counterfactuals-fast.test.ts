import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, type Policy } from '../../src/index.js';
import { decideOutcome, outcomeOfTruths, strategyOrder } from '../../src/decide/decide.js';
import { evaluateRules, nextFacts, truthOf, truthProgram, truthScope, type Meter, type RuleEvaluation } from '../../src/evaluate/evaluate.js';
import { readFacts } from '../../src/evaluate/facts.js';
import {
  candidateLeaves,
  findCounterfactuals,
  leafCandidates,
  MAX_COUNTERFACTUALS,
  MAX_PAIR_EVALUATIONS,
  NEAREST_PER_SIDE,
  rank,
  searchMayFind,
  searchStepBound,
  STEPS_PER_TRY,
  type CounterfactualSearch,
  type FactChange,
  type FoundCounterfactual,
} from '../../src/explain/counterfactuals.js';
import { UNDECIDED } from '../../src/policy/check.js';
import { leavesUnder } from '../../src/policy/compile.js';
import { policyInternals, type PolicyInternals } from '../../src/policy/define.js';
import type { FactDeclaration } from '../../src/policy/schema.js';
import type { Truth } from '../../src/result/schema.js';
import { completeFacts, conditionTree, generatedPolicy, partialFacts, policyDocument } from '../helpers/arbitraries.js';
import { TEST_OPERATORS } from '../helpers/custom-operators.js';

/**
 * The counterfactual search evaluates candidates with truth functions made once per policy,
 * re-evaluates only the rules that read a changed fact, draws the outcome from the rules' truths,
 * works out candidate values of constant comparisons once per policy and skips the candidate
 * list when there is no budget. Here it is held, on random policies (shared conditions, pairs,
 * every operator and decorator, partial facts, custom operators, tight budgets), to the search
 * written out plainly: every candidate value worked out per call, every try a full
 * `evaluateRules` on a copy of the facts and `decideOutcome`, steps counted by `truthOf`.
 */

/** The search as it was written before it was made fast: the reference. */
function referenceSearch(
  internals: PolicyInternals,
  given: ReadonlyMap<string, unknown>,
  base: readonly RuleEvaluation[],
  currentOutcome: string,
  { onlyBetter = false, budget = Infinity }: { readonly onlyBetter?: boolean; readonly budget?: number } = {},
): CounterfactualSearch {
  const none = { found: [], limited: false, steps: 0, tries: 0 };
  if (currentOutcome === UNDECIDED || candidateLeaves(internals).length === 0) return none;
  const doc = internals.document;
  const wanted = (outcome: string): boolean =>
    outcome !== currentOutcome && outcome !== UNDECIDED && (!onlyBetter || rank(doc, outcome) < rank(doc, currentOutcome));
  const candidates = referenceCandidates(internals, given);
  if (candidates.size === 0) return none;
  const readers = new Map<string, number[]>();
  internals.rules.forEach((rule, index) => {
    const facts = new Set<string>();
    for (const leaf of leavesUnder(rule.root)) {
      if (!leaf.parameter) facts.add(leaf.fact);
      if ('read' in leaf.value && !leaf.value.read.parameter) facts.add(leaf.value.read.fact);
    }
    for (const fact of facts) readers.set(fact, [...(readers.get(fact) ?? []), index]);
  });
  const meter: Meter = { steps: 0 };
  let limited = false;
  let tries = 0;
  const affordable = (): boolean => {
    if (meter.steps >= budget) limited = true;
    else tries++;
    return !limited;
  };
  const outcomeOf = (fact: string, to: unknown, fact2?: string, to2?: unknown): string => {
    const changed = new Map(given);
    changed.set(fact, to);
    if (fact2 !== undefined) changed.set(fact2, to2);
    const source = { facts: changed, parameters: internals.parameters };
    // What the search counts: the nodes of the rules reading a changed fact, each shared condition once.
    const memo = new Map<string, Truth>();
    for (const index of readers.get(fact) ?? []) truthOf((internals.rules[index] as (typeof internals.rules)[number]).root, source, memo, meter);
    if (fact2 !== undefined) for (const index of readers.get(fact2) ?? []) truthOf((internals.rules[index] as (typeof internals.rules)[number]).root, source, memo, meter);
    meter.steps += base.length + STEPS_PER_TRY;
    return decideOutcome(evaluateRules(internals.rules, source).rules, doc).outcome;
  };
  type Single = FactChange & { outcome: string; distance: number };
  const best = new Map<string, Single>();
  const tried: { change: FactChange; outcome: string }[] = [];
  singles: for (const [fact, values] of candidates) {
    const from = given.get(fact);
    for (const to of values) {
      if (sameValue(to, from)) continue;
      if (!affordable()) break singles;
      const outcome = outcomeOf(fact, to);
      tried.push({ change: { fact, from, to }, outcome });
      if (!wanted(outcome)) continue;
      const distance = distanceOf(doc.facts[fact], from, to);
      const key = `${fact}\u0000${outcome}`;
      const previous = best.get(key);
      if (previous === undefined || distance < previous.distance) best.set(key, { fact, from, to, outcome, distance });
    }
  }
  const singles = [...best.values()].sort((a, b) => rank(doc, a.outcome) - rank(doc, b.outcome) || a.distance - b.distance);
  const found: (FoundCounterfactual & { distance: number })[] = singles.map((s) => ({ changes: [{ fact: s.fact, from: s.from, to: s.to }], outcome: s.outcome, distance: s.distance }));
  if (found.length < MAX_COUNTERFACTUALS && !limited) {
    const alone = new Set(singles.map((s) => `${s.fact}\u0000${s.outcome}`));
    const pairs = new Map<string, FoundCounterfactual & { distance: number }>();
    let pairsLeft = MAX_PAIR_EVALUATIONS;
    outer: for (let i = 0; i < tried.length; i++) {
      for (let j = i + 1; j < tried.length; j++) {
        const a = tried[i] as (typeof tried)[number];
        const b = tried[j] as (typeof tried)[number];
        if (a.change.fact === b.change.fact) continue;
        if (pairsLeft-- <= 0 || !affordable()) break outer;
        const outcome = outcomeOf(a.change.fact, a.change.to, b.change.fact, b.change.to);
        if (!wanted(outcome) || alone.has(`${a.change.fact}\u0000${outcome}`) || alone.has(`${b.change.fact}\u0000${outcome}`)) continue;
        const distance = distanceOf(doc.facts[a.change.fact], a.change.from, a.change.to) + distanceOf(doc.facts[b.change.fact], b.change.from, b.change.to);
        const key = `${a.change.fact}\u0000${b.change.fact}\u0000${outcome}`;
        const previous = pairs.get(key);
        if (previous === undefined || distance < previous.distance) pairs.set(key, { changes: [a.change, b.change], outcome, distance });
      }
    }
    for (const pair of [...pairs.values()].sort((a, b) => rank(doc, a.outcome) - rank(doc, b.outcome) || a.distance - b.distance)) found.push(pair);
  }
  return { found: found.slice(0, MAX_COUNTERFACTUALS).map(({ changes, outcome }) => ({ changes, outcome })), limited, steps: meter.steps, tries };
}

/** Every candidate value worked out on the call, each once per fact, in the order of the conditions. */
function referenceCandidates(internals: PolicyInternals, given: ReadonlyMap<string, unknown>): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const keys = new Map<string, Set<unknown>>();
  const keyOf = (value: unknown): unknown => (typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
  for (const candidate of candidateLeaves(internals)) {
    const fact = candidate.leaf.fact;
    for (const value of leafCandidates(internals, candidate, given)) {
      const list = out.get(fact);
      if (list === undefined) {
        out.set(fact, [value]);
        continue;
      }
      const seen = keys.get(fact);
      if (seen === undefined) {
        if (list.some((v) => sameValue(v, value))) continue;
        list.push(value);
        if (list.length >= 16) keys.set(fact, new Set(list.map(keyOf)));
        continue;
      }
      if (seen.has(keyOf(value))) continue;
      seen.add(keyOf(value));
      list.push(value);
    }
  }
  for (const [fact, values] of out) {
    const current = given.get(fact);
    if (typeof current !== 'number' || values.length <= 2 * NEAREST_PER_SIDE) continue;
    const below = values.filter((v): v is number => typeof v === 'number' && v < current).sort((x, y) => y - x);
    const above = values.filter((v): v is number => typeof v === 'number' && v > current).sort((x, y) => x - y);
    const keep = new Set<unknown>([...below.slice(0, NEAREST_PER_SIDE), ...above.slice(0, NEAREST_PER_SIDE)]);
    out.set(fact, values.filter((v) => typeof v !== 'number' || keep.has(v)));
  }
  return out;
}

function distanceOf(declaration: FactDeclaration | undefined, from: unknown, to: unknown): number {
  if (typeof from === 'number' && typeof to === 'number') return Math.abs(to - from) / Math.max(Math.abs(from), 1);
  return declaration?.type === 'boolean' ? 0.5 : 1;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

const budget = fc.oneof(
  { weight: 3, arbitrary: fc.constant(Infinity) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 2000 }) },
);

/** What both searches are asked, for one policy and one set of facts. */
interface Totals {
  searches: number;
  found: number;
  pairs: number;
  limited: number;
  budgetZeroLimited: number;
}

function compare(policy: Policy, facts: Record<string, unknown>, options: { onlyBetter: boolean; budget: number }, totals: Totals): void {
  const internals = policyInternals(policy);
  const given = readFacts(internals.document, facts, false);
  const base = evaluateRules(internals.rules, { facts: given, parameters: internals.parameters }).rules;
  const outcome = decideOutcome(base, internals.document).outcome;
  const fast = findCounterfactuals(internals, given, base, outcome, options);
  const reference = referenceSearch(internals, given, base, outcome, options);
  expect(fast).toEqual(reference);
  totals.searches++;
  if (fast.found.length > 0) totals.found++;
  if (fast.found.some((f) => f.changes.length === 2)) totals.pairs++;
  if (fast.limited) totals.limited++;
  if (fast.limited && options.budget === 0) totals.budgetZeroLimited++;
}

const emptyTotals = (): Totals => ({ searches: 0, found: 0, pairs: 0, limited: 0, budgetZeroLimited: 0 });

/** Policies over a few mutable whole numbers, an enum, a boolean, a list and a text, with shared conditions: counterfactuals (and pairs) are common. */
const SMALL_FACTS = {
  a: { type: 'integer' },
  b: { type: 'integer' },
  c: { type: 'number', unit: 'currency', currency: 'EUR' },
  fixed: { type: 'integer', mutable: false },
  tier: { type: 'string', enum: ['none', 'silver', 'gold'] },
  flag: { type: 'boolean' },
  tags: { type: 'array', items: 'string' },
  code: { type: 'string' },
} as const;

const smallLeaf = fc.oneof(
  fc.record({
    fact: fc.constantFrom('a', 'b', 'c', 'fixed'),
    operator: fc.constantFrom('lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'equal', 'notEqual'),
    value: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({ fact: fc.constantFrom('a', 'c'), operator: fc.constantFrom('lessThan', 'greaterThan'), value: fc.constant({ fact: 'b' }) }),
  fc.record({ fact: fc.constantFrom('a', 'b'), operator: fc.constantFrom('lessThan', 'greaterThanInclusive'), value: fc.constant({ fact: 'limit' }) }),
  fc.record({ fact: fc.constant('flag'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.boolean() }),
  fc.record({ fact: fc.constant('tier'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom('none', 'silver', 'gold') }),
  fc.record({ fact: fc.constant('tier'), operator: fc.constantFrom('in', 'notIn'), value: fc.subarray(['none', 'silver', 'gold'], { minLength: 1 }) }),
  fc.record({ fact: fc.constant('tags'), operator: fc.constantFrom('contains', 'doesNotContain'), value: fc.constantFrom('x', 'y') }),
  fc.record({ fact: fc.constant('code'), operator: fc.constantFrom('startsWith', 'not:startsWith'), value: fc.constantFrom('A', 'B') }),
  fc.record({ fact: fc.constant('code'), operator: fc.constantFrom('equal', 'in'), value: fc.constantFrom('A1', 'B0') }).map((l) => (l.operator === 'in' ? { ...l, value: [l.value, 'Z'] } : l)),
);

function smallTree(depth: number, sharedCount: number): fc.Arbitrary<unknown> {
  const child = depth <= 0 ? smallLeaf : fc.oneof({ weight: 3, arbitrary: smallLeaf }, { weight: 1, arbitrary: smallTree(depth - 1, sharedCount) });
  const reference = sharedCount > 0 ? [fc.integer({ min: 0, max: sharedCount - 1 }).map((i) => ({ condition: `s${i}` }))] : [];
  return fc.oneof(
    fc.record({ all: fc.array(fc.oneof(child, ...reference), { minLength: 1, maxLength: 3 }), priority: fc.integer({ min: 1, max: 2 }) }),
    fc.record({ any: fc.array(fc.oneof(child, ...reference), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: fc.oneof(child, ...reference) }),
  );
}

const smallPolicy = fc
  .integer({ min: 0, max: 3 })
  .chain((sharedCount) =>
    fc.record({
      shared: fc.tuple(...Array.from({ length: sharedCount }, (_, i) => smallTree(1, i))),
      rules: fc.array(
        fc.record({ conditions: smallTree(2, sharedCount), outcome: fc.constantFrom('approve', 'deny', 'review'), priority: fc.integer({ min: 1, max: 4 }), internal: fc.boolean() }),
        { minLength: 1, maxLength: 6 },
      ),
      strategy: fc.constantFrom('priority', 'adverse-overrides', 'first'),
      fallback: fc.constantFrom('approve', 'deny', 'review', undefined),
      limit: fc.integer({ min: 0, max: 12 }),
    }),
  )
  .map(({ shared, rules, strategy, fallback, limit }) =>
    definePolicy(
      {
        id: 'fast',
        version: '1',
        facts: SMALL_FACTS,
        parameters: { limit: { value: limit } },
        outcomes: { approve: {}, deny: { adverse: true }, review: { human: true } },
        ...(shared.length === 0 ? {} : { conditions: Object.fromEntries(shared.map((c, i) => [`s${i}`, c])) }),
        decision: fallback === undefined ? { strategy } : { strategy, default: fallback },
        rules: rules.map((r, i) => ({ name: `r${i}`, priority: r.priority, ...(r.internal && i > 0 ? { internal: true } : {}), conditions: r.conditions, event: { type: r.outcome } })),
      },
      { operators: { startsWith: TEST_OPERATORS.startsWith } },
    ),
  );

const smallFacts = fc.record(
  {
    a: fc.integer({ min: -2, max: 14 }),
    b: fc.integer({ min: -2, max: 14 }),
    c: fc.constantFrom(0, 2.5, 5, 11.99, 12),
    fixed: fc.integer({ min: 0, max: 12 }),
    tier: fc.constantFrom('none', 'silver', 'gold'),
    flag: fc.boolean(),
    tags: fc.subarray(['x', 'y', 'z']),
    code: fc.constantFrom('A1', 'B0', 'C', ''),
  },
  { requiredKeys: ['a', 'b', 'tier'] },
);

describe('the fast counterfactual search', () => {
  it('finds what the plain search finds, at the same cost, on policies with shared conditions (small vocabulary)', () => {
    const totals = emptyTotals();
    fc.assert(
      fc.property(smallPolicy, fc.array(smallFacts, { minLength: 1, maxLength: 3 }), fc.boolean(), budget, (policy, factSets, onlyBetter, b) => {
        for (const facts of factSets) compare(policy, facts, { onlyBetter, budget: b }, totals);
      }),
      { numRuns: 400 },
    );
    // The property says something only if the searches find things, pairs among them, and stop short.
    expect(totals.found).toBeGreaterThan(totals.searches / 10);
    expect(totals.pairs).toBeGreaterThan(0);
    expect(totals.limited).toBeGreaterThan(0);
    expect(totals.budgetZeroLimited).toBeGreaterThan(0);
  });

  it('finds what the plain search finds, at the same cost, on random policies over the whole condition language', () => {
    const totals = emptyTotals();
    fc.assert(
      fc.property(policyDocument, fc.oneof(partialFacts, completeFacts), fc.boolean(), budget, (doc, facts, onlyBetter, b) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        compare(policy, facts, { onlyBetter, budget: b }, totals);
      }),
      { numRuns: 600 },
    );
    expect(totals.found).toBeGreaterThan(0);
  });

  it('gives each rule the truth, and counts the nodes, as truthOf does, with shared conditions met more than once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => conditionTree(2, i))), fc.array(conditionTree(2, n), { minLength: 1, maxLength: 4 }))),
        fc.oneof(partialFacts, completeFacts),
        ([shared, roots], facts) => {
          const doc = {
            ...(fc.sample(policyDocument, { numRuns: 1, seed: 7 })[0] as object),
            conditions: Object.fromEntries(shared.map((c, i) => [`shared${i}`, c])),
            rules: roots.map((conditions, i) => ({ name: `r${i}`, conditions, event: { type: 'approve' } })),
          };
          const policy = generatedPolicy(doc as never);
          if (policy === undefined) return;
          const internals = policyInternals(policy);
          const given = readFacts(internals.document, facts, false);
          const source = { facts: given, parameters: internals.parameters };
          const program = truthProgram(internals.rules, internals.parameters);
          const scope = truthScope(given, program.slots);
          const memo = new Map<string, Truth>();
          const meter: Meter = { steps: 0 };
          const expected = internals.rules.map((rule) => truthOf(rule.root, source, memo, meter));
          expect(program.rules.map((fn) => fn(scope))).toEqual(expected);
          expect(scope.steps).toBe(meter.steps);
          // A fresh set of facts forgets the shared conditions' truths.
          nextFacts(scope, '-none-', 0);
          expect(program.rules.map((fn) => fn(scope))).toEqual(expected);
          expect(scope.steps).toBe(2 * meter.steps);
          // The outcome from truths alone is decideOutcome's.
          const base = evaluateRules(internals.rules, source).rules;
          const order = strategyOrder(internals.rules.map((rule, position) => ({ rule, position })), internals.document).map((e) => e.position);
          expect(outcomeOfTruths(expected, order, internals.rules.map((r) => r.outcome), internals.document)).toBe(decideOutcome(base, internals.document).outcome);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is skipped only where it would find nothing and stay within its budget, and never takes more steps than its bound', () => {
    const totals = { searches: 0, skipped: 0, bounded: 0, found: 0, limited: 0 };
    const check = (policy: Policy, facts: Record<string, unknown>, onlyBetter: boolean, b: number): void => {
      const internals = policyInternals(policy);
      const given = readFacts(internals.document, facts, false);
      const base = evaluateRules(internals.rules, { facts: given, parameters: internals.parameters }).rules;
      const outcome = decideOutcome(base, internals.document).outcome;
      const search = findCounterfactuals(internals, given, base, outcome, { onlyBetter, budget: b });
      totals.searches++;
      if (search.found.length > 0) totals.found++;
      if (search.limited) totals.limited++;
      if (!searchMayFind(internals, outcome, onlyBetter, b)) {
        totals.skipped++;
        expect(search.found).toEqual([]);
        expect(search.limited).toBe(false);
      }
      // The bound holds whatever the budget: the whole search, unlimited, stays within it.
      const bound = searchStepBound(internals);
      if (Number.isFinite(bound)) {
        totals.bounded++;
        expect(findCounterfactuals(internals, given, base, outcome, { onlyBetter, budget: Infinity }).steps).toBeLessThanOrEqual(bound);
      }
    };
    fc.assert(
      fc.property(smallPolicy, fc.array(smallFacts, { minLength: 1, maxLength: 3 }), fc.boolean(), budget, (policy, factSets, onlyBetter, b) => {
        for (const facts of factSets) check(policy, facts, onlyBetter, b);
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(policyDocument, fc.oneof(partialFacts, completeFacts), fc.boolean(), budget, (doc, facts, onlyBetter, b) => {
        const policy = generatedPolicy(doc);
        if (policy !== undefined) check(policy, facts, onlyBetter, b);
      }),
      { numRuns: 400 },
    );
    // The property says something only if searches are skipped, and others find things or run out.
    expect(totals.skipped).toBeGreaterThan(totals.searches / 20);
    expect(totals.bounded).toBeGreaterThan(totals.searches / 2);
    expect(totals.found).toBeGreaterThan(0);
    expect(totals.limited).toBeGreaterThan(0);
  });

  it('finds what the full search finds when pruned of the tries that cannot give an outcome worth naming', () => {
    const totals = { searches: 0, pruned: 0, saved: 0, found: 0, pairs: 0 };
    const check = (policy: Policy, facts: Record<string, unknown>, onlyBetter: boolean, b: number): void => {
      const internals = policyInternals(policy);
      const given = readFacts(internals.document, facts, false);
      const base = evaluateRules(internals.rules, { facts: given, parameters: internals.parameters }).rules;
      const outcome = decideOutcome(base, internals.document).outcome;
      const full = findCounterfactuals(internals, given, base, outcome, { onlyBetter, budget: b });
      const pruned = findCounterfactuals(internals, given, base, outcome, { onlyBetter, budget: b, prune: true });
      expect(pruned.found).toEqual(full.found);
      expect(pruned.limited).toBe(full.limited);
      totals.searches++;
      if (b > searchStepBound(internals)) totals.pruned++;
      if (pruned.tries < full.tries) totals.saved++;
      if (full.found.length > 0) totals.found++;
      if (full.found.some((f) => f.changes.length === 2)) totals.pairs++;
      // Where it cannot be pruned, it is the full search, at the same cost.
      if (!(b > searchStepBound(internals))) expect(pruned).toEqual(full);
    };
    fc.assert(
      fc.property(smallPolicy, fc.array(smallFacts, { minLength: 1, maxLength: 3 }), fc.boolean(), budget, (policy, factSets, onlyBetter, b) => {
        for (const facts of factSets) check(policy, facts, onlyBetter, b);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(policyDocument, fc.oneof(partialFacts, completeFacts), fc.boolean(), budget, (doc, facts, onlyBetter, b) => {
        const policy = generatedPolicy(doc);
        if (policy !== undefined) check(policy, facts, onlyBetter, b);
      }),
      { numRuns: 400 },
    );
    // The property says something only if pruning saves tries, and the searches find things, pairs among them.
    expect(totals.pruned).toBeGreaterThan(totals.searches / 4);
    expect(totals.saved).toBeGreaterThan(totals.searches / 10);
    expect(totals.found).toBeGreaterThan(totals.searches / 10);
    expect(totals.pairs).toBeGreaterThan(0);
  });
});
