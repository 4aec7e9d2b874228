import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, isPolicyError, type ConditionTrace, type Policy } from '../../src/index.js';
import { evaluateRules } from '../../src/evaluate/evaluate.js';
import { readFacts } from '../../src/evaluate/facts.js';
import { policyInternals } from '../../src/policy/define.js';
import type { PolicyDocument } from '../../src/policy/schema.js';
import { completeFacts, policyDocument } from '../helpers/arbitraries.js';
import { expandTrace } from '../helpers/traces.js';
import { runEngine, type EngineConditionNode } from '../helpers/engine.js';

/**
 * The differential test of CONTRACT §1: "anything a json-rules-engine user writes today is a
 * valid rule here". For random policies over the whole condition language and random complete
 * fact sets, the rules that fire in `because` are exactly those json-rules-engine 7.3's
 * `engine.run()` fires, and the trace agrees with what json-rules-engine records node by node:
 * the same result where it evaluated, `evaluated: false` where it skipped.
 */

const POLICIES = 400;
const FACT_SETS = 12;

/** The outcome CONTRACT §1 gives for a set of fired rules, written independently of src/decide. */
function referenceOutcome(doc: PolicyDocument, fired: readonly string[]): string {
  const rules = doc.rules.map((r, index) => ({ ...r, index, priority: r.priority ?? 1 })).filter((r) => fired.includes(r.name));
  const strategy = doc.decision?.strategy ?? 'priority';
  if (rules.length === 0) return doc.decision?.default ?? 'undecided';
  if (strategy === 'first') return (rules[0] as (typeof rules)[number]).event.type;
  const adverse = rules.filter((r) => doc.outcomes[r.event.type]?.adverse === true);
  const pool = strategy === 'adverse-overrides' && adverse.length > 0 ? adverse : rules;
  const top = Math.max(...pool.map((r) => r.priority));
  return (pool.find((r) => r.priority === top) as (typeof rules)[number]).event.type;
}

interface Walk {
  readonly doc: PolicyDocument;
  leaves: number;
  skippedLeaves: number;
  references: number;
}

/**
 * Walks the document's condition node, our trace of it and json-rules-engine's tree together.
 * `engine` is undefined below a node json-rules-engine never reached.
 */
function compareNode(
  walk: Walk,
  docNode: Record<string, unknown>,
  trace: ConditionTrace,
  engine: EngineConditionNode | undefined,
  root?: { fired: boolean },
  referenced = false,
): void {
  if (typeof docNode['condition'] === 'string') {
    const name = docNode['condition'];
    walk.references++;
    // A shared-condition reference keeps its name in the trace. A shared condition that is
    // itself a reference to another one is the same node: it carries the outer name.
    if (!referenced) expect(trace.condition).toBe(name);
    // json-rules-engine keeps `{ condition }` on a reference it never realised
    const realised = engine !== undefined && engine.condition === undefined;
    const target = walk.doc.conditions?.[name] as unknown as Record<string, unknown>;
    compareNode(walk, target, trace, realised ? engine : undefined, root, true);
    if (!realised) expect(trace.evaluated).toBe(false);
    return;
  }
  // json-rules-engine records no result on a rule's root all/any/not: the rule's result is it
  const evaluated = root !== undefined || (engine !== undefined && engine.result !== undefined);
  expect(trace.evaluated).toBe(evaluated);
  if (evaluated) expect(trace.result).toBe(root?.fired ?? engine?.result);
  for (const kind of ['all', 'any'] as const) {
    if (Array.isArray(docNode[kind])) {
      const children = docNode[kind] as Record<string, unknown>[];
      const traced = (trace as { [k in typeof kind]?: ConditionTrace[] })[kind] as ConditionTrace[];
      expect(traced).toHaveLength(children.length);
      children.forEach((child, i) => compareNode(walk, child, traced[i] as ConditionTrace, engine?.[kind]?.[i]));
      return;
    }
  }
  if (docNode['not'] !== undefined) {
    compareNode(walk, docNode['not'] as Record<string, unknown>, (trace as { not: ConditionTrace }).not, engine?.not);
    return;
  }
  walk.leaves++;
  if (!evaluated) walk.skippedLeaves++;
  expect('fact' in trace && trace.fact).toBe(docNode['fact']);
  if (evaluated && engine !== undefined && 'fact' in trace) {
    // the figures in the trace are the ones json-rules-engine compared
    expect(trace.actual).toEqual(engine.factResult);
    expect(trace.expected).toEqual(engine.valueResult);
  }
}

