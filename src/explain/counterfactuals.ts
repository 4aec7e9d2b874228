import { decideOutcome } from '../decide/decide.js';
import { truthOf, type Meter, type RuleEvaluation } from '../evaluate/evaluate.js';
import { UNDECIDED } from '../policy/check.js';
import { leavesUnder, type CompiledNode, type LeafNode } from '../policy/compile.js';
import { resolvePath } from '../policy/json-path.js';
import { listed as isListed } from '../policy/operators.js';
import { fits } from '../policy/condition-types.js';
import type { PolicyInternals } from '../policy/define.js';
import type { FactDeclaration } from '../policy/schema.js';
import type { Truth } from '../result/schema.js';

/** A change to one fact. @internal */
export interface FactChange {
  readonly fact: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** A verified counterfactual, before it is phrased. @internal */
export interface FoundCounterfactual {
  readonly changes: readonly FactChange[];
  readonly outcome: string;
}

/** What a counterfactual search found, and what it cost. @internal */
export interface CounterfactualSearch {
  readonly found: FoundCounterfactual[];
  /** The budget ran out before the search tried every candidate. */
  readonly limited: boolean;
  /** The steps of the budget spent. */
  readonly steps: number;
  /** The changes (single or paired) tried. */
  readonly tries: number;
}

/** The truths of shared conditions, for a policy without any: never written. */
const NO_SHARED = new Map<string, Truth>();

/** At most this many counterfactuals are reported. */
export const MAX_COUNTERFACTUALS = 3;
/** Pairs of changes tried at most, after single changes. */
export const MAX_PAIR_EVALUATIONS = 400;
/**
 * What trying a candidate costs besides its conditions and rules, in steps of the search
 * budget: about as much as evaluating this many conditions.
 */
const STEPS_PER_TRY = 25;
/** Candidate values kept per numeric fact on each side of its current value: the nearest. */
const NEAREST_PER_SIDE = 4;

/**
 * Finds the smallest changes to mutable, non-internal facts that change the outcome.
 *
 * Candidate values come from exact boundary reasoning on the conditions that read each fact:
 * `greaterThan 30` gives 30 (the largest value that fails) and 31 (the smallest that holds, for
 * whole numbers; one cent for money), `equal`/`in` give the listed values, booleans flip. Every
 * candidate is verified by evaluating the policy with it: the rules that read a changed fact are
 * evaluated again, every other rule keeps its result on the given facts. For a number only the
 * {@link NEAREST_PER_SIDE} nearest candidates below and above its value are tried, and for each
 * fact and outcome only the closest value that works is kept. Single changes come first, then
 * pairs of changes that only work together (neither change alone gives that outcome).
 * Conditions of internal rules give no candidates: a value just past an internal threshold
 * would reveal it, and so would one just past an internal fact or parameter that a condition
 * compares with.
 * `base` is the evaluation of every rule on `given`: a candidate re-evaluates only the rules
 * that read the facts it changes.
 * @internal
 */
export function findCounterfactuals(
  internals: PolicyInternals,
  given: ReadonlyMap<string, unknown>,
  base: readonly RuleEvaluation[],
  currentOutcome: string,
  { onlyBetter = false, budget = Infinity }: { readonly onlyBetter?: boolean; readonly budget?: number } = {},
): CounterfactualSearch {
  const none = { found: [], limited: false, steps: 0, tries: 0 };
  if (currentOutcome === UNDECIDED || candidateLeaves(internals).length === 0) return none;
  const doc = internals.document;
  // "Better" as the ranking says: good news before a hand-over before an adverse outcome.
  const wanted = (outcome: string): boolean =>
    outcome !== currentOutcome && outcome !== UNDECIDED && (!onlyBetter || rank(doc, outcome) < rank(doc, currentOutcome));
  const candidates = candidateValues(internals, given);
  if (candidates.size === 0) return none;
  const readers = rulesReading(internals);
  const shared = doc.conditions !== undefined && Object.keys(doc.conditions).length > 0;
  const meter: Meter = { steps: 0 };
  let limited = false;
  let tries = 0;
  /** Whether the budget allows another try; once it does not, the search stops. */
  const affordable = (): boolean => {
    if (meter.steps >= budget) limited = true;
    else tries++;
    return !limited;
  };
  /** The outcome with one or two facts changed: `given` seen through the change, not copied. */
  const outcomeOf = (fact: string, to: unknown, fact2?: string, to2?: unknown): string => {
    const facts = { get: (name: string): unknown => (name === fact ? to : name === fact2 ? to2 : given.get(name)) };
    const source = { facts, parameters: internals.parameters };
    const memo = shared ? new Map<string, Truth>() : NO_SHARED;
    // Only the outcome counts here: the rules that read a changed fact get their new truth, and
    // keep their old trace, which decideOutcome does not read.
    const evaluations: RuleEvaluation[] = base.slice();
    const again = (index: number): void => {
      const before = base[index] as RuleEvaluation;
      evaluations[index] = { ...before, fired: truthOf(before.rule.root, source, memo, meter) };
    };
    for (const index of readers.get(fact) ?? []) again(index);
    if (fact2 !== undefined) for (const index of readers.get(fact2) ?? []) again(index);
    // Copying the rule results, drawing the decision, and what a try costs besides.
    meter.steps += evaluations.length + STEPS_PER_TRY;
    return decideOutcome(evaluations, doc).outcome;
  };

  type Single = FactChange & { outcome: string; distance: number };
  const best = new Map<string, Single>();
  /** The changes tried alone, one fact's after another's. */
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
  const found: (FoundCounterfactual & { distance: number })[] = singles.map((s) => ({
    changes: [{ fact: s.fact, from: s.from, to: s.to }],
    outcome: s.outcome,
    distance: s.distance,
  }));

  if (found.length < MAX_COUNTERFACTUALS && !limited) {
    // A pair is worth naming for an outcome neither of its facts reaches alone; a fact that
    // alone gives one outcome may still be half of the way to another.
    const alone = new Set(singles.map((s) => `${s.fact}\u0000${s.outcome}`));
    const pairs = new Map<string, FoundCounterfactual & { distance: number }>();
    // The changes of one fact stand together in `tried`: a pair's second change starts past them.
    const nextFact: number[] = new Array(tried.length);
    for (let i = tried.length - 1; i >= 0; i--) {
      nextFact[i] = i + 1 < tried.length && tried[i + 1]?.change.fact === tried[i]?.change.fact ? (nextFact[i + 1] as number) : i + 1;
    }
    let pairsLeft = MAX_PAIR_EVALUATIONS;
    outer: for (let i = 0; i < tried.length; i++) {
      for (let j = nextFact[i] as number; j < tried.length; j++) {
        const a = tried[i] as (typeof tried)[number];
        const b = tried[j] as (typeof tried)[number];
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

/**
 * For each fact, the positions (in `internals.rules`) of the rules that read it, as the fact
 * compared or as the value compared with: built once per policy.
 */
function rulesReading(internals: PolicyInternals): ReadonlyMap<string, readonly number[]> {
  const cached = internals.cache.get('counterfactuals:readers') as ReadonlyMap<string, readonly number[]> | undefined;
  if (cached !== undefined) return cached;
  const readers = new Map<string, number[]>();
  internals.rules.forEach((rule, index) => {
    const facts = new Set<string>();
    for (const leaf of leavesUnder(rule.root)) {
      if (!leaf.parameter) facts.add(leaf.fact);
      if ('read' in leaf.value && !leaf.value.read.parameter) facts.add(leaf.value.read.fact);
    }
    for (const fact of facts) {
      const list = readers.get(fact);
      if (list === undefined) readers.set(fact, [index]);
      else list.push(index);
    }
  });
  internals.cache.set('counterfactuals:readers', readers);
  return readers;
}

/** How good an outcome is for the customer, good news first: 0 neither adverse nor a hand-over, 1 a hand-over, 2 adverse. @internal */
export function rank(doc: PolicyInternals['document'], outcome: string): number {
  const o = doc.outcomes[outcome];
  return o?.adverse === true ? 2 : o?.human === true ? 1 : 0;
}

/** How far a change goes, relative to the value it changes, so facts of any scale compare. */
function distanceOf(declaration: FactDeclaration | undefined, from: unknown, to: unknown): number {
  if (typeof from === 'number' && typeof to === 'number') return Math.abs(to - from) / Math.max(Math.abs(from), 1);
  return declaration?.type === 'boolean' ? 0.5 : 1;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

/** A condition that can give candidate values: on a fact that may change, in a public rule. */
interface CandidateLeaf {
  readonly leaf: LeafNode;
  readonly declaration: FactDeclaration;
}

/**
 * The conditions of public rules, outside internal conditions, on facts a customer can change
 * (mutable, not internal), read
 * directly rather than through a path: built once per policy, so a policy whose facts cannot
 * change costs nothing here.
 */
function candidateLeaves(internals: PolicyInternals): readonly CandidateLeaf[] {
  const cached = internals.cache.get('counterfactuals:leaves') as readonly CandidateLeaf[] | undefined;
  if (cached !== undefined) return cached;
  const doc = internals.document;
  const out: CandidateLeaf[] = [];
  for (const rule of internals.rules) {
    if (rule.internal) continue;
    for (const leaf of leavesUnder(rule.root, (node) => node.internal)) {
      if (leaf.parameter || leaf.segments !== undefined || !Object.hasOwn(doc.facts, leaf.fact)) continue;
      const declaration = doc.facts[leaf.fact] as FactDeclaration;
      if (declaration.mutable !== false && declaration.internal !== true) out.push({ leaf, declaration });
    }
  }
  internals.cache.set('counterfactuals:leaves', out);
  return out;
}

/** The boundary values per changeable fact, in the order the conditions name them. */
function candidateValues(internals: PolicyInternals, given: ReadonlyMap<string, unknown>): Map<string, unknown[]> {
  const doc = internals.document;
  const out = new Map<string, unknown[]>();
  /** The values of a fact with many, by key: a short list is scanned instead. */
  const keys = new Map<string, Set<unknown>>();
  // The same value once: a scalar by itself, a list or an object by its JSON.
  const keyOf = (value: unknown): unknown => (typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
  const add = (fact: string, value: unknown): void => {
    const list = out.get(fact);
    if (list === undefined) {
      out.set(fact, [value]);
      return;
    }
    const seen = keys.get(fact);
    if (seen === undefined) {
      if (list.some((v) => sameValue(v, value))) return;
      list.push(value);
      if (list.length >= 16) keys.set(fact, new Set(list.map(keyOf)));
      return;
    }
    const key = keyOf(value);
    if (seen.has(key)) return;
    seen.add(key);
    list.push(value);
  };
  for (const { leaf, declaration } of candidateLeaves(internals)) {
    if (!given.has(leaf.fact)) continue;
    let value: unknown;
    if ('constant' in leaf.value) {
      value = leaf.value.constant;
    } else {
      const { fact, parameter, segments } = leaf.value.read;
      const source = parameter ? doc.parameters?.[fact] : doc.facts[fact];
      if (source?.internal === true) continue; // the value just past it would reveal it
      const whole = parameter ? internals.parameters.get(fact) : given.get(fact);
      value = segments === undefined ? whole : resolvePath(whole, segments);
    }
    if (value === undefined) continue;
    const candidates = leaf.custom === undefined ? boundaryValues(leaf.operator, declaration, value, given.get(leaf.fact)) : customBoundary(leaf, declaration, value, given.get(leaf.fact));
    for (const candidate of candidates) add(leaf.fact, candidate);
  }
  for (const [fact, values] of out) {
    const current = given.get(fact);
    if (typeof current === 'number' && values.length > 2 * NEAREST_PER_SIDE) out.set(fact, nearest(values, current));
  }
  return out;
}

/**
 * The {@link NEAREST_PER_SIDE} numbers nearest to `current` below it and above it (and every
 * value that is not a number), in their original order.
 */
function nearest(values: readonly unknown[], current: number): unknown[] {
  const below = values.filter((v): v is number => typeof v === 'number' && v < current).sort((x, y) => y - x);
  const above = values.filter((v): v is number => typeof v === 'number' && v > current).sort((x, y) => x - y);
  const keep = new Set<unknown>([...below.slice(0, NEAREST_PER_SIDE), ...above.slice(0, NEAREST_PER_SIDE)]);
  return values.filter((v) => typeof v !== 'number' || keep.has(v));
}

function stepOf(declaration: FactDeclaration): number {
  return declaration.type === 'integer' || declaration.unit !== 'currency' ? 1 : 0.01;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The values a custom operator's `boundary` gives, for a comparison that is plain (no decorator
 * but `not:`) and reads the fact whole; none without `boundary`: only its author knows where the
 * condition turns. Values the fact cannot take (off its declared type or enum, or off the
 * operator's types) are left out; the search checks every candidate against the policy anyway.
 */
function customBoundary(leaf: CandidateLeaf['leaf'], declaration: FactDeclaration, value: unknown, current: unknown): unknown[] {
  const custom = leaf.custom;
  const boundary = custom?.definition.boundary;
  if (custom === undefined || boundary === undefined || leaf.path !== undefined || !leaf.operator.split(':').slice(0, -1).every((d) => d === 'not')) return [];
  let values: readonly unknown[];
  try {
    values = boundary.call(custom.definition, value, current);
  } catch {
    return [];
  }
  if (!Array.isArray(values)) return [];
  // Only values the fact may take: of its declared type (and enum), and of the operator's types.
  return values.filter((v) => fits(declaration.type, v) && (declaration.enum === undefined || declaration.enum.includes(v as string)) && custom.definition.factTypes.some((t) => fits(t, v)));
}

function boundaryValues(operator: string, declaration: FactDeclaration, value: unknown, current: unknown): unknown[] {
  if (operator.includes(':')) return []; // decorated comparisons: no exact boundary to reason about
  const type = declaration.type;
  if (type === 'boolean') return [current !== true];
  switch (operator) {
    case 'lessThan':
    case 'greaterThanInclusive':
      return typeof value === 'number' && (type === 'number' || type === 'integer')
        ? [value, round(value - stepOf(declaration))].filter((v) => type !== 'integer' || Number.isInteger(v))
        : [];
    case 'lessThanInclusive':
    case 'greaterThan':
      return typeof value === 'number' && (type === 'number' || type === 'integer')
        ? [value, round(value + stepOf(declaration))].filter((v) => type !== 'integer' || Number.isInteger(v))
        : [];
    case 'equal':
    case 'notEqual':
      if (type === 'string' && declaration.enum !== undefined) return [...declaration.enum];
      // A number leaves `equal 0` (or meets `notEqual 0`) one step either side of it.
      return typeof value === 'number' && (type === 'number' || type === 'integer')
        ? [value, round(value - stepOf(declaration)), round(value + stepOf(declaration))]
        : [value];
    case 'in':
    case 'notIn': {
      const listed = Array.isArray(value) ? value : [];
      const other = type === 'string' && declaration.enum !== undefined ? declaration.enum.find((e) => !isListed(listed, e)) : undefined;
      return other === undefined ? listed : [...listed, other];
    }
    case 'contains':
    case 'doesNotContain': {
      if (!Array.isArray(current)) return [];
      return isListed(current, value) ? [current.filter((v) => v !== value)] : [[...current, value]];
    }
    default:
      return [];
  }
}
