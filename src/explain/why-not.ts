import { strategyOrder, type OutcomeDecision } from '../decide/decide.js';
import { decisiveLeaves, leavesOf, resolve, type Evaluation, type Meter, type RuleEvaluation, type SharedTraces } from '../evaluate/evaluate.js';
import type { PolicyDocument } from '../policy/schema.js';
import type { ConditionTrace, LeafTrace, WhyNot } from '../result/schema.js';
import { sayableEach, type Boundary, type Nameable, type SayableLeaf } from './boundary.js';
import { subjectOf, type Renderer, type TextValues } from './render.js';

/** What phrasing one condition or sentence costs, in steps of the search budget: about as much as evaluating this many conditions. */
const STEPS_PER_PHRASE = 50;

/**
 * What stands between the facts and `target`: the rules that would give it and, per rule, the
 * conditions that failed (or are unknown), phrased as what would be needed. The rules are
 * looked at in file order within `budget` steps (see `ExplainOptions.searchBudget`); `limited`
 * says the budget ran out before the last of them, `steps` what was spent.
 * @internal
 */
export function whyNot(
  target: string,
  evaluation: Evaluation,
  decision: OutcomeDecision,
  r: Renderer,
  b: Boundary,
  reasonOf: (ruleIndex: number) => string,
  doc: PolicyDocument,
  values: TextValues,
  budget = Infinity,
): { whyNot: WhyNot; limited: boolean; steps: number } {
  const outcome = r.outcomeLabel(target);
  const subject = subjectOf(doc, doc.outcomes[target]);
  const lostSentence = (): string =>
    decision.decidedBy === null
      ? r.phrase(`whyNot.open_${subject}`, { outcome })
      : r.phrase(`whyNot.overridden_${subject}`, { outcome, rule: reasonOf(decision.decidedBy.rule.index) });
  if (decision.outcome === target) {
    return { whyNot: { outcome: target, blockers: [], text: r.phrase(`whyNot.already_${subject}`, { outcome }) }, limited: false, steps: 0 };
  }
  const meter: Meter = { steps: 0 };
  let limited = false;
  const decides = decidesIfHeld(evaluation.rules, doc, target);
  const blockers: WhyNot['blockers'] = [];
  const decidingReads = new Set(decision.decidedBy === null ? [] : leavesOf(decision.decidedBy.trace, decision.decidedBy.shared, meter).map((l) => l.fact));
  const phrasing: Phrasing = { r, doc, values, hidden: r.phrase('condition.hidden_rule') };
  // What the customer reads: what the rules that would give `target` if they held need (as
  // alternatives, the most actionable first), the facts still to learn, and, once, what
  // outranks the rest.
  const alternatives: Need[] = [];
  const toLearn = new Map<string, Nameable>();
  let outranked = false;
  for (const e of evaluation.rules) {
    if (e.rule.outcome !== target) continue;
    if (meter.steps >= budget) {
      limited = true;
      break;
    }
    meter.steps++;
    if (e.fired === true) {
      // The rule holds, but a rule that comes first in the strategy decided, or one that might
      // come first is still open.
      outranked = true;
      blockers.push({ rule: e.rule.name, failed: [], text: lostSentence() });
      continue;
    }
    const failed = e.fired === 'unknown' ? leavesOf(e.trace, e.shared, meter).filter((l) => l.result === 'unknown') : decisiveLeaves(e.trace, false, e.shared, meter);
    // What the reader may not read of is one "internal check", never a label or a figure.
    const each = sayableEach(b, e.rule, e.trace, failed, e.shared);
    const said = new Map<LeafTrace, SayableLeaf | undefined>(failed.map((leaf, i) => [leaf, each[i]]));
    meter.steps += (failed.length + 1) * STEPS_PER_PHRASE;
    const need = needOf(e.trace, true, e.shared, said) ?? HIDDEN;
    let text: string;
    if (e.fired === 'unknown' && each.every((l) => l !== undefined)) {
      // Only facts we do not know yet stand in the way: say which.
      const facts = new Map<string, Nameable>();
      for (const leaf of failed) for (const name of [leaf.fact, leaf.expectedFact]) {
        const known = name === undefined ? undefined : b.nameable(name);
        if (known !== undefined && Object.hasOwn(doc.facts, known)) facts.set(known, known);
      }
      if (decides(e) || failed.some((l) => decidingReads.has(l.fact))) for (const [name, fact] of facts) toLearn.set(name, fact);
      else outranked = true;
      text = r.phrase(`whyNot.unknown_${subject}`, { outcome, facts: r.list([...facts.values()].slice(0, MAX_CLAUSES).map((f) => r.whether(f, values))) });
    } else {
      text = r.phrase(`whyNot.blocked_${subject}`, { outcome, conditions: say(need, MAX_CLAUSES, phrasing, 'if') });
      // A rule that would still lose to the deciding one, even if it held, is not the way to
      // `target`, unless meeting its conditions changes facts the deciding rule reads as well.
      if (decides(e) || failed.some((l) => decidingReads.has(l.fact))) alternatives.push(need);
      else outranked = true;
    }
    blockers.push({ rule: e.rule.name, failed, text });
  }
  const isDefault = doc.decision?.default === target;
  if (isDefault && decision.decidedBy !== null && !blockers.some((x) => x.failed.length === 0)) {
    // No rule gives the default: the rule that decided is what stands in its way.
    outranked = true;
    blockers.push({ rule: decision.decidedBy.rule.name, failed: [], text: lostSentence() });
  }
  const sentences = [
    ...(alternatives.length > 0 ? [r.phrase(`whyNot.blocked_${subject}`, { outcome, conditions: say(anyOf(alternatives), MAX_CLAUSES, phrasing, 'if') })] : []),
    ...(toLearn.size > 0
      ? [r.phrase(`whyNot.unknown_${subject}`, { outcome, facts: r.list([...toLearn.values()].slice(0, MAX_CLAUSES).map((f) => r.whether(f, values))) })]
      : []),
    // "We first need to know more" says less than the facts to learn, when they are named.
    ...(outranked && !(decision.decidedBy === null && toLearn.size > 0) ? [lostSentence()] : []),
  ];
  const text = blockers.length === 0 ? r.phrase('whyNot.no_rule', { outcome }) : sentences.join(' ');
  return { whyNot: { outcome: target, blockers, text }, limited, steps: meter.steps };
}

