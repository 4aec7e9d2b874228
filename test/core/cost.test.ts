import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, isPolicyError, type ConditionTrace, type DecisionResult, type Policy } from '../../src/index.js';
import { decideOutcome } from '../../src/decide/decide.js';
import { evaluateRules } from '../../src/evaluate/evaluate.js';
import { readFacts } from '../../src/evaluate/facts.js';
import { findCounterfactuals, MAX_PAIR_EVALUATIONS } from '../../src/explain/counterfactuals.js';
import { DEFAULT_SEARCH_BUDGET } from '../../src/explain/explain.js';
import { MAX_CONDITION_DEPTH, MAX_RULE_CONDITIONS, MAX_RULE_VALUES } from '../../src/policy/compile.js';
import { policyInternals } from '../../src/policy/define.js';
import { listed } from '../../src/policy/operators.js';
import { longList, manyRules, notChain, sharedDag, wideAny } from '../../bench/worst-cases.js';

/**
 * CONTRACT §7, bounded cost: no accepted policy and no facts make one `explain()` run away.
 * Work is counted, never timed, so the assertions hold on any machine: for random policies of
 * the shapes that used to run away (shared-condition DAGs, long lists, wide any/all over many
 * mutable facts, many rules behind a `whyNot`), the same shape at size n and 4n gives at most a
 * linear growth of the trace, the result and the candidates tried, and the search budget is
 * honoured and reported exactly when it bites.
 */

const POLICIES = 500;

type Family = 'dag' | 'list' | 'factList' | 'wide' | 'rules' | 'mixed';

interface Shape {
  readonly family: Family;
  readonly n: number;
  readonly kinds: readonly ('all' | 'any' | 'not')[];
  readonly operator: 'in' | 'notIn';
  readonly viaParameter: boolean;
  readonly values: readonly number[];
  readonly hit: boolean;
  readonly mutable: boolean;
}

const shape: fc.Arbitrary<Shape> = fc.record({
  family: fc.constantFrom<Family>('dag', 'list', 'factList', 'wide', 'rules', 'mixed'),
  // 4n levels of shared conditions stay within MAX_CONDITION_DEPTH
  n: fc.integer({ min: 3, max: 15 }),
  kinds: fc.array(fc.constantFrom('all' as const, 'any' as const, 'not' as const), { minLength: 1, maxLength: 4 }),
  operator: fc.constantFrom('in' as const, 'notIn' as const),
  viaParameter: fc.boolean(),
  values: fc.array(fc.integer({ min: -5, max: 30 }), { minLength: 1, maxLength: 8 }),
  hit: fc.boolean(),
  mutable: fc.boolean(),
});

