import { evaluateRules } from '../../evaluate/evaluate.js';
import type { FactRead, LeafNode } from '../../policy/compile.js';
import type { CompiledRule, PolicyInternals } from '../../policy/define.js';
import type { JsonValue } from '../../policy/schema.js';
import { domainOf, emptyInterval, groupBySubject, requiredAtoms, ruleRoot, valueOf, walk, type Interval } from './conditions.js';

/** How many combinations of candidate values {@link findWitness} tries for one pair of rules. */
const MAX_COMBINATIONS = 20_000;

/**
 * Facts on which both rules fire, found by trying the boundaries of their conditions: at most
 * 20,000 combinations, and no more than `budget.left` when a budget is given (each try spends one).
 * @internal
 */
export function findWitness(internals: PolicyInternals, a: CompiledRule, b: CompiledRule, budget?: { left: number }): Record<string, JsonValue> | undefined {
  const fires = (facts: Record<string, JsonValue>): boolean => {
    if (budget !== undefined) budget.left--;
    try {
      const evaluation = evaluateRules([a, b], { facts: new Map<string, unknown>(Object.entries(facts)), parameters: internals.parameters });
      return evaluation.rules.every((e) => e.fired === true);
    } catch {
      return false; // a custom operator that fails on these values
    }
  };
  // Rules that are conjunctions of comparisons on facts are met by one value per fact.
  const direct = directWitness(internals, a, b);
  if (direct !== undefined && fires(direct)) return direct;
  const candidates = new Map<string, JsonValue[]>();
  const add = (fact: string, values: readonly JsonValue[]): void => {
    const list = candidates.get(fact) ?? [];
    for (const v of values) if (!list.some((x) => JSON.stringify(x) === JSON.stringify(v))) list.push(v);
    candidates.set(fact, list);
  };
  const leaves: LeafNode[] = [];
  for (const rule of [a, b]) walk(ruleRoot(rule), ({ node }) => node.kind === 'leaf' && leaves.push(node));
  const thresholds = new Map<string, JsonValue[]>();
  for (const leaf of leaves) {
    const v = valueOf(internals, leaf);
    if (!leaf.parameter && v !== undefined) thresholds.set(leaf.fact, [...(thresholds.get(leaf.fact) ?? []), v.value]);
  }
  for (const leaf of leaves) {
    for (const read of [leaf as FactRead, ...('read' in leaf.value ? [leaf.value.read] : [])]) {
      if (read.parameter) continue;
      const declared = internals.document.facts[read.fact];
      if (declared === undefined) continue;
      // A fact compared with another fact borrows that fact's thresholds.
      const other = 'read' in leaf.value ? (read === leaf ? leaf.value.read.fact : leaf.fact) : undefined;
      const known = [...(thresholds.get(read.fact) ?? []), ...(other === undefined ? [] : (thresholds.get(other) ?? []))];
      add(read.fact, candidateValues(declared.type, declared.enum, known, read.segments));
    }
    // A custom operator that declares where its conditions turn lends those values too.
    const boundary = leaf.custom?.definition.boundary;
    const v = boundary === undefined || leaf.path !== undefined ? undefined : valueOf(internals, leaf);
    if (boundary !== undefined && v !== undefined && !leaf.parameter) {
      try {
        add(leaf.fact, (boundary.call(leaf.custom?.definition, v.value, undefined) as JsonValue[]).filter((x) => x !== undefined));
      } catch {
        // a boundary that fails lends nothing
      }
    }
  }
  const facts = [...candidates.keys()];
  const lists = facts.map((f) => candidates.get(f) as JsonValue[]);
  const total = lists.reduce((n, l) => n * Math.max(1, l.length), 1);
  const tries = Math.min(total, MAX_COMBINATIONS, budget?.left ?? Infinity);
  for (let k = 0; k < tries; k++) {
    const facts_: Record<string, JsonValue> = {};
    let rest = k;
    facts.forEach((f, idx) => {
      const list = lists[idx] as JsonValue[];
      if (list.length === 0) return;
      facts_[f] = list[rest % list.length] as JsonValue;
      rest = Math.floor(rest / list.length);
    });
    if (fires(facts_)) return facts_;
  }
  return undefined;
}

