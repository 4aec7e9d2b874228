import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, type Policy } from '../../src/index.js';

/**
 * Random policies over a small vocabulary: integer facts (one immutable, one internal), a
 * boolean and an enum, thresholds between 0 and 40, rules with all/any/not, three outcomes.
 */
const INTEGER_FACTS = ['a', 'b', 'fixed', 'secret'] as const;
const TIERS = ['none', 'silver', 'gold'] as const;

const threshold = fc.integer({ min: 0, max: 40 });
const leaf = fc.oneof(
  fc.record({
    fact: fc.constantFrom(...INTEGER_FACTS),
    operator: fc.constantFrom('lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'equal', 'notEqual'),
    value: threshold,
  }),
  fc.record({ fact: fc.constant('flag'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.boolean() }),
  fc.record({ fact: fc.constant('tier'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom(...TIERS) }),
  fc.record({
    fact: fc.constant('tier'),
    operator: fc.constantFrom('in', 'notIn'),
    value: fc.subarray([...TIERS], { minLength: 1 }),
  }),
);
const condition = fc.oneof(
  { weight: 3, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all })) },
  { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((any) => ({ any })) },
  { weight: 1, arbitrary: fc.tuple(leaf, leaf).map(([x, y]) => ({ all: [x, { not: y }] })) },
);
const rule = fc.record({
  conditions: condition,
  outcome: fc.constantFrom('approve', 'deny', 'review'),
  priority: fc.integer({ min: 1, max: 5 }),
  internal: fc.boolean(),
});

const policyArb = fc
  .record({
    rules: fc.array(rule, { minLength: 1, maxLength: 5 }),
    fallback: fc.constantFrom('approve', 'deny', undefined),
    strategy: fc.constantFrom('priority', 'adverse-overrides', 'first'),
  })
  .map(({ rules, fallback, strategy }) =>
    definePolicy({
      id: 'cf',
      version: '1',
      facts: {
        a: { type: 'integer' },
        b: { type: 'integer' },
        fixed: { type: 'integer', mutable: false },
        secret: { type: 'integer', internal: true },
        flag: { type: 'boolean' },
        tier: { type: 'string', enum: [...TIERS] },
      },
      outcomes: { approve: {}, deny: { adverse: true }, review: { human: true } },
      decision: fallback === undefined ? { strategy } : { strategy, default: fallback },
      rules: rules.map((r, i) => ({
        name: `r${i}`,
        priority: r.priority,
        ...(r.internal ? { internal: true } : {}),
        conditions: r.conditions,
        event: { type: r.outcome },
      })),
    }),
  );

const factsArb = fc.record({
  a: fc.integer({ min: -5, max: 45 }),
  b: fc.integer({ min: -5, max: 45 }),
  fixed: fc.integer({ min: -5, max: 45 }),
  secret: fc.integer({ min: -5, max: 45 }),
  flag: fc.boolean(),
  tier: fc.constantFrom(...TIERS),
});

async function outcomeOf(policy: Policy, facts: Record<string, unknown>): Promise<string> {
  return (await explain(policy, facts)).outcome;
}

/** Staff see every counterfactual; a customer only those toward a better outcome. */
const AGENT = { audience: 'agent' } as const;
const RANK: Record<string, number> = { approve: 0, review: 1, deny: 2 };