/** A policy of `shape` at `size`, with its facts and the outcome to ask `whyNot` about. */
function build(s: Shape, size: number): { doc: Record<string, unknown>; facts: Record<string, unknown>; whyNot: string } {
  const facts: Record<string, unknown> = { x: { type: 'integer', ...(s.mutable ? {} : { mutable: false }) }, code: { type: 'string' } };
  const given: Record<string, unknown> = { x: s.values[0] ?? 0, code: s.hit ? 'c-1' : 'other' };
  const value = (i: number): number => s.values[i % s.values.length] as number;
  const conditions: Record<string, unknown> = {};
  const parameters: Record<string, unknown> = {};
  const rules: Record<string, unknown>[] = [];
  const rule = (name: string, condition: unknown, outcome: string): void => {
    rules.push({ name, conditions: { all: [condition] }, event: { type: outcome } });
  };
  const dag = (): void => {
    conditions['c0'] = { any: [{ fact: 'x', operator: 'greaterThan', value: value(0) }, { fact: 'x', operator: 'lessThan', value: value(1) }] };
    for (let k = 1; k <= size; k++) {
      const kind = s.kinds[k % s.kinds.length] as 'all' | 'any' | 'not';
      const ref = { condition: `c${k - 1}` };
      conditions[`c${k}`] = kind === 'not' ? { not: ref } : { [kind]: [ref, { fact: 'x', operator: 'notEqual', value: value(k) }, ref] };
    }
    rule('dag', { condition: `c${size}` }, 'deny');
    rule('dag-half', { condition: `c${Math.floor(size / 2)}` }, 'refer');
  };
  const list = (): void => {
    const items = Array.from({ length: size * 20 }, (_, i) => `c-${i}`);
    if (s.family === 'factList') {
      facts['codes'] = { type: 'array', items: 'string' };
      given['codes'] = items;
      rule('listed', { fact: 'code', operator: s.operator, value: { fact: 'codes' } }, 'deny');
    } else if (s.viaParameter) {
      parameters['codes'] = { value: items };
      rule('listed', { fact: 'code', operator: s.operator, value: { fact: 'codes' } }, 'deny');
    } else {
      rule('listed', { fact: 'code', operator: s.operator, value: items }, 'deny');
    }
  };
  const wide = (): void => {
    const leaves: unknown[] = [];
    for (let i = 0; i < size * 4; i++) {
      facts[`f${i}`] = { type: 'integer', ...(s.mutable || i % 2 === 0 ? {} : { mutable: false }) };
      given[`f${i}`] = value(i);
      leaves.push({ fact: `f${i}`, operator: i % 3 === 0 ? 'lessThan' : 'greaterThan', value: value(i + 1) });
    }
    rule('wide', { [s.kinds[0] === 'all' ? 'all' : 'any']: leaves }, 'approve');
  };
  const many = (): void => {
    for (let i = 0; i < size * 4; i++) rule(`r${i}`, { fact: 'x', operator: i % 2 === 0 ? 'greaterThan' : 'lessThan', value: value(i) + i }, 'approve');
  };
  switch (s.family) {
    case 'dag':
      dag();
      break;
    case 'list':
    case 'factList':
      list();
      break;
    case 'wide':
      wide();
      break;
    case 'rules':
      many();
      break;
    case 'mixed':
      dag();
      list();
      wide();
      many();
      break;
  }
  const doc = {
    id: 'cost',
    version: '1',
    facts,
    ...(Object.keys(parameters).length === 0 ? {} : { parameters }),
    outcomes: { approve: { label: 'approved' }, deny: { label: 'declined', adverse: true }, refer: { label: 'referred', human: true } },
    decision: { strategy: 'priority', default: 'refer' },
    ...(Object.keys(conditions).length === 0 ? {} : { conditions }),
    rules,
  };
  return { doc, facts: given, whyNot: s.family === 'list' || s.family === 'factList' ? 'approve' : s.family === 'rules' ? 'approve' : 'deny' };
}

/** Nodes of the result's trace, as serialised. */
function traceNodes(result: DecisionResult): number {
  let count = 0;
  const stack: ConditionTrace[] = result.trace.map((t) => t.conditions);
  while (stack.length > 0) {
    const node = stack.pop() as ConditionTrace;
    count++;
    if ('fact' in node) continue;
    if (node.not !== undefined) stack.push(node.not);
    else stack.push(...(node.all ?? node.any ?? []));
  }
  return count;
}

/** The counterfactual search as `explain` runs it for a customer, with the given budget. */
function search(policy: Policy, facts: Record<string, unknown>, budget: number) {
  const internals = policyInternals(policy);
  const given = readFacts(internals.document, facts);
  const evaluation = evaluateRules(internals.rules, { facts: given, parameters: internals.parameters });
  const decision = decideOutcome(evaluation.rules, internals.document);
  return findCounterfactuals(internals, given, evaluation.rules, decision.outcome, { onlyBetter: true, budget });
}

/** Work at 4n is at most linear in work at n: 4 times, with room for what does not grow. */
function linear(small: number, large: number): boolean {
  return large <= 6 * small + 64;
}

