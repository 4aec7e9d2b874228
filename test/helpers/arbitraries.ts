import fc from 'fast-check';
import { definePolicy, isPolicyError, type Policy } from '../../src/index.js';
import type { PolicyDocument } from '../../src/policy/schema.js';

/**
 * Random policies and fact sets over json-rules-engine's whole condition language: every
 * built-in operator, every decorator (`everyFact:greaterThan`, `not:swap:in`, …), nested
 * all/any/not, fact-to-fact comparisons, `path` into object facts and parameters, priorities on
 * rules and on conditions, and shared conditions referenced by name.
 *
 * Values come from small pools so that comparisons come out both ways and operands of the
 * "wrong" type (a string against a number, `undefined` through a missing path) are common.
 */

export const OPERATORS = [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'in', 'notIn', 'contains', 'doesNotContain',
] as const;
export const DECORATORS = ['someFact', 'everyFact', 'someValue', 'everyValue', 'swap', 'not'] as const;

/** The declared facts every generated policy has. */
export const FACTS = {
  n: { type: 'number' },
  m: { type: 'integer' },
  s: { type: 'string' },
  b: { type: 'boolean' },
  d: { type: 'date' },
  list: { type: 'array' },
  nums: { type: 'array', items: 'number' },
  obj: { type: 'object' },
} as const;
export type FactName = keyof typeof FACTS;
export const FACT_NAMES = Object.keys(FACTS) as FactName[];
export const PARAMETER_NAMES = ['limit', 'choices', 'conf'] as const;
export const OUTCOMES = { approve: {}, deny: { adverse: true }, refer: { human: true } } as const;
export const OUTCOME_NAMES = Object.keys(OUTCOMES) as (keyof typeof OUTCOMES)[];

const DATES = ['2025-12-31', '2026-01-01', '2026-06-30', '2026-03-01T10:00:00Z'];
export const scalar = fc.constantFrom<unknown>(-1, 0, 1, 2, 3, 2.5, 100, 'a', 'b', '', '1', 'ab', true, false, null, ...DATES);
const list = fc.array(scalar, { maxLength: 4 });
const objectValue = fc.record(
  {
    x: fc.oneof(scalar, list),
    y: fc.oneof(fc.record({ z: scalar }, { requiredKeys: [] }), scalar),
    list: fc.oneof(list, scalar),
  },
  { requiredKeys: [] },
);

/** A value of each declared fact's type: what a complete fact set holds. */
export const FACT_VALUES: { readonly [K in FactName]: fc.Arbitrary<unknown> } = {
  n: fc.constantFrom(-1, 0, 1, 2, 2.5, 3, 100),
  m: fc.integer({ min: -1, max: 3 }),
  s: fc.constantFrom('a', 'b', '', '1', 'ab'),
  b: fc.boolean(),
  d: fc.constantFrom(...DATES),
  list,
  nums: fc.array(fc.constantFrom(-1, 0, 1, 2, 3, 2.5), { maxLength: 4 }),
  obj: objectValue,
};

/** A complete fact set: every declared fact has a value. */
export const completeFacts: fc.Arbitrary<Record<FactName, unknown>> = fc.record(FACT_VALUES) as fc.Arbitrary<Record<FactName, unknown>>;

/** A partial fact set: a complete one, and which facts are left out (absent or `null`). */
export const partialFacts = fc
  .tuple(completeFacts, fc.array(fc.boolean(), { minLength: FACT_NAMES.length, maxLength: FACT_NAMES.length }), fc.boolean())
  .map(([facts, keep, asNull]) => {
    const partial: Record<string, unknown> = {};
    FACT_NAMES.forEach((name, i) => {
      if (keep[i] === true) partial[name] = facts[name];
      else if (asNull) partial[name] = null;
    });
    return partial;
  });

/** Plain JSONPaths into the object fact and the object parameter (some lead nowhere). */
export const PATHS = ['$.x', '$.y', '$.y.z', '$.list', '$.list[0]', '$.list[1]', "$['x']", '$["y"].z', '$.missing', '$.x[0]', '$.list.length', '$.x.length', '$.[\'x\']', '$.list.[0]', '$.y.["z"]'];

