import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/index.js';
import { decideOutcome, decideTraces, strategyOrder, type OutcomeDecision } from '../../src/decide/decide.js';
import { evaluateProgram, evaluateRules, leavesOf, runProgram, tracedProgram, type RuleEvaluation } from '../../src/evaluate/evaluate.js';
import { factIndex, readFacts, readFactsReference, readFactValues } from '../../src/evaluate/facts.js';
import { decideSync, explainSync } from '../../src/explain/explain.js';
import { placeholders, UNDECIDED } from '../../src/policy/check.js';
import { policyInternals, type PolicyInternals } from '../../src/policy/define.js';
import { cloneJson } from '../../src/policy/json.js';
import type { FactDeclaration, PolicyDocument } from '../../src/policy/schema.js';
import { FACT_NAMES, generatedPolicy, partialFacts, policyDocument, scalar } from '../helpers/arbitraries.js';

/**
 * `decide()` evaluates rules with trace functions made once per policy, reads facts through a
 * quick check per declared fact, draws the outcome in the policy's order made once, and builds
 * each rule's trace entry straight from its trace. Here each is held, on random policies
 * (shared conditions, priorities, every operator and decorator, paths, parameters, personal
 * facts redacted or not, internal conditions) and random facts, to the path it replaced:
 * the tree-walking `evaluateRules`, the fact reader without the quick check, `decideOutcome`
 * over `strategyOrder`, and `decide` as it was written before.
 */