describe('differential: because vs json-rules-engine engine.run()', () => {
  it(`fires the same rules with the same trace (${POLICIES} policies × ${FACT_SETS} complete fact sets)`, async () => {
    const stats = { policies: 0, rejected: 0, comparisons: 0, engineThrew: 0, leaves: 0, skippedLeaves: 0, references: 0, fired: 0, operators: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(policyDocument, fc.array(completeFacts, { minLength: FACT_SETS, maxLength: FACT_SETS }), async (doc, factSets) => {
        let policy: Policy;
        try {
          policy = definePolicy(doc);
        } catch (error) {
          // the only reason to refuse a generated policy: an operand type that makes the
          // comparison meaningless (checked for in test/core/validation.test.ts)
          expect(isPolicyError(error)).toBe(true);
          expect(new Set((error as { issues: { code: string }[] }).issues.map((i) => i.code))).toEqual(new Set(['operator_type_mismatch']));
          stats.rejected++;
          return;
        }
        stats.policies++;
        const internals = policyInternals(policy);
        for (const [k, facts] of factSets.entries()) {
          let engine;
          try {
            engine = await runEngine(doc, facts);
          } catch {
            // json-rules-engine rejects the whole run when an operator throws (`in` against a
            // number); because evaluates such a comparison as false and carries on
            stats.engineThrew++;
            await expect(explain(policy, facts)).resolves.toHaveProperty('outcome');
            continue;
          }
          stats.comparisons++;
          const evaluation = evaluateRules(internals.rules, { facts: readFacts(internals.document, facts), parameters: internals.parameters });
          const fired = evaluation.rules.filter((e) => e.fired === true).map((e) => e.rule.name);
          expect(evaluation.rules.every((e) => typeof e.fired === 'boolean')).toBe(true);
          expect(fired).toEqual(engine.fired);
          stats.fired += fired.length;
          const walk: Walk = { doc: internals.document, leaves: 0, skippedLeaves: 0, references: 0 };
          for (const e of evaluation.rules) {
            const ruleDoc = internals.document.rules[e.rule.index] as { conditions: unknown };
            // A shared condition is traced in full once per call and as a `repeated` stub (its
            // result, no inner conditions) elsewhere; json-rules-engine realises every reference:
            // compare the tree the stubs stand for, node by node.
            compareNode(walk, ruleDoc.conditions as Record<string, unknown>, expandTrace(e.trace, e.shared), engine.conditions.get(e.rule.name), {
              fired: engine.fired.includes(e.rule.name),
            });
          }
          stats.leaves += walk.leaves;
          stats.skippedLeaves += walk.skippedLeaves;
          stats.references += walk.references;
          if (k < 2) {
            // the public API gives the same: fired rules in the trace, and the outcome CONTRACT §1 defines
            const result = await explain(policy, facts);
            expect(result.trace.filter((t) => t.fired === true).map((t) => t.rule)).toEqual(engine.fired);
            expect(result.trace.map((t) => t.conditions)).toEqual(evaluation.rules.map((e) => e.trace));
            expect(result.outcome).toBe(referenceOutcome(internals.document, engine.fired));
          }
        }
        for (const r of internals.document.rules) collectOperators(r.conditions, stats.operators);
      }),
      { numRuns: POLICIES },
    );
    console.log(
      `differential: ${stats.policies} policies accepted (${stats.rejected} refused for operand types) × ${FACT_SETS} fact sets = ` +
        `${stats.comparisons} runs compared (${stats.engineThrew} where json-rules-engine threw); ${stats.leaves} leaves compared, ` +
        `${stats.skippedLeaves} of them skipped by json-rules-engine; ${stats.references} shared-condition references; ` +
        `${stats.fired} rule firings; ${stats.operators.size} distinct operator names`,
    );
    // the generator reaches what the test is about
    expect(stats.comparisons).toBeGreaterThan(POLICIES * FACT_SETS * 0.5);
    expect(stats.skippedLeaves).toBeGreaterThan(0);
    expect(stats.references).toBeGreaterThan(0);
    expect(stats.fired).toBeGreaterThan(0);
    for (const op of ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain']) {
      expect(stats.operators).toContain(op);
    }
    for (const decorator of ['someFact', 'everyFact', 'someValue', 'everyValue', 'swap', 'not']) {
      expect([...stats.operators].some((o) => o.startsWith(`${decorator}:`))).toBe(true);
    }
  });
});

function collectOperators(node: unknown, into: Set<string>): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (typeof n['operator'] === 'string') into.add(n['operator']);
  for (const k of ['all', 'any']) if (Array.isArray(n[k])) for (const c of n[k] as unknown[]) collectOperators(c, into);
  if (n['not'] !== undefined) collectOperators(n['not'], into);
}