/**
 * One value for each fact the two rules require comparisons on, taken from the values all those
 * comparisons allow: a witness when both rules are conjunctions of such comparisons, to be checked
 * by evaluating them. `undefined` when some required comparison is not on a whole fact.
 */
function directWitness(internals: PolicyInternals, a: CompiledRule, b: CompiledRule): Record<string, JsonValue> | undefined {
  const atoms = [a, b].flatMap((rule) => requiredAtoms(internals, ruleRoot(rule)).atoms);
  const facts: Record<string, JsonValue> = {};
  for (const [subject, group] of groupBySubject(atoms)) {
    const declared = internals.document.facts[subject];
    if (declared === undefined) return undefined;
    const domain = domainOf(internals.document, group);
    let value: unknown;
    if ('finite' in domain) value = domain.finite[0];
    else if (declared.type === 'number' || declared.type === 'integer') value = pointIn(domain.interval, declared.type === 'integer');
    if (value === undefined) return undefined;
    facts[subject] = value as JsonValue;
  }
  return facts;
}

/** A number inside a non-empty interval. */
function pointIn(iv: Interval, integer: boolean): number | undefined {
  if (emptyInterval(iv)) return undefined;
  const { lo, hi } = iv;
  if (Number.isFinite(lo) && Number.isFinite(hi)) return iv.loIn ? lo : iv.hiIn ? hi : integer ? Math.floor(lo) + 1 : (lo + hi) / 2;
  if (Number.isFinite(lo)) return iv.loIn ? lo : Math.floor(lo) + 1;
  if (Number.isFinite(hi)) return iv.hiIn ? hi : Math.ceil(hi) - 1;
  return 0;
}

export function candidateValues(
  type: string,
  enumValues: readonly string[] | undefined,
  thresholds: readonly JsonValue[],
  segments: readonly string[] | undefined,
): JsonValue[] {
  const flat = thresholds.flatMap((t) => (Array.isArray(t) ? t : [t]));
  let values: JsonValue[];
  if (segments !== undefined) {
    // An object read through a path: build the object around each candidate.
    const inner: JsonValue[] = [...new Set(flat.flatMap((t): JsonValue[] => (typeof t === 'number' ? [t - 1, t, t + 1] : [t])))];
    const wrap = (v: JsonValue): JsonValue =>
      segments.reduceRight<JsonValue>((acc, key) => (/^\d+$/.test(key) ? Array.from({ length: Number(key) + 1 }, (_x, k): JsonValue => (k === Number(key) ? acc : null)) : { [key]: acc }), v);
    // Also another value there (a number for an order, an empty list for a list), and nothing there at all.
    return [...[...new Set([...inner, '\u0000other', 1]), []].map(wrap), type === 'array' ? [] : {}];
  }
  switch (type) {
    case 'boolean':
      return [true, false];
    case 'number':
    case 'integer': {
      const nums = flat.filter((t): t is number => typeof t === 'number');
      values = nums.length === 0 ? [0, 1] : nums.flatMap((n) => [n - 1, n, n + 1]);
      if (type === 'integer') values = values.map((n) => Math.round(n as number));
      return [...new Set(values)];
    }
    case 'string':
      return enumValues !== undefined ? [...enumValues] : [...new Set([...flat.filter((t) => typeof t === 'string'), '\u0000other'])];
    case 'date': {
      const dates = flat.filter((t): t is string => typeof t === 'string' && !Number.isNaN(Date.parse(t)));
      const shift = (d: string, days: number): string => new Date(Date.parse(d) + days * 86_400_000).toISOString().slice(0, 10);
      return dates.length === 0 ? ['2026-01-01'] : [...new Set(dates.flatMap((d) => [shift(d, -1), d.slice(0, 10), shift(d, 1)]))];
    }
    case 'array':
      return [[], ...flat.map((t) => [t]), flat];
    case 'object':
      return [{}, ...flat];
    default:
      return [];
  }
}
