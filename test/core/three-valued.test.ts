import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, type ConditionTrace } from '../../src/index.js';
import { decideOutcome } from '../../src/decide/decide.js';
import { evaluateRules, leavesOf, truthOf, type Evaluation } from '../../src/evaluate/evaluate.js';
import { readFacts } from '../../src/evaluate/facts.js';
import { policyInternals, type PolicyInternals } from '../../src/policy/define.js';
import type { PolicyDocument } from '../../src/policy/schema.js';
import { expandTrace } from '../helpers/traces.js';
import { completeFacts, FACT_NAMES, generatedPolicy, partialFacts, policyDocument } from '../helpers/arbitraries.js';

/**
 * CONTRACT §2: a declared fact that is absent (or null) is unknown; all/any/not follow
 * three-valued logic; the decision is taken when the known facts settle it, and is `undecided`
 * with `missing[]` otherwise.
 */

const RUNS = 300;
const COMPLETIONS = 8;

function evaluate(internals: PolicyInternals, facts: Record<string, unknown>): Evaluation {
  return evaluateRules(internals.rules, { facts: readFacts(internals.document, facts), parameters: internals.parameters });
}

/** Every node of a trace, in a fixed order (the same tree shape for any facts). */
function nodesOf(trace: ConditionTrace): ConditionTrace[] {
  const out: ConditionTrace[] = [trace];
  if ('fact' in trace) return out;
  if (trace.not !== undefined) return [...out, ...nodesOf(trace.not)];
  return [...out, ...(trace.all ?? trace.any ?? []).flatMap(nodesOf)];
}

/** The outcome CONTRACT §1 gives for a set of fired rules, independent of src/decide. */
function referenceOutcome(doc: PolicyDocument, fired: ReadonlySet<number>): string {
  const rules = doc.rules.map((r, index) => ({ r, index, priority: r.priority ?? 1 })).filter((x) => fired.has(x.index));
  if (rules.length === 0) return doc.decision?.default ?? 'undecided';
  const strategy = doc.decision?.strategy ?? 'priority';
  if (strategy === 'first') return (rules[0] as (typeof rules)[number]).r.event.type;
  const adverse = rules.filter((x) => doc.outcomes[x.r.event.type]?.adverse === true);
  const pool = strategy === 'adverse-overrides' && adverse.length > 0 ? adverse : rules;
  const top = Math.max(...pool.map((x) => x.priority));
  return (pool.find((x) => x.priority === top) as (typeof rules)[number]).r.event.type;
}