/** A why-not sentence names at most this many conditions: the most actionable first. */
export const MAX_CLAUSES = 3;

/**
 * What a rule needs to hold, as a tree of the conditions to change: all of them (`and`), or one
 * of them (`or`). A `not` turns what its conditions need around. `hidden` stands for what the
 * reader may not read of (an internal check).
 */
type Need = { readonly leaf: SayableLeaf } | { readonly hidden: true } | { readonly and: readonly Need[] } | { readonly or: readonly Need[] };
const HIDDEN: Need = { hidden: true };

/**
 * The need of a condition node for it to come out `want`: `undefined` when it already does.
 * `said` holds, for each leaf in the way, what the reader may read of it.
 */
function needOf(node: ConditionTrace, want: boolean, shared: SharedTraces | undefined, said: ReadonlyMap<LeafTrace, SayableLeaf | undefined>, seen = new Set<string>()): Need | undefined {
  if (node.result === want) return undefined;
  if ('fact' in node) {
    if (!said.has(node)) return undefined;
    const leaf = said.get(node);
    return leaf === undefined ? HIDDEN : { leaf };
  }
  const resolved = resolve(node, shared, seen, String(want));
  if (resolved === undefined) return undefined;
  if ('fact' in resolved) return needOf(resolved, want, shared, said, seen);
  if (resolved.not !== undefined) return needOf(resolved.not, !want, shared, said, seen);
  const children = (resolved.all ?? resolved.any ?? []).flatMap((child) => needOf(child, want, shared, said, seen) ?? []);
  // An all that must hold needs each child that does not; one that must fail, any one of them.
  const every = (resolved.all !== undefined) === want;
  return combine(every ? 'and' : 'or', children);
}

/** Parts of an `and` or `or` compared with each other at most. */
const MAX_COMPARED = 64;

function combine(kind: 'and' | 'or', children: readonly Need[]): Need | undefined {
  // `and` in `and` is one `and`; so is `or` in `or`. A part whose own parts include all of
  // another part's says nothing that one does not (x and (x or y) is x; so is x or (x and y)):
  // it is left out, and of equal parts the first is kept.
  const flat = children.flatMap((c) => (kind in c ? (c as Record<typeof kind, readonly Need[]>)[kind] : [c]));
  const parts = flat.map(partsOf);
  const seen = new Set<string>();
  const unique = flat.filter((need, i) => {
    const mine = parts[i] as ReadonlySet<string>;
    const key = canonical(need);
    if (seen.has(key)) return false;
    seen.add(key);
    // Comparing every part with every other is quadratic: past a few dozen parts, only equal parts go.
    return flat.length > MAX_COMPARED || parts.every((other, j) => j === i || other.size >= mine.size || ![...other].every((k) => mine.has(k)));
  });
  if (unique.length < 2) return unique[0];
  return kind === 'and' ? { and: unique } : { or: unique };
}

const canonicals = new WeakMap<Need, string>();
/** A need as a string, the same for the same conditions in any order. */
function canonical(need: Need): string {
  let key = canonicals.get(need);
  if (key === undefined) {
    if ('hidden' in need) key = 'hidden';
    else if ('leaf' in need) {
      const { fact, path, operator, expected, expectedFact, result } = need.leaf;
      key = JSON.stringify([fact, path, operator, expected, expectedFact, result]);
    } else key = `${'and' in need ? 'and' : 'or'}(${('and' in need ? need.and : need.or).map(canonical).sort().join(',')})`;
    canonicals.set(need, key);
  }
  return key;
}