const read = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FACT_NAMES).map((fact) => ({ fact })) },
  { weight: 2, arbitrary: fc.record({ fact: fc.constant('obj'), path: fc.constantFrom(...PATHS) }) },
  { weight: 1, arbitrary: fc.constantFrom(...PARAMETER_NAMES).map((fact) => ({ fact })) },
  { weight: 1, arbitrary: fc.record({ fact: fc.constant('conf'), path: fc.constantFrom(...PATHS) }) },
);

const operator = fc
  .tuple(
    fc.constantFrom(...OPERATORS),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant([] as string[]) },
      { weight: 3, arbitrary: fc.constantFrom(...DECORATORS).map((d) => [d]) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom(...DECORATORS), { minLength: 2, maxLength: 3 }) },
    ),
  )
  .map(([base, decorators]) => [...decorators, base].join(':'));

const priority = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined });

/** A leaf, its right-hand side biased towards a list where the operator reads one. */
const leaf = fc
  .record({ read, operator, constant: scalar, listConstant: list, valueRead: read, pick: fc.nat(9), priority, named: fc.boolean() })
  .map(({ read: lhs, operator: op, constant, listConstant, valueRead, pick, priority: p, named }) => {
    const wantsList = /(^|:)(in|notIn)$/.test(op) || /(someValue|everyValue)/.test(op);
    // (json-rules-engine throws on `in` or `someValue` against a value that is no list or text)
    const value = wantsList ? (pick < 1 ? valueRead : pick < 9 || /Value/.test(op) ? listConstant : 'ab') : pick < 3 ? valueRead : pick < 7 ? constant : listConstant;
    return {
      ...lhs,
      operator: op,
      value,
      ...(p === undefined ? {} : { priority: p }),
      ...(named ? { name: `leaf-${op}` } : {}),
    } as Record<string, unknown>;
  })
  .filter(typesFit);

const DECLARED_TYPE: Record<string, string> = Object.fromEntries(Object.entries(FACTS).map(([k, v]) => [k, v.type]));

/**
 * Whether a leaf's operand types fit its operator where the policy declares them: `definePolicy`
 * refuses a comparison that can never hold (`contains` on a number fact). Reads through a path
 * have no declared type; of the parameters only `choices` has a fixed one (a list).
 */
function typesFit(leaf: Record<string, unknown>): boolean {
  const parts = String(leaf['operator']).split(':');
  const base = parts[parts.length - 1] as string;
  const decorators = parts.slice(0, -1);
  const swapped = decorators.includes('swap');
  const factIsList = decorators.includes('someFact') || decorators.includes('everyFact');
  const declared = (r: Record<string, unknown>): string | undefined =>
    r['path'] !== undefined ? undefined : r['fact'] === 'choices' ? 'array' : r['fact'] === 'conf' ? 'object' : DECLARED_TYPE[String(r['fact'])];
  const factType = declared(leaf);
  const value = leaf['value'];
  const valueIsRead = value !== null && typeof value === 'object' && !Array.isArray(value);
  const valueType = valueIsRead
    ? (value as Record<string, unknown>)['fact'] === 'limit' ? 'unknown-parameter' : declared(value as Record<string, unknown>)
    : Array.isArray(value) ? 'array' : value === null ? undefined : typeof value;
  const isParameter = (PARAMETER_NAMES as readonly unknown[]).includes(leaf['fact']) && leaf['path'] === undefined;
  if (!isParameter && factType !== undefined && factType !== 'array' && (factIsList || (['contains', 'doesNotContain'].includes(base) && !swapped))) return false;
  const needsList = decorators.includes('someValue') || decorators.includes('everyValue') || (['in', 'notIn'].includes(base) && !swapped);
  if (needsList && valueType !== undefined && valueType !== 'array' && valueType !== 'string') return false;
  // json-rules-engine throws on a swapped `in` whose fact is a number or a boolean: rarely worth generating
  if (swapped && ['in', 'notIn'].includes(base) && factType !== undefined && !['array', 'string', 'date'].includes(factType)) return false;
  const numeric = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'].includes(base);
  if (numeric && !factIsList && !swapped && !isParameter && factType !== undefined && !['number', 'integer', 'date'].includes(factType)) return false;
  // A plain comparison of a declared fact with a constant that can never match its type
  // (`"a"` against a number, `equal null`) is refused too.
  const plain = decorators.every((d) => d === 'not');
  if (plain && value === null && !isParameter && factType !== undefined && (['equal', 'notEqual'].includes(base) || numeric)) return false;
  if (plain && !valueIsRead && !isParameter && factType !== undefined && !['array', 'object'].includes(factType)) {
    const fitsType = (v: unknown, integer: boolean): boolean =>
      factType === 'number' || factType === 'integer'
        ? typeof v === 'number' && (!integer || factType === 'number' || Number.isInteger(v))
        : factType === 'date'
          ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)
          : typeof v === factType;
    if (['equal', 'notEqual'].includes(base) && !fitsType(value, true)) return false;
    if (numeric && !fitsType(value, false)) return false;
    if (['in', 'notIn'].includes(base) && Array.isArray(value) && !value.every((v) => fitsType(v, true))) return false;
  }
  if (plain && !valueIsRead && factType === 'array' && leaf['fact'] === 'nums' && ['contains', 'doesNotContain'].includes(base) && typeof value !== 'number') return false;
  return true;
}

