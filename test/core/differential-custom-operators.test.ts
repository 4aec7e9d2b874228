import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/index.js';
import type { PolicyDocument } from '../../src/policy/schema.js';
import { runEngine } from '../helpers/engine.js';
import { TEST_OPERATORS } from '../helpers/custom-operators.js';

/**
 * The differential test of custom operators: random policies whose conditions use custom
 * operators (plain, under `not`, and with json-rules-engine's decorators) beside built-in ones,
 * on random complete facts, fire exactly the rules json-rules-engine 7.3 fires with the same
 * operators registered by `engine.addOperator`.
 *
 * json-rules-engine calls a custom operator with whatever the fact is; because calls it only on
 * values of its declared types and calls the condition false otherwise (json-rules-engine's own
 * `factValueValidator` does the same). The json-rules-engine side is given that check, written
 * here independently of src/, so the two agree on what the operator is.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const is: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  date: (v) => typeof v === 'string' && ISO_DATE.test(v),
};

/** The operators as a json-rules-engine user registers them, with the type check spelt out. */
const ENGINE_OPERATORS = Object.fromEntries(
  Object.entries(TEST_OPERATORS).map(([name, op]) => [
    name,
    (a: unknown, b: unknown) =>
      op.factTypes.some((t) => is[t]?.(a) === true) && op.valueTypes.some((t) => is[t]?.(b) === true) && (op.evaluate as (x: unknown, y: unknown) => boolean)(a, b),
  ]),
);

const WORDS = ['', 'A', 'AB', 'ABC', 'B', 'BA', 'SPRING-1'];
const DATES = ['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31'];
const PATTERNS = ['^A', 'B$', '^[A-Z]+-\\d$', 'A.?B', '^$'];

const leaf: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ fact: fc.constant('code'), operator: fc.constantFrom('startsWith', 'not:startsWith', 'swap:startsWith'), value: fc.constantFrom(...WORDS) }),
  fc.record({ fact: fc.constant('code'), operator: fc.constantFrom('matches', 'not:matches'), value: fc.constantFrom(...PATTERNS) }),
  fc.record({ fact: fc.constant('bought'), operator: fc.constantFrom('before', 'not:before'), value: fc.constantFrom(...DATES) }),
  fc.record({ fact: fc.constant('bought'), operator: fc.constant('before'), value: fc.constant({ fact: 'deadline' }) }),
  fc.record({ fact: fc.constant('tags'), operator: fc.constantFrom('someFact:startsWith', 'everyFact:startsWith', 'someFact:matches'), value: fc.constantFrom('A', 'B', '^A') }),
  fc.record({ fact: fc.constant('code'), operator: fc.constant('startsWith'), value: fc.constant({ fact: 'prefix' }) }),
  fc.record({ fact: fc.constant('total'), operator: fc.constantFrom('greaterThan', 'lessThanInclusive'), value: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ fact: fc.constant('code'), operator: fc.constantFrom('equal', 'in'), value: fc.constantFrom('A', ['A', 'AB']) }).filter((l) => (l['operator'] === 'in') === Array.isArray(l['value'])),
);

const tree: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;

const policyDoc: fc.Arbitrary<PolicyDocument> = fc.array(fc.oneof(fc.record({ all: fc.array(tree, { minLength: 1, maxLength: 3 }) }), fc.record({ any: fc.array(tree, { minLength: 1, maxLength: 3 }) })), { minLength: 1, maxLength: 4 }).map(
  (roots) =>
    ({
      id: 'differential-custom',
      version: '1',
      facts: {
        code: { type: 'string' },
        prefix: { type: 'string' },
        bought: { type: 'date' },
        deadline: { type: 'date' },
        tags: { type: 'array', items: 'string' },
        total: { type: 'integer' },
      },
      outcomes: { yes: {}, no: { adverse: true } },
      rules: roots.map((conditions, i) => ({ name: `r${i}`, conditions, event: { type: i % 2 === 0 ? 'yes' : 'no' } })),
    }) as unknown as PolicyDocument,
);

const facts = fc.record({
  code: fc.constantFrom(...WORDS),
  prefix: fc.constantFrom(...WORDS),
  bought: fc.constantFrom(...DATES),
  deadline: fc.constantFrom(...DATES),
  tags: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }),
  total: fc.integer({ min: 0, max: 10 }),
});

describe('custom operators against json-rules-engine', () => {
  it('fire the same rules as engine.addOperator does, on random policies and facts', async () => {
    let compared = 0;
    let firedSome = 0;
    await fc.assert(
      fc.asyncProperty(policyDoc, fc.array(facts, { minLength: 1, maxLength: 6 }), async (doc, factSets) => {
        const policy = definePolicy(doc, { operators: TEST_OPERATORS });
        for (const given of factSets) {
          const ours = (await policy.decide(given)).trace.filter((t) => t.fired === true).map((t) => t.rule);
          const theirs = (await runEngine(doc, given, ENGINE_OPERATORS)).fired;
          expect(ours).toEqual(theirs);
          compared++;
          if (ours.length > 0) firedSome++;
        }
      }),
      { numRuns: 200 },
    );
    // The comparison means something: many runs, and rules that fire as well as rules that do not.
    expect(compared).toBeGreaterThan(400);
    expect(firedSome).toBeGreaterThan(compared / 10);
    expect(firedSome).toBeLessThan(compared);
  });
});