/** A generated document with some facts personal and some conditions internal. */
const variedDocument = fc
  .record({
    doc: policyDocument,
    personal: fc.subarray([...FACT_NAMES]),
    every: fc.integer({ min: 2, max: 7 }),
    because: fc.array(fc.option(fc.constantFrom<unknown>('as {{n}} and {{s}}', '{{obj}} over {{limit}}', { en: 'on {{d}}', nl: '{{b}} {{n}} {{m}}' }), { nil: undefined }), { minLength: 5, maxLength: 5 }),
    params: fc.array(
      fc.option(fc.constantFrom<unknown>({ code: 'A' }, { code: 'B', n: 1, ok: true, z: null }, { nested: { a: [1, { b: 2 }] } }, JSON.parse('{"__proto__": {"x": 1}, "a": 1}'), JSON.parse('{"__proto__": 2, "2": "b", "1": "a"}'), { list: [1, 2] }, {}), { nil: undefined }),
      { minLength: 5, maxLength: 5 },
    ),
    messages: fc.array(fc.option(fc.constantFrom<unknown>('{{outcome}}: {{list}}', { en: '{{because}} {{nums}}', de: '{{s}}' }), { nil: undefined }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ doc, personal, every, because, params, messages }) => {
    const facts = Object.fromEntries(Object.entries(doc.facts).map(([name, d]) => [name, personal.includes(name as never) ? { ...d, personal: true } : d]));
    let count = 0;
    const mark = (node: unknown): unknown => {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = k === 'all' || k === 'any' ? (v as unknown[]).map(mark) : k === 'not' ? mark(v) : v;
      if (++count % every === 0) out['internal'] = true;
      return out;
    };
    return {
      ...doc,
      facts,
      ...(doc.conditions === undefined ? {} : { conditions: Object.fromEntries(Object.entries(doc.conditions).map(([n, c]) => [n, mark(c)])) }),
      outcomes: Object.fromEntries(Object.entries(doc.outcomes).map(([name, o], i) => [name, messages[i] === undefined ? o : { ...o, message: messages[i] }])),
      rules: doc.rules.map((r, i) => ({
        ...r,
        conditions: mark(r.conditions),
        ...(because[i] === undefined ? {} : { because: because[i] }),
        ...(params[i] === undefined ? {} : { event: { ...r.event, params: params[i] } }),
      })),
    } as unknown as PolicyDocument;
  });

/** decideOutcome as it was: every evaluation in `strategyOrder`. */
function referenceOutcome(evaluations: readonly RuleEvaluation[], doc: PolicyDocument): OutcomeDecision {
  const open: RuleEvaluation[] = [];
  let decidedBy: RuleEvaluation | null = null;
  for (const evaluation of strategyOrder(evaluations, doc)) {
    if (evaluation.fired === true) {
      decidedBy = evaluation;
      break;
    }
    if (evaluation.fired === 'unknown') open.push(evaluation);
  }
  const fallback = decidedBy?.rule.outcome ?? doc.decision?.default ?? UNDECIDED;
  if (open.every((o) => o.rule.outcome === fallback)) return { outcome: fallback, decidedBy, open: [] };
  return { outcome: UNDECIDED, decidedBy: null, open };
}

function referenceNamed(internals: PolicyInternals, decision: OutcomeDecision): string[] {
  const doc = internals.document;
  const rule = decision.decidedBy === null ? undefined : doc.rules[decision.decidedBy.rule.index];
  const texts = [rule?.because, Object.hasOwn(doc.outcomes, decision.outcome) ? doc.outcomes[decision.outcome]?.message : undefined];
  const found = new Set<string>();
  for (const text of texts) {
    if (text === undefined) continue;
    for (const source of typeof text === 'string' ? [text] : Object.values(text)) for (const name of placeholders(source)) if (Object.hasOwn(doc.facts, name)) found.add(name);
  }
  return [...found];
}

function referenceMissing(decision: OutcomeDecision, given: ReadonlyMap<string, unknown>, internals: PolicyInternals) {
  const doc = internals.document;
  const counts = new Map<string, number>();
  if (decision.open.length === 0) {
    const named = referenceNamed(internals, decision);
    if (named.length === 0) return [];
    for (const name of named) if (!given.has(name)) counts.set(name, 1);
  }
  for (const open of decision.open) {
    const facts = new Set<string>();
    for (const leaf of leavesOf(open.trace, open.shared)) {
      if (leaf.result !== 'unknown') continue;
      for (const name of [leaf.fact, leaf.expectedFact]) if (name !== undefined && Object.hasOwn(doc.facts, name) && !given.has(name)) facts.add(name);
    }
    for (const name of facts) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([fact, rules]) => ({ fact, askCustomer: doc.facts[fact]?.internal !== true && doc.facts[fact]?.from !== 'host', rules }));
}

/** decide() as it was written before it was made fast. */
function referenceDecide(policy: Policy, facts: unknown, redact: boolean) {
  const internals = policyInternals(policy);
  const doc = internals.document;
  const given = readFactsReference(doc, facts, redact);
  const evaluation = evaluateRules(internals.rules, { facts: given, parameters: internals.parameters }, redact);
  const decision = referenceOutcome(evaluation.rules, doc);
  const by = decision.decidedBy;
  const params = by === null ? undefined : doc.rules[by.rule.index]?.event.params;
  return {
    outcome: decision.outcome,
    decidedBy: by?.rule.name ?? null,
    event: by === null ? null : { type: by.rule.outcome, params: params === undefined ? {} : cloneJson(params) },
    trace: evaluation.rules.map((e) => ({ rule: e.rule.name, priority: e.rule.priority, outcome: e.rule.outcome, fired: e.fired, conditions: e.trace })),
    missing: referenceMissing(decision, given, internals),
    factsUsed: evaluation.factsUsed,
    policy: { id: policy.id, version: policy.version, hash: policy.hash },
  };
}

/** Equal value for value, and key for key in the same order. */
function same(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

describe('the fast decide path', () => {
  it('traces every rule as the tree walk does: same traces, facts used, shared traces, outcome', () => {
    fc.assert(
      fc.property(variedDocument, fc.array(partialFacts, { minLength: 1, maxLength: 4 }), fc.boolean(), (doc, factSets, redact) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        const internals = policyInternals(policy);
        const program = tracedProgram(internals.rules, internals.parameters, factIndex(internals.document));
        for (const facts of factSets) {
          const given = readFacts(internals.document, facts, redact);
          const values = readFactValues(internals.document, facts, redact);
          const slow = evaluateRules(internals.rules, { facts: given, parameters: internals.parameters }, redact);
          const fast = evaluateProgram(program, values, redact);
          same(fast.rules.map((e) => [e.rule, e.fired, e.trace]), slow.rules.map((e) => [e.rule, e.fired, e.trace]));
          same(fast.factsUsed, slow.factsUsed);
          same([...(fast.rules[0]?.shared ?? new Map())], [...(slow.rules[0]?.shared ?? new Map())]);
          const run = runProgram(program, values, redact);
          same(run.rules, slow.rules.map((e) => ({ rule: e.rule.name, priority: e.rule.priority, outcome: e.rule.outcome, fired: e.fired, conditions: e.trace })));
          same(run.factsUsed, slow.factsUsed);
          // The outcome: in the policy's order made once, and from the traces alone.
          const reference = referenceOutcome(slow.rules, internals.document);
          const summary = (d: OutcomeDecision) => [d.outcome, d.decidedBy?.rule.index ?? null, d.open.map((o) => [o.rule.index, o.fired, o.trace])];
          same(summary(decideOutcome(slow.rules, internals.document)), summary(reference));
          same(summary(decideTraces(run.rules, program.rules, run.shared, internals.document)), summary(reference));
          // Evaluations not in file order, or not all of them, are sorted as before.
          const some = [...slow.rules].reverse().filter((_, i) => i % 2 === 0);
          same(summary(decideOutcome(some, internals.document)), summary(referenceOutcome(some, internals.document)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('decides as decide() did before, field for field, and explain() traces the same', () => {
    fc.assert(
      fc.property(variedDocument, partialFacts, fc.boolean(), (doc, facts, redact) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        const expected = referenceDecide(policy, facts, redact);
        const decided = decideSync(policy, facts, { at: '2026-03-01', redact });
        same(decided, expected);
        // A second call gives fresh objects, equal to the first.
        const again = decideSync(policy, facts, { at: '2026-03-01', redact });
        same(again, expected);
        expect(again.trace[0]).not.toBe(decided.trace[0]);
        if (decided.event !== null) {
          const own = policyInternals(policy).document.rules.find((r) => r.name === decided.decidedBy)?.event.params;
          const objects = (x: unknown, into = new Set<unknown>()): Set<unknown> => {
            if (x !== null && typeof x === 'object') {
              into.add(x);
              for (const v of Object.values(x)) objects(v, into);
            }
            return into;
          };
          const ours = objects(own);
          for (const o of objects(decided.event.params)) expect(ours.has(o)).toBe(false);
          expect(decided.event.params).not.toBe(again.event?.params);
          expect(Object.getPrototypeOf(decided.event.params)).toBe(Object.prototype);
        }
        if (again.trace[0] !== undefined) expect(again.trace[0].conditions).not.toBe(decided.trace[0]?.conditions);
        const explained = explainSync(policy, facts, { at: '2026-03-01', redact, searchBudget: 0 });
        same([explained.outcome, explained.decidedBy, explained.event, explained.trace, explained.missing.map(({ fact, askCustomer, rules }) => ({ fact, askCustomer, rules })), explained.factsUsed], [expected.outcome, expected.decidedBy, expected.event, expected.trace, expected.missing, expected.factsUsed]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the missing facts of an undecided decision', () => {
  it('are counted and ordered as before, also when many facts are missing', () => {
    const FACTS = 40;
    fc.assert(
      fc.property(
        fc.array(fc.record({ any: fc.boolean(), facts: fc.uniqueArray(fc.nat(FACTS - 1), { minLength: 1, maxLength: 12 }), outcome: fc.constantFrom('approve', 'deny') }), { minLength: 1, maxLength: 8 }),
        fc.dictionary(fc.nat(FACTS - 1).map((i) => `f${i}`), fc.boolean(), { maxKeys: 20 }),
        (rules, facts) => {
          const doc = {
            id: 'many',
            version: '1',
            facts: Object.fromEntries(Array.from({ length: FACTS }, (_, i) => [`f${i}`, { type: 'boolean' }])),
            outcomes: { approve: {}, deny: { adverse: true } },
            decision: { strategy: 'first', default: 'approve' },
            rules: rules.map((r, i) => ({
              name: `r${i}`,
              conditions: { [r.any ? 'any' : 'all']: r.facts.map((f) => ({ fact: `f${f}`, operator: 'equal', value: true })) },
              event: { type: r.outcome },
            })),
          };
          const policy = generatedPolicy(doc as unknown as PolicyDocument);
          if (policy === undefined) return;
          same(decideSync(policy, facts, { at: '2026-03-01' }), referenceDecide(policy, facts, true));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Random declarations: every type, with and without choices and item types, personal or not. */
const declaration: fc.Arbitrary<FactDeclaration> = fc
  .record({
    type: fc.constantFrom('number', 'integer', 'string', 'boolean', 'date', 'array', 'object'),
    items: fc.option(fc.constantFrom('number', 'integer', 'string', 'boolean', 'date', 'array', 'object'), { nil: undefined }),
    choices: fc.option(fc.array(fc.constantFrom<unknown>('a', 'b', '', '2026-01-01', 1, 0), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    personal: fc.boolean(),
  })
  .map(({ type, items, choices, personal }) => {
    const d: Record<string, unknown> = { type };
    if (type === 'array' && items !== undefined) d['items'] = items;
    if (choices !== undefined) d['enum'] = choices;
    if (personal) d['personal'] = true;
    return d as unknown as FactDeclaration;
  });

/** Values right and wrong: scalars, -0, NaN, Infinity, long and sparse lists, nested and odd objects. */
const rawValue: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  fc.constantFrom<unknown>(-0, NaN, Infinity, -Infinity, 1.5, 10 ** 21, undefined, '2026-02-30', 'x'.repeat(50), 0n, () => 1, Symbol('s'), new Date(0)),
  fc.array(fc.oneof(scalar, fc.constantFrom<unknown>(-0, NaN, undefined, [1], { a: 1 })), { maxLength: 6 }),
  fc.array(fc.constantFrom<unknown>(1, 'a', -0), { minLength: 60, maxLength: 70 }),
  fc.constantFrom<unknown>([1, , 3], Object.assign([1, 2], { extra: 1 })),
  fc.record({ a: scalar, b: fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })) }, { requiredKeys: [] }),
  fc.constantFrom<unknown>({ __proto__: null, a: 1 }, JSON.parse('{"__proto__": 1}'), { nested: { deep: [-0, { x: NaN }] } }),
);

describe('readFacts, the quick check per declared fact', () => {
  it('reads what the full reading reads, and throws the very same issues, on random declarations and values', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'toString', '__proto__'), declaration, { maxKeys: 6 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'toString'), rawValue, { maxKeys: 7 }),
        fc.boolean(),
        (facts, input, redact) => {
          const doc = { facts } as unknown as PolicyDocument;
          const outcome = (read: () => Map<string, unknown>) => {
            try {
              return { values: [...read()] };
            } catch (error) {
              return { error: (error as Error).constructor.name, message: (error as Error).message, issues: (error as { issues?: unknown }).issues };
            }
          };
          const fast = outcome(() => readFacts(doc, input, redact));
          const slow = outcome(() => readFactsReference(doc, input, redact));
          expect(fast).toStrictEqual(slow);
          if ('values' in fast && 'values' in slow) {
            // Copies, -0 read as 0, never the caller's objects.
            fast.values.forEach(([name, value], i) => {
              expect(Object.is(value, slow.values?.[i]?.[1]) || (typeof value === 'object' && value !== (input as Record<string, unknown>)[name])).toBe(true);
            });
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads non-objects as before', () => {
    for (const input of [null, undefined, 1, 'x', [1], true]) {
      const doc = { facts: { a: { type: 'number' } } } as unknown as PolicyDocument;
      expect(() => readFacts(doc, input)).toThrow();
      let fast: unknown, slow: unknown;
      try { readFacts(doc, input); } catch (e) { fast = (e as { issues: unknown }).issues; }
      try { readFactsReference(doc, input); } catch (e) { slow = (e as { issues: unknown }).issues; }
      expect(fast).toStrictEqual(slow);
    }
  });
});