describe('counterfactuals (property-based)', () => {
  it('every reported change, applied to the facts, gives the outcome it promises', async () => {
    let reported = 0;
    await fc.assert(
      fc.asyncProperty(policyArb, factsArb, async (policy, facts) => {
        const result = await explain(policy, facts, AGENT);
        expect(result.counterfactuals.length).toBeLessThanOrEqual(3);
        for (const cf of result.counterfactuals) {
          reported++;
          expect(cf.outcome).not.toBe(result.outcome);
          expect(cf.outcome).not.toBe('undecided');
          const changed: Record<string, unknown> = { ...facts };
          for (const change of cf.changes) {
            expect(change.from).toEqual(facts[change.fact as keyof typeof facts]);
            changed[change.fact] = change.to;
          }
          expect(await outcomeOf(policy, changed)).toBe(cf.outcome);
        }
      }),
      { numRuns: 400 },
    );
    // The generator must actually exercise the search, or the property proves nothing.
    expect(reported).toBeGreaterThan(100);
  });

  it('never proposes an immutable or internal fact', async () => {
    await fc.assert(
      fc.asyncProperty(policyArb, factsArb, async (policy, facts) => {
        const result = await explain(policy, facts, AGENT);
        for (const cf of result.counterfactuals) {
          for (const change of cf.changes) expect(['fixed', 'secret']).not.toContain(change.fact);
        }
      }),
      { numRuns: 300 },
    );
  });

  // Thresholds of internal rules are never used as candidates (they would reveal an internal
  // figure), so closeness is promised for facts that only public rules read.
  it('proposes the closest value: no smaller change of the same fact gives that outcome', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(policyArb, factsArb, async (policy, facts) => {
        const result = await explain(policy, facts, AGENT);
        const readInternally = new Set(
          policy.document.rules.filter((r) => r.internal === true).flatMap((r) => JSON.stringify(r.conditions).match(/"fact":"\w+"/g) ?? []),
        );
        for (const cf of result.counterfactuals) {
          const [change, ...more] = cf.changes;
          if (change === undefined || more.length > 0 || typeof change.to !== 'number') continue;
          if (readInternally.has(`"fact":"${change.fact}"`)) continue;
          const from = change.from as number;
          const to = change.to;
          const step = to > from ? 1 : -1;
          for (let v = from + step; v !== to; v += step) {
            checked++;
            expect(await outcomeOf(policy, { ...facts, [change.fact]: v })).not.toBe(cf.outcome);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('tells a customer only of better outcomes, and every one of those staff see', async () => {
    let offered = 0;
    await fc.assert(
      fc.asyncProperty(policyArb, factsArb, async (policy, facts) => {
        const [customer, agent] = await Promise.all([explain(policy, facts), explain(policy, facts, AGENT)]);
        const current = RANK[customer.outcome] ?? Number.POSITIVE_INFINITY;
        for (const cf of customer.counterfactuals) {
          offered++;
          expect(RANK[cf.outcome]).toBeLessThan(current);
        }
        // Searching only toward better outcomes finds at least those the full search ranks first.
        const better = agent.counterfactuals.filter((cf) => (RANK[cf.outcome] ?? 0) < current);
        expect(customer.counterfactuals.map((cf) => cf.changes).slice(0, better.length)).toEqual(better.map((cf) => cf.changes));
        if (customer.outcome === 'approve') expect(customer.counterfactuals).toEqual([]);
      }),
      { numRuns: 300 },
    );
    expect(offered).toBeGreaterThan(50);
  });

  it('pairs a fact that alone gives one outcome with another toward a different outcome', async () => {
    // Found by the property above: `a` alone gives deny, and together with `flag` it gives
    // approve, closer than the other pair that does.
    const policy = definePolicy({
      id: 'pairs',
      version: '1',
      facts: { a: { type: 'integer' }, flag: { type: 'boolean' }, tier: { type: 'string', enum: ['none', 'silver'] } },
      outcomes: { approve: {}, deny: { adverse: true }, review: { human: true } },
      rules: [
        { name: 'none', conditions: { all: [{ fact: 'tier', operator: 'equal', value: 'none' }] }, event: { type: 'approve' } },
        { name: 'flagged', priority: 2, conditions: { all: [{ fact: 'flag', operator: 'equal', value: true }] }, event: { type: 'review' } },
        { name: 'enough', conditions: { all: [{ fact: 'flag', operator: 'equal', value: false }, { fact: 'a', operator: 'greaterThanInclusive', value: 4 }] }, event: { type: 'approve' } },
        { name: 'negative', priority: 3, conditions: { all: [{ fact: 'a', operator: 'lessThan', value: 0 }] }, event: { type: 'deny' } },
      ],
    });
    const facts = { a: 3, flag: true, tier: 'silver' };
    const agent = await explain(policy, facts, AGENT);
    expect(agent.outcome).toBe('review');
    expect(agent.counterfactuals.map((c) => [c.outcome, c.changes.map((ch) => `${ch.fact}=${String(ch.to)}`)])).toEqual([
      ['deny', ['a=-1']],
      ['approve', ['flag=false', 'a=4']],
      ['approve', ['tier=none', 'flag=false']],
    ]);
    const customer = await explain(policy, facts);
    expect(customer.counterfactuals.map((c) => c.changes)).toEqual(agent.counterfactuals.slice(1).map((c) => c.changes));
  });

  it('offers nothing when the decision is open', async () => {
    const policy = definePolicy({
      id: 'open',
      version: '1',
      facts: { a: { type: 'integer' } },
      outcomes: { approve: {}, deny: { adverse: true } },
      rules: [{ name: 'low', conditions: { all: [{ fact: 'a', operator: 'lessThan', value: 3 }] }, event: { type: 'deny' } }],
    });
    const result = await explain(policy, {});
    expect(result.outcome).toBe('undecided');
    expect(result.counterfactuals).toEqual([]);
  });
});