/** A condition tree of at most `depth` boolean levels; references to shared conditions `shared0…shared<sharedCount-1>`. */
export function conditionTree(depth: number, sharedCount: number, topLevel = true): fc.Arbitrary<Record<string, unknown>> {
  const boolean = (d: number): fc.Arbitrary<Record<string, unknown>> => {
    const child = d <= 0 ? leaf : fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: conditionTree(d - 1, sharedCount, false) });
    return fc.oneof(
      fc.record({ all: fc.array(child, { maxLength: 4 }), priority }),
      fc.record({ any: fc.array(child, { maxLength: 4 }), priority }),
      fc.record({ not: child, priority }),
    ).map(dropUndefined);
  };
  const reference =
    sharedCount > 0
      ? [{ weight: 1, arbitrary: fc.record({ condition: fc.integer({ min: 0, max: sharedCount - 1 }).map((i) => `shared${i}`), priority }).map(dropUndefined) }]
      : [];
  return fc.oneof({ weight: topLevel ? 4 : 3, arbitrary: boolean(depth) }, ...reference);
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** A random policy document (not yet validated by `definePolicy`). */
export const policyDocument: fc.Arbitrary<PolicyDocument> = fc
  .integer({ min: 0, max: 2 })
  .chain((sharedCount) =>
    fc.record({
      // shared<i> only refers to shared<j < i>: no cycles
      shared: fc.tuple(...Array.from({ length: sharedCount }, (_, i) => conditionTree(1, i))),
      rules: fc.array(
        fc.record({ conditions: conditionTree(2, sharedCount), outcome: fc.constantFrom(...OUTCOME_NAMES), priority }),
        { minLength: 1, maxLength: 5 },
      ),
      strategy: fc.constantFrom('priority', 'adverse-overrides', 'first'),
      fallback: fc.option(fc.constantFrom(...OUTCOME_NAMES), { nil: undefined }),
      limit: scalar,
      choices: list,
      conf: objectValue,
    }),
  )
  .map(({ shared, rules, strategy, fallback, limit, choices, conf }) => ({
    id: 'generated',
    version: '1',
    facts: FACTS as unknown as PolicyDocument['facts'],
    parameters: { limit: { value: limit }, choices: { value: choices }, conf: { value: conf } } as PolicyDocument['parameters'],
    outcomes: OUTCOMES as unknown as PolicyDocument['outcomes'],
    ...(shared.length === 0 ? {} : { conditions: Object.fromEntries(shared.map((c, i) => [`shared${i}`, c])) }),
    decision: fallback === undefined ? { strategy } : { strategy, default: fallback },
    rules: rules.map((r, i) => ({
      name: `rule-${i}`,
      ...(r.priority === undefined ? {} : { priority: r.priority }),
      conditions: r.conditions,
      event: { type: r.outcome },
    })),
  }) as unknown as PolicyDocument);

/**
 * The policy of a generated document, or `undefined` when definePolicy refuses it for the one
 * reason the generator allows: operand types that never compare. Any other refusal throws.
 */
export function generatedPolicy(doc: PolicyDocument): Policy | undefined {
  try {
    return definePolicy(doc);
  } catch (error) {
    if (isPolicyError(error) && error.issues.every((i) => i.code === 'operator_type_mismatch')) return undefined;
    throw error;
  }
}
