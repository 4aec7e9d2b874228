import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisiveLeaves, evaluateRules, type RuleEvaluation } from '../../src/evaluate/evaluate.js';
import { readFacts } from '../../src/evaluate/facts.js';
import { leavesUnderInternal } from '../../src/explain/boundary.js';
import { decisiveLeavesOf, leavesUnderInternalOf } from '../../src/explain/leaves.js';
import { policyInternals } from '../../src/policy/define.js';
import type { PolicyDocument } from '../../src/policy/schema.js';
import type { Truth } from '../../src/result/schema.js';
import { completeFacts, generatedPolicy, partialFacts, policyDocument, taintedPolicy } from '../helpers/arbitraries.js';
import { definePolicy } from '../../src/index.js';

/**
 * The texts walk a call's rule traces for the decisive comparisons of each reason and for the
 * comparisons under internal conditions, keeping the shared conditions seen by their full trace
 * instead of by a key string made per node. Here both walks are held, on random policies with
 * shared conditions referred to many times (stubs and all) and conditions marked internal, to
 * the walks of src/evaluate and boundary.ts they replace: the same leaves, the very same objects,
 * in the same order.
 */

/** `doc` with the conditions at the positions `marks` picks (a walk's count) marked internal. */
function markInternal(doc: PolicyDocument, marks: readonly number[]): PolicyDocument {
  let at = 0;
  const mark = (c: unknown): unknown => {
    if (c === null || typeof c !== 'object') return c;
    const node = { ...(c as Record<string, unknown>) };
    if (marks.includes(at++)) node['internal'] = true;
    for (const key of ['all', 'any'] as const) if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map(mark);
    if (node['not'] !== undefined) node['not'] = mark(node['not']);
    return node;
  };
  return {
    ...doc,
    ...(doc.conditions === undefined ? {} : { conditions: Object.fromEntries(Object.entries(doc.conditions).map(([k, c]) => [k, mark(c)])) }),
    rules: doc.rules.map((r) => ({ ...r, conditions: mark(r.conditions) })),
  } as PolicyDocument;
}

const WISHES: readonly Truth[] = [true, false, 'unknown'];

function compare(rules: readonly RuleEvaluation[], totals: { leaves: number; hidden: number; stubs: number }): void {
  for (const e of rules) {
    for (const want of WISHES) {
      const fast = decisiveLeavesOf(e.trace, want, e.shared);
      const slow = decisiveLeaves(e.trace, want, e.shared);
      expect(fast.length).toBe(slow.length);
      fast.forEach((leaf, i) => expect(leaf).toBe(slow[i]));
      totals.leaves += fast.length;
      // Without the shared traces, as the reference walks without them.
      const bare = decisiveLeavesOf(e.trace, want, undefined);
      const bareSlow = decisiveLeaves(e.trace, want, undefined);
      expect(bare.length).toBe(bareSlow.length);
      bare.forEach((leaf, i) => expect(leaf).toBe(bareSlow[i]));
    }
    const fast = [...leavesUnderInternalOf(e.trace, e.shared)];
    const slow = [...leavesUnderInternal(e.trace, e.shared)];
    expect(fast.length).toBe(slow.length);
    fast.forEach((leaf, i) => expect(leaf).toBe(slow[i]));
    totals.hidden += fast.length;
    if (JSON.stringify(e.trace).includes('"repeated":true')) totals.stubs++;
  }
}

describe('the walks of a call’s traces for its texts', () => {
  it('find the leaves the walks of src/evaluate and boundary.ts find, on random policies with shared and internal conditions', () => {
    const totals = { leaves: 0, hidden: 0, stubs: 0 };
    fc.assert(
      fc.property(policyDocument, fc.array(fc.nat(30), { maxLength: 6 }), fc.oneof(partialFacts, completeFacts), (doc, marks, facts) => {
        const policy = generatedPolicy(markInternal(doc, marks));
        if (policy === undefined) return;
        const internals = policyInternals(policy);
        const given = readFacts(internals.document, facts, false);
        compare(evaluateRules(internals.rules, { facts: given, parameters: internals.parameters }).rules, totals);
      }),
      { numRuns: 600 },
    );
    fc.assert(
      fc.property(taintedPolicy, ({ doc, values }) => {
        const internals = policyInternals(definePolicy(doc));
        const given = readFacts(internals.document, values, true);
        compare(evaluateRules(internals.rules, { facts: given, parameters: internals.parameters }, true).rules, totals);
      }),
      { numRuns: 200 },
    );
    // The property says something only if the walks find leaves, under internal conditions too, through repeated stubs.
    expect(totals.leaves).toBeGreaterThan(500);
    expect(totals.hidden).toBeGreaterThan(50);
    expect(totals.stubs).toBeGreaterThan(20);
  });
});