describe('bounded cost (CONTRACT §7)', () => {
  it(`grows linearly with the policy, and reports the search budget exactly when it bites (${POLICIES} random policies at n and 4n)`, async () => {
    const stats = { policies: 0, explains: 0, limitedCounterfactuals: 0, limitedWhyNot: 0, complete: 0, families: new Set<Family>() };
    await fc.assert(
      fc.asyncProperty(shape, fc.integer({ min: 1, max: 3_000 }), async (s, budget) => {
        const small = build(s, s.n);
        const large = build(s, s.n * 4);
        const policies = [definePolicy(small.doc), definePolicy(large.doc)] as const;
        stats.policies += 2;
        stats.families.add(s.family);

        // Size n and 4n, default budget: the trace, the result and the tries grow linearly.
        const results = await Promise.all([explain(policies[0], small.facts, { whyNot: small.whyNot }), explain(policies[1], large.facts, { whyNot: large.whyNot })]);
        const searches = [search(policies[0], small.facts, DEFAULT_SEARCH_BUDGET), search(policies[1], large.facts, DEFAULT_SEARCH_BUDGET)];
        stats.explains += 2;
        expect(linear(traceNodes(results[0]), traceNodes(results[1]))).toBe(true);
        // The result grows with the policy, never faster: against the policy's own size always, and
        // from n to 4n where the same rule decides both (another rule deciding at 4n, a wide
        // `any` that now holds, rightly lists every condition that held).
        for (const [i, result] of results.entries()) {
          expect(JSON.stringify(result).length).toBeLessThanOrEqual(20 * JSON.stringify([small, large][i]?.doc).length + 40_000);
        }
        if (results[0].decidedBy === results[1].decidedBy) expect(linear(JSON.stringify(results[0]).length, JSON.stringify(results[1]).length)).toBe(true);
        // Single changes grow with the conditions; pairs are tried up to a fixed number.
        expect(linear(searches[0]?.tries ?? 0, (searches[1]?.tries ?? 0) - MAX_PAIR_EVALUATIONS)).toBe(true);
        for (const found of searches) {
          // The budget is checked before each try: it is overrun by one try at most, and one
          // try costs no more than the rules it re-evaluates.
          expect(found.steps).toBeLessThanOrEqual(DEFAULT_SEARCH_BUDGET + 4 * MAX_RULE_CONDITIONS);
        }

        // A small budget: the flag is set exactly when the search stopped short of the full one.
        const policy = policies[1];
        const full = search(policy, large.facts, Infinity);
        const cut = search(policy, large.facts, budget);
        expect(full.limited).toBe(false);
        if (cut.limited) {
          stats.limitedCounterfactuals++;
          expect(cut.steps).toBeGreaterThanOrEqual(budget);
          expect(cut.tries).toBeLessThan(full.tries);
        } else {
          stats.complete++;
          expect(cut.steps).toBe(full.steps);
          expect(cut.found).toEqual(full.found);
        }
        const limited = await explain(policy, large.facts, { whyNot: large.whyNot, searchBudget: budget });
        const unlimited = await explain(policy, large.facts, { whyNot: large.whyNot, searchBudget: Infinity });
        stats.explains += 2;
        expect(unlimited.searchLimited).toBeUndefined();
        expect(limited.searchLimited?.includes('counterfactuals') ?? false).toBe(cut.limited);
        expect(limited.counterfactuals.map((c) => c.changes)).toEqual(cut.found.map((c) => c.changes));
        if (limited.searchLimited?.includes('whyNot') === true) {
          stats.limitedWhyNot++;
          expect(limited.whyNot?.blockers.length).toBeLessThan(unlimited.whyNot?.blockers.length ?? 0);
        } else {
          expect(limited.whyNot).toEqual(unlimited.whyNot);
        }
        expect(limited.trace).toEqual(unlimited.trace);
      }),
      { numRuns: POLICIES },
    );
    console.log(
      `cost: ${stats.policies} policies (${POLICIES} shapes at n and 4n, families ${[...stats.families].join(', ')}), ${stats.explains} explain calls; ` +
        `small budgets: ${stats.limitedCounterfactuals} counterfactual searches stopped, ${stats.complete} complete, ${stats.limitedWhyNot} whyNot searches stopped`,
    );
    // the generator reaches both sides of the budget
    expect(stats.limitedCounterfactuals).toBeGreaterThan(0);
    expect(stats.complete).toBeGreaterThan(0);
    expect(stats.limitedWhyNot).toBeGreaterThan(0);
    expect(stats.families.size).toBe(6);
  }, 300_000);

  it('looks lists up exactly as json-rules-engine does (indexOf: strict equality, NaN never listed)', () => {
    const item = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.constantFrom<unknown>(Number.NaN, -0, 0, '1', 'a', true, null, {}, []));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), item, (list, x) => {
        expect(listed(list, x)).toBe(list.indexOf(x) > -1);
        const object = {};
        expect(listed([...list, object], object)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('the runaway cases of issue 12, items 11–13', () => {
  it('11: a DAG of shared conditions is evaluated and traced once per shared condition', async () => {
    for (const depth of [18, 20, 30]) {
      const c = sharedDag(depth);
      const policy = definePolicy(c.doc);
      const result = await explain(policy, c.facts);
      expect(result.outcome).toBe('deny');
      // The rule's root, c{depth} … c1 in full with a stub for each second reference, and c0 with its comparison.
      expect(traceNodes(result)).toBe(1 + 2 * depth + 2);
      expect(JSON.stringify(result).length).toBeLessThan(20_000);
      const stubs = JSON.stringify(result.trace).match(/"repeated":true/g) ?? [];
      expect(stubs).toHaveLength(depth);
      // the reason still names the comparison that made it fire
      expect(result.reasons[0]?.conditions.map((l) => l.fact)).toEqual(['x']);
    }
  });

  it('12: nesting is counted through shared conditions, and refused by definePolicy naming the path', () => {
    // The rule's `all` holds the chain, and c0 is an `all` around the comparison.
    expect(() => definePolicy(notChain(MAX_CONDITION_DEPTH - 2).doc)).not.toThrow();
    for (const n of [MAX_CONDITION_DEPTH - 1, 5_000]) {
      let error: unknown;
      try {
        definePolicy(notChain(n).doc);
      } catch (e) {
        error = e;
      }
      expect(isPolicyError(error)).toBe(true);
      const issues = (error as { issues: { code: string; path: string }[] }).issues;
      expect(issues.map((i) => i.code)).toEqual(['too_deep']);
      expect(issues[0]?.path).toBe(n === 5_000 ? 'conditions.c64.not.condition' : 'rules[0].conditions.all[0].condition');
    }
    // the chain defined last-first (the deepest first) is refused the same way, without exhausting the stack
    const reversed = notChain(5_000).doc;
    const entries = Object.entries(reversed['conditions'] as Record<string, unknown>).reverse();
    expect(() => definePolicy({ ...reversed, conditions: Object.fromEntries(entries) })).toThrow(/nested more than 64 levels/);
  });

  it('13: long lists, wide any and many rules stay within the budget, and say when a search stopped', async () => {
    for (const size of [20_000, 50_000]) {
      const c = longList(size);
      const result = await explain(definePolicy(c.doc), c.facts);
      expect(result.outcome).toBe('deny');
      expect(result.searchLimited).toEqual(['counterfactuals']);
      // what was tried is still verified: the suggested code is in the list
      expect(result.counterfactuals[0]?.changes[0]?.to).toBe('code-0');
    }
    const wide = wideAny(10_000);
    const wideResult = await explain(definePolicy(wide.doc), wide.facts);
    expect(wideResult.searchLimited).toEqual(['counterfactuals']);
    expect(wideResult.counterfactuals.length).toBeGreaterThan(0);

    const many = manyRules(20_000);
    const manyResult = await explain(definePolicy(many.doc), many.facts, { whyNot: 'allow' });
    expect(manyResult.searchLimited).toEqual(['whyNot']);
    expect(manyResult.whyNot?.blockers.length).toBeGreaterThan(0);
    expect(manyResult.whyNot?.blockers.length).toBeLessThan(20_000);
    // the same rules with room to look at all of them: every blocker, no flag
    const all = await explain(definePolicy(manyRules(1_000).doc), many.facts, { whyNot: 'allow' });
    expect(all.searchLimited).toBeUndefined();
    expect(all.whyNot?.blockers).toHaveLength(1_000);
  });

  it('refuses what cannot be bounded: rules that read too many conditions or too many compared values', () => {
    // one shared condition of 1,000 comparisons read by 101 rules
    const shared = { any: Array.from({ length: 1_000 }, (_, i) => ({ fact: 'x', operator: 'equal', value: i })) };
    const rules = Array.from({ length: Math.ceil(MAX_RULE_CONDITIONS / 1_000) + 1 }, (_, i) => ({ name: `r${i}`, conditions: { all: [{ condition: 'big' }] }, event: { type: 'deny' } }));
    const base = { id: 'big', version: '1', facts: { x: { type: 'integer' }, code: { type: 'string' } }, outcomes: { deny: { adverse: true } } };
    expect(() => definePolicy({ ...base, conditions: { big: shared }, rules })).toThrow(/too_many_conditions|more than 100,000 conditions/);
    expect(() => definePolicy({ ...base, conditions: { big: shared }, rules: rules.slice(0, 10) })).not.toThrow();
    // a parameter list of about 1 MB compared by 9 rules
    const codes = Array.from({ length: 100_000 }, (_, i) => `code-${String(i).padStart(6, '0')}`);
    const listRules = Array.from({ length: Math.ceil(MAX_RULE_VALUES / JSON.stringify(codes).length) + 1 }, (_, i) => ({ name: `l${i}`, conditions: { all: [{ fact: 'code', operator: 'in', value: { fact: 'codes' } }] }, event: { type: 'deny' } }));
    let error: unknown;
    try {
      definePolicy({ ...base, parameters: { codes: { value: codes } }, rules: listRules });
    } catch (e) {
      error = e;
    }
    expect((error as { issues: { code: string; path: string }[] }).issues).toEqual([expect.objectContaining({ code: 'values_too_large', path: expect.stringMatching(/^rules\[\d+\]\.conditions$/) })]);
  });
});