/** The direct parts of a need (itself, for a single condition), as canonical strings. */
const partsOf = (need: Need): ReadonlySet<string> =>
  new Set('and' in need ? need.and.map(canonical) : 'or' in need ? need.or.map(canonical) : [canonical(need)]);

/** Alternatives, one per rule: the same need once. */
function anyOf(needs: readonly Need[]): Need {
  return combine('or', needs) ?? HIDDEN;
}

/** What phrasing a need takes. */
interface Phrasing {
  readonly r: Renderer;
  readonly doc: PolicyDocument;
  readonly values: TextValues;
  /** The clause for what the reader may not read of. */
  readonly hidden: string;
}

/**
 * How hard a need is for the customer to meet: 0 for a condition on a fact they can change
 * and supply, 1 for one we only need to learn, 2 for anything else (a fact of the host's
 * systems, one that cannot change, an internal check). All of an `and`, the easiest of an `or`.
 */
function effort(need: Need, doc: PolicyDocument): number {
  if ('hidden' in need) return 2;
  if ('and' in need) return need.and.reduce((sum, n) => sum + effort(n, doc), 0);
  if ('or' in need) return need.or.reduce((least, n) => Math.min(least, effort(n, doc)), Infinity);
  if (need.leaf.result === 'unknown') return 1;
  const fact = Object.hasOwn(doc.facts, need.leaf.fact) ? doc.facts[need.leaf.fact] : undefined;
  return fact !== undefined && fact.mutable !== false && fact.from !== 'host' && fact.internal !== true ? 0 : 2;
}

function clauses(need: Need): number {
  if ('and' in need) return need.and.reduce((sum, n) => sum + clauses(n), 0);
  if ('or' in need) return need.or.reduce((sum, n) => sum + clauses(n), 0);
  return 1;
}

/** The easiest first; equals in their order. */
const easiestFirst = (needs: readonly Need[], doc: PolicyDocument): Need[] =>
  needs.map((n, i) => ({ n, i, e: effort(n, doc), c: clauses(n) })).sort((a, b) => a.e - b.e || a.c - b.c || a.i - b.i).map((x) => x.n);

/**
 * A need as a clause (or clauses) that follow "if", in at most `budget` conditions: of an
 * `and`, the easiest ones and "other conditions are met too"; of an `or`, the easiest
 * alternatives that fit. `at` is where it stands: right after "if" (alternatives then read
 * "…, or if …") or inside a list ("either … or …").
 */
function say(need: Need, budget: number, p: Phrasing, at: 'if' | 'inner'): string {
  const { r } = p;
  if ('hidden' in need) return p.hidden;
  if ('leaf' in need) return r.condition(need.leaf, 'needs', p.values);
  if ('and' in need) {
    const parts = easiestFirst(need.and, p.doc);
    const out: string[] = [];
    const room = clauses(need) > budget ? budget - 1 : budget;
    let used = 0;
    for (const part of parts) {
      // Alternatives take the room there is (at least their easiest); anything else all of its own.
      const cost = 'or' in part ? Math.min(clauses(part), room - used) : clauses(part);
      if (cost < 1 || used + cost > room) continue;
      out.push(say(part, cost, p, 'inner'));
      used += cost;
    }
    if (out.length < parts.length) out.push(r.phrase('whyNot.more'));
    return r.list(out);
  }
  const options: string[] = [];
  let used = 0;
  for (const option of easiestFirst(need.or, p.doc)) {
    // The easiest alternative always (cut short if it must be); the next ones only in full.
    const cost = options.length === 0 ? Math.min(clauses(option), budget) : clauses(option);
    if (used + cost > budget) continue;
    options.push(say(option, cost, p, 'inner'));
    used += cost;
  }
  const unique = [...new Set(options)];
  if (unique.length < 2) return unique[0] ?? p.hidden;
  if (at === 'if') return unique.reduce((first, second) => r.phrase('whyNot.or_if', { first, second }));
  return r.phrase('needs.either', { options: r.list(unique, 'disjunction') });
}

/**
 * Whether each rule, were it to hold as well, would decide `target`: as `decideOutcome` on the
 * evaluations with that one rule firing, for every rule in one walk of the strategy order.
 */
function decidesIfHeld(rules: readonly RuleEvaluation[], doc: PolicyDocument, target: string): (e: RuleEvaluation) => boolean {
  const order = strategyOrder(rules, doc);
  const position = new Map<RuleEvaluation, number>();
  /** `settled[p]`: every rule before position `p` that might fire gives `target`. */
  const settled: boolean[] = new Array(order.length);
  let firstFired = order.length;
  let ok = true;
  order.forEach((e, p) => {
    position.set(e, p);
    settled[p] = ok;
    if (e.fired === true && firstFired === order.length) firstFired = p;
    if (e.fired === 'unknown' && e.rule.outcome !== target) ok = false;
  });
  // The first rule to fire decides, unless a rule before it might fire with another outcome.
  return (e) => {
    const first = Math.min(firstFired, position.get(e) ?? order.length);
    return order[first]?.rule.outcome === target && settled[first] === true;
  };
}
