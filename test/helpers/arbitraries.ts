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

// ---------------------------------------------------------------------------------------------
// Tainted policies: internal and personal facts and parameters whose values and labels are
// sentinels, for the confidentiality property test (test/result/taint.test.ts).

/** A value or label a reader must never see, with the forms to look for in a text. */
export interface Sentinel {
  /** `internal`: never for a customer; `personal`: never while `redact` is on. */
  readonly kind: 'internal' | 'personal';
  readonly what: string;
  /** Substrings (lower case) any of which in a text is a leak. */
  readonly forms: readonly string[];
}

const GROUPING = [',', '.', '\u00a0', '\u202f', ' ', '’', "'", ''];

/**
 * The forms of a number a formatter may print, in any locale, with or without grouping, as a
 * figure, an amount or a step beside it (a counterfactual ± 1): its whole part, grouped in every
 * way. Whole parts are 3000–9999, so no other figure of a generated policy has them.
 */
function numberForms(n: number): string[] {
  const forms = new Set<string>();
  for (const whole of [Math.trunc(n) - 1, Math.trunc(n), Math.trunc(n) + 1]) {
    const digits = String(whole);
    for (const g of GROUPING) forms.add(`${digits.slice(0, -3)}${g}${digits.slice(-3)}`);
  }
  return [...forms];
}

/**
 * Seven sentinel amounts, whole parts of 3000–9999 in buckets of a thousand (so no two are
 * within a step of each other), cents never zero.
 */
const sentinelNumbers = fc
  .tuple(...Array.from({ length: 7 }, (_, i) => fc.tuple(fc.integer({ min: 3000 + i * 1000, max: 3997 + i * 1000 }), fc.integer({ min: 1, max: 99 }))))
  .chain((pairs) => fc.shuffledSubarray(pairs.map(([w, c]) => w + (c % 10 === 0 ? c + 1 : c) / 100), { minLength: 7, maxLength: 7 }));
/** A sentinel word: a made-up token no locale, label or value of a generated policy holds. */
const sentinelWord = fc.stringMatching(/^[a-z]{6}$/).map((s) => `qz${s}`);

/** The facts and values a tainted policy declares, with their sentinels. */
export interface TaintedPolicy {
  readonly doc: PolicyDocument;
  readonly sentinels: readonly Sentinel[];
  /** Values for every fact, sentinels for the internal and personal ones. */
  readonly values: Readonly<Record<string, unknown>>;
}

const PUBLIC_LEAVES = [
  { fact: 'pubN', operator: 'greaterThan', value: 50 },
  { fact: 'pubN', operator: 'lessThanInclusive', value: { fact: 'pubLimit' } },
  { fact: 'pubS', operator: 'equal', value: 'red' },
  { fact: 'pubS', operator: 'in', value: ['green', 'blue'] },
  { fact: 'pubB', operator: 'equal', value: true },
  { fact: 'pubC', operator: 'lessThan', value: 20 },
  { fact: 'pubList', operator: 'contains', value: 'x' },
] as const;

/**
 * A random policy over public, internal and personal facts and parameters, whose internal and
 * personal values, labels, enum values, value labels, dates and amounts are sentinels; rules,
 * internal rules and conditions, shared conditions, `because` texts with placeholders of every
 * kind, and random facts (absent ones too).
 */