describe('three-valued logic with missing facts', () => {
  it(`is sound: whatever a partial fact set settles, every completion agrees (${RUNS} policies × ${COMPLETIONS} completions)`, async () => {
    const stats = { runs: 0, decided: 0, undecided: 0, definiteRules: 0, unknownLeaves: 0 };
    await fc.assert(
      fc.asyncProperty(
        policyDocument,
        partialFacts,
        fc.array(completeFacts, { minLength: COMPLETIONS, maxLength: COMPLETIONS }),
        async (doc, partial, fillers) => {
          const policy = generatedPolicy(doc);
          if (policy === undefined) return;
          stats.runs++;
          const internals = policyInternals(policy);
          const known = (name: string): boolean => partial[name] !== undefined && partial[name] !== null;
          const missingFacts = FACT_NAMES.filter((f) => !known(f));
          const completions = fillers.map((filler) => ({
            ...Object.fromEntries(Object.entries(partial).filter(([k]) => known(k))),
            ...Object.fromEntries(missingFacts.map((f) => [f, filler[f]])),
          }));

          const evaluation = evaluate(internals, partial);
          // a comparison on a missing fact is unknown, never false; with its facts known it is a boolean
          for (const e of evaluation.rules) {
            for (const leaf of leavesOf(e.trace, e.shared)) {
              const reads = [leaf.fact, ...(leaf.expectedFact === undefined ? [] : [leaf.expectedFact])];
              const unknown = reads.some((f) => (FACT_NAMES as string[]).includes(f) && !known(f));
              if (unknown) stats.unknownLeaves++;
              if (unknown) expect(leaf.result).toBe('unknown');
              else expect(typeof leaf.result).toBe('boolean');
            }
          }
          // every node (and so every rule) that partial facts settle stays settled the same way
          for (const completion of completions) {
            const full = evaluate(internals, completion);
            evaluation.rules.forEach((e, i) => {
              const other = full.rules[i] as (typeof full.rules)[number];
              // A shared condition is traced in full once per call: compare the trees it stands for.
              const before = nodesOf(expandTrace(e.trace, e.shared));
              const after = nodesOf(expandTrace(other.trace, other.shared));
              expect(after).toHaveLength(before.length);
              before.forEach((node, j) => {
                if (node.result !== 'unknown') expect((after[j] as ConditionTrace).result).toBe(node.result);
              });
              if (e.fired !== 'unknown') expect(other.fired).toBe(e.fired);
              expect(typeof other.fired).toBe('boolean');
            });
          }
          stats.definiteRules += evaluation.rules.filter((e) => e.fired !== 'unknown').length;

          const result = await explain(policy, partial);
          const outcomes = completions.map((c) => decideOutcome(evaluate(internals, c).rules, internals.document).outcome);
          if (result.outcome !== 'undecided') {
            stats.decided++;
            for (const o of outcomes) expect(o).toBe(result.outcome);
          } else {
            stats.undecided++;
          }

          // Exactly: the decision is open iff some truth values of the open rules give
          // different outcomes (each open rule taken as free to hold or not).
          const sure = new Set(evaluation.rules.filter((e) => e.fired === true).map((e) => e.rule.index));
          const open = evaluation.rules.filter((e) => e.fired === 'unknown').map((e) => e.rule.index);
          const possible = new Set<string>();
          for (let mask = 0; mask < 1 << open.length; mask++) {
            const fired = new Set(sure);
            open.forEach((index, bit) => {
              if ((mask >> bit) & 1) fired.add(index);
            });
            possible.add(referenceOutcome(internals.document, fired));
          }
          if (possible.size === 1) {
            expect(result.outcome).toBe([...possible][0]);
            // settled: nothing to ask
            expect(result.missing).toEqual([]);
          } else {
            expect(result.outcome).toBe('undecided');
            expect(result.missing.length).toBeGreaterThan(0);
            // only facts that were not given are asked for
            for (const m of result.missing) expect(known(m.fact)).toBe(false);
          }
          expect(result.escalation.offered || result.outcome !== 'undecided').toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
    console.log(`three-valued: ${stats.runs} policies, ${stats.decided} decided and ${stats.undecided} undecided with partial facts; ${stats.definiteRules} rules settled despite missing facts; ${stats.unknownLeaves} unknown leaves`);
    expect(stats.decided).toBeGreaterThan(RUNS / 10);
    expect(stats.undecided).toBeGreaterThan(RUNS / 10);
    expect(stats.definiteRules).toBeGreaterThan(0);
  });

  it('gives every rule the same truth without a trace (truthOf, for the counterfactual search) as with one', () => {
    let compared = 0;
    fc.assert(
      fc.property(policyDocument, fc.oneof(completeFacts, partialFacts), (doc, facts) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        const internals = policyInternals(policy);
        const source = { facts: readFacts(internals.document, facts), parameters: internals.parameters };
        const traced = evaluateRules(internals.rules, source).rules.map((e) => e.fired);
        expect(internals.rules.map((rule) => truthOf(rule.root, source))).toEqual(traced);
        compared += traced.length;
      }),
      { numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(400);
  });

  it('treats null like an absent fact', async () => {
    await fc.assert(
      fc.asyncProperty(policyDocument, partialFacts, async (doc, partial) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        const absent = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== null));
        const asNull = { ...Object.fromEntries(FACT_NAMES.map((f) => [f, null])), ...absent };
        expect(await explain(policy, asNull)).toEqual(await explain(policy, absent));
      }),
      { numRuns: 60 },
    );
  });
});