export const taintedPolicy: fc.Arbitrary<TaintedPolicy> = fc
  .record({
    n: sentinelNumbers,
    w: fc.uniqueArray(sentinelWord, { minLength: 12, maxLength: 12 }),
    internalYear: fc.integer({ min: 2080, max: 2099 }),
    personalYear: fc.integer({ min: 1930, max: 1950 }),
    kind: fc.constantFrom('refund', 'account', 'service', 'personalisation', 'other'),
    strategy: fc.constantFrom('priority', 'adverse-overrides', 'first'),
    fallback: fc.option(fc.constantFrom(...OUTCOME_NAMES), { nil: undefined }),
    confidential: fc.boolean(),
    escalation: fc.constantFrom(undefined, 'Ask for a colleague; limits such as {{secLimit}} apply.', 'A colleague will help ({{perS}}, {{pubN}}).'),
    shapes: fc.array(
      fc.record({
        leaves: fc.array(fc.nat(99), { minLength: 1, maxLength: 3 }),
        combinator: fc.constantFrom('all', 'any'),
        negate: fc.boolean(),
        internalNode: fc.nat(9),
        internalRule: fc.nat(9),
        shared: fc.nat(9),
        because: fc.nat(9),
        outcome: fc.constantFrom(...OUTCOME_NAMES),
        priority: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    present: fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }),
    pick: fc.array(fc.nat(99), { minLength: 8, maxLength: 8 }),
  })
  .map(({ n, w, internalYear, personalYear, kind, strategy, fallback, confidential, escalation, shapes, present, pick }) => {
    const [secValue, secThreshold, secLimit, secMoney, secAmount, perNumber, secOther] = n as [number, number, number, number, number, number, number];
    const word = (i: number): string => w[i] as string;
    const [enumA, enumB, enumC, listWord] = [word(0), word(1), word(2), word(3)];
    const internalDate = `${internalYear}-0${(pick[0] as number) % 9 + 1}-1${(pick[1] as number) % 9}`;
    const personalDate = `${personalYear}-1${(pick[2] as number) % 3}-2${(pick[3] as number) % 8}`;
    const email = `${word(4)}@example.invalid`;
    const facts = {
      pubN: { type: 'number', label: 'public number', question: 'What is the public number?' },
      pubS: { type: 'string', enum: ['red', 'green', 'blue'], label: 'colour' },
      pubB: { type: 'boolean', label: 'flag' },
      pubC: { type: 'number', unit: 'currency', currency: 'EUR', label: 'fee' },
      pubList: { type: 'array', items: 'string', label: 'tags' },
      secN: { type: 'number', internal: true, label: `${word(5)} score`, question: `What is the ${word(5)} score?` },
      secE: { type: 'string', internal: true, enum: [enumA, enumB, enumC], valueLabels: { [enumA]: word(6) }, label: `${word(7)} band` },
      secD: { type: 'date', internal: true, label: `${word(8)} date` },
      secC: { type: 'number', unit: 'currency', currency: 'EUR', internal: true, label: `${word(9)} exposure` },
      secB: { type: 'boolean', internal: true, label: `${word(10)} flag`, mutable: true },
      perS: { type: 'string', personal: true, label: 'email address' },
      perN: { type: 'number', unit: 'currency', currency: 'EUR', personal: true, label: 'income' },
      perD: { type: 'date', personal: true, label: 'birth date' },
    };
    const parameters = {
      pubLimit: { value: 60, label: 'public limit' },
      secLimit: { value: secLimit, internal: true, label: `${word(11)} cutoff` },
      secMoney: { value: secMoney, unit: 'currency', currency: 'EUR', internal: true },
      secList: { value: [listWord, 'red'], internal: true },
    };
    const leaves: Record<string, unknown>[] = [
      ...PUBLIC_LEAVES,
      { fact: 'secN', operator: 'greaterThan', value: secThreshold },
      { fact: 'secN', operator: 'lessThanInclusive', value: { fact: 'secLimit' } },
      { fact: 'secE', operator: 'in', value: [enumA, enumB] },
      { fact: 'secE', operator: 'equal', value: enumC },
      { fact: 'secD', operator: 'equal', value: internalDate },
      { fact: 'secC', operator: 'greaterThanInclusive', value: secOther },
      { fact: 'secB', operator: 'equal', value: true },
      { fact: 'pubN', operator: 'lessThan', value: { fact: 'secLimit' } },
      { fact: 'pubC', operator: 'greaterThan', value: { fact: 'secMoney' } },
      { fact: 'pubS', operator: 'in', value: { fact: 'secList' } },
      { fact: 'perS', operator: 'equal', value: email },
      { fact: 'perN', operator: 'greaterThan', value: 1000 },
      { fact: 'perD', operator: 'equal', value: personalDate },
      // A public fact against an internal figure, inside an internal condition: as secret.
      { all: [{ fact: 'pubC', operator: 'lessThan', value: secThreshold }], internal: true },
    ];
    const BECAUSE = ['the {{pubN}} is too high', 'your {{perS}} and {{perN}} matter', 'we compared with {{secLimit}} and {{secN}}', 'it is {{secE}} on {{secD}}'];
    const rules = shapes.map((s, i) => {
      const children = s.leaves.map((k) => ({ ...(leaves[k % leaves.length] as Record<string, unknown>), ...(s.internalNode === 0 ? { internal: true } : {}) }));
      const inner = { [s.combinator]: children, ...(s.internalNode === 1 ? { internal: true } : {}) };
      const conditions = s.shared < 2 ? { all: [{ condition: 'shared', ...(s.shared === 0 ? { internal: true } : {}) }, s.negate ? { not: inner } : inner] } : s.negate ? { all: [{ not: inner }] } : inner;
      return {
        name: `rule-${i}`,
        priority: s.priority,
        conditions,
        event: { type: s.outcome },
        ...(s.internalRule === 0 ? { internal: true } : {}),
        ...(s.because < BECAUSE.length ? { because: BECAUSE[s.because] } : {}),
      };
    });
    const doc = {
      id: 'tainted',
      version: '1',
      kind,
      facts,
      parameters,
      outcomes: OUTCOMES,
      conditions: { shared: { any: [leaves[7 + ((pick[4] as number) % 7)], leaves[(pick[5] as number) % 7]] } },
      decision: fallback === undefined ? { strategy } : { strategy, default: fallback },
      ...(confidential || escalation !== undefined
        ? { texts: { ...(confidential ? { confidentialReason: 'our routine checks found something we need to look into' } : {}), ...(escalation === undefined ? {} : { escalation }) } }
        : {}),
      rules,
    } as unknown as PolicyDocument;

    const all: Record<string, unknown> = {
      pubN: [10, 50, 51, 60, 100][(pick[6] as number) % 5],
      pubS: ['red', 'green', 'blue'][(pick[7] as number) % 3],
      pubB: (pick[0] as number) % 2 === 0,
      pubC: [5, 19.99, 20, 35][(pick[1] as number) % 4],
      pubList: (pick[2] as number) % 2 === 0 ? ['x', 'y'] : ['y'],
      secN: secValue,
      secE: [enumA, enumB, enumC][(pick[3] as number) % 3],
      secD: (pick[4] as number) % 2 === 0 ? internalDate : `${internalYear}-12-31`,
      secC: secAmount,
      secB: (pick[5] as number) % 2 === 0,
      perS: email,
      perN: perNumber,
      perD: personalDate,
    };
    const values = Object.fromEntries(Object.entries(all).filter((_, i) => present[i] === true));
    const wordForm = (s: string): string[] => [s.toLowerCase()];
    const sentinels: Sentinel[] = [
      ...[secValue, secThreshold, secLimit, secMoney, secAmount, secOther].map((v) => ({ kind: 'internal' as const, what: `internal figure ${v}`, forms: numberForms(v) })),
      ...[enumA, enumB, enumC, listWord, ...w.slice(5, 12), word(6)].map((s) => ({ kind: 'internal' as const, what: `internal word ${s}`, forms: wordForm(s) })),
      { kind: 'internal', what: `internal date ${internalDate}`, forms: [String(internalYear)] },
      { kind: 'personal', what: `personal amount ${perNumber}`, forms: numberForms(perNumber) },
      { kind: 'personal', what: `personal email ${email}`, forms: wordForm(word(4)) },
      { kind: 'personal', what: `personal date ${personalDate}`, forms: [String(personalYear)] },
    ];
    return { doc, sentinels, values };
  });
