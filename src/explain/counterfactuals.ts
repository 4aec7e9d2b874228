import { outcomeOfTruths, strategyOrder } from '../decide/decide.js';
import { nextFacts, truthProgram, truthScope, type RuleEvaluation, type TruthFn, type TruthProgram, type TruthScope } from '../evaluate/evaluate.js';
import { UNDECIDED } from '../policy/check.js';
import { leavesUnder, nodesOnce, type CompiledNode, type LeafNode } from '../policy/compile.js';
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

/** The rules reading a fact no rule reads. */
const NONE: readonly number[] = [];

/** At most this many counterfactuals are reported. */
export const MAX_COUNTERFACTUALS = 3;
/** Pairs of changes tried at most, after single changes. */
export const MAX_PAIR_EVALUATIONS = 400;
/**
 * What trying a candidate costs besides its conditions and rules, in steps of the search
 * budget: about as much as evaluating this many conditions.
 */
export const STEPS_PER_TRY = 25;
/** Candidate values kept per numeric fact on each side of its current value: the nearest. */
export const NEAREST_PER_SIDE = 4;

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
  options: { readonly onlyBetter?: boolean; readonly budget?: number; readonly prune?: boolean } = {},
): CounterfactualSearch {
  if (currentOutcome === UNDECIDED || candidateLeaves(internals).length === 0) return NOTHING;
  const budget = options.budget ?? Infinity;
  // No budget: the search stops before its first try, if there is one to make.
  if (budget <= 0) return anyCandidate(internals, given) ? LIMITED_AT_ONCE : NOTHING;
  const candidates = candidateValues(internals, given);
  if (candidates.length === 0) return NOTHING;
  const plan = searchPlan(internals);
  // A search's working state, kept with the policy between calls; a search started inside
  // another (a custom operator that explains) makes its own.
  const work = plan.idle ?? newWork(plan, given);
  plan.idle = undefined;
  // Pruned: tries that cannot give an outcome worth naming are not made, where no count of steps
  // can reach the budget (so the steps and tries reported are fewer).
  const prune = options.prune === true && outcomeReach(internals).stepBound < budget;
  const found = search(plan, work, internals, given, base, currentOutcome, options.onlyBetter ?? false, budget, candidates, prune);
  // Nothing of the call's facts stays with the policy.
  const scope = work.scope as { given: TruthScope['given'] } & TruthScope;
  scope.given = NO_FACTS;
  scope.value1 = undefined;
  scope.value2 = undefined;
  plan.idle = work;
  return found;
}

/**
 * Whether {@link findCounterfactuals} may find something or run out of budget: `false` when it
 * is sure to find nothing and to stay within `budget`, so that a caller need not run it. No
 * outcome a rule (or the default) can give is wanted (`onlyBetter` and none ranks better than
 * the current one, or none differs from it), and the most steps the search could take, worked
 * out once per policy ({@link stepBound}), are fewer than the budget.
 * `test/explain/counterfactuals-fast.test.ts` holds it to the search.
 * @internal
 */
export function searchMayFind(internals: PolicyInternals, currentOutcome: string, onlyBetter: boolean, budget: number): boolean {
  if (currentOutcome === UNDECIDED || candidateLeaves(internals).length === 0) return false;
  const reach = outcomeReach(internals);
  const wantedSome = onlyBetter ? reach.bestRank < rank(internals.document, currentOutcome) : reach.outcomes.some((o) => o !== currentOutcome);
  return wantedSome || !(reach.stepBound < budget);
}

/** The outcomes a policy's decision can take, the best rank among them, and {@link stepBound}: once per policy. */
interface OutcomeReach {
  readonly outcomes: readonly string[];
  readonly bestRank: number;
  readonly stepBound: number;
}

/** {@link stepBound}, as {@link searchMayFind} reads it: for tests. @internal */
export function searchStepBound(internals: PolicyInternals): number {
  return outcomeReach(internals).stepBound;
}

function outcomeReach(internals: PolicyInternals): OutcomeReach {
  const cached = internals.cache.get('counterfactuals:reach') as OutcomeReach | undefined;
  if (cached !== undefined) return cached;
  const doc = internals.document;
  const outcomes = [...new Set([...internals.rules.map((rule) => rule.outcome), ...(doc.decision?.default === undefined ? [] : [doc.decision.default])])].filter((o) => o !== UNDECIDED);
  const reach: OutcomeReach = { outcomes, bestRank: Math.min(3, ...outcomes.map((o) => rank(doc, o))), stepBound: stepBound(internals) };
  internals.cache.set('counterfactuals:reach', reach);
  return reach;
}

/**
 * At least as many steps as any search of the policy takes, whatever the facts; `Infinity`
 * when a fact's candidates have no bound (values read from a list fact, a custom operator's).
 * A rule's evaluation calls each truth function once per edge of its condition tree (each shared
 * condition's body once, its memo once per further reference), plus the root; a try costs its
 * readers' evaluations (a pair's, both facts'), the rules' count and {@link STEPS_PER_TRY}.
 */
function stepBound(internals: PolicyInternals): number {
  const rules = internals.rules;
  const ruleBound = rules.map((rule) => {
    let calls = 1;
    for (const node of nodesOnce(rule.root)) if (node.kind !== 'leaf') calls += node.children.length;
    return calls;
  });
  const readers = rulesReading(internals);
  let singles = 0;
  let singleSteps = 0;
  let widest = 0;
  for (const group of candidateGroups(internals)) {
    let values = 0;
    for (let i = 0; i < group.leaves.length; i++) {
      const fixed = group.fixed[i];
      const fixedIfTrue = group.fixedIfTrue[i];
      values += fixed !== undefined && fixedIfTrue !== undefined ? Math.max(fixed.length, fixedIfTrue.length) : mostValues(group.leaves[i] as CandidateLeaf);
    }
    if (!Number.isFinite(values)) return Infinity;
    let reading = 0;
    for (const index of readers.get(group.fact) ?? NONE) reading += ruleBound[index] as number;
    singles += values;
    singleSteps += values * (reading + rules.length + STEPS_PER_TRY);
    widest = Math.max(widest, reading);
  }
  const pairs = Math.min(MAX_PAIR_EVALUATIONS, (singles * (singles - 1)) / 2);
  return singleSteps + pairs * (2 * widest + rules.length + STEPS_PER_TRY);
}

/** The most values {@link leafCandidates} gives a condition whose values depend on the facts: `Infinity` when they have no bound. */
function mostValues({ leaf, declaration }: CandidateLeaf): number {
  if (leaf.custom !== undefined) return Infinity;
  if (leaf.operator.includes(':')) return 0;
  if (declaration.type === 'boolean') return 1;
  switch (leaf.operator) {
    case 'lessThan':
    case 'greaterThanInclusive':
    case 'lessThanInclusive':
    case 'greaterThan':
      return 2;
    case 'equal':
    case 'notEqual':
      return declaration.type === 'string' && declaration.enum !== undefined ? declaration.enum.length : 3;
    case 'contains':
    case 'doesNotContain':
      return 1;
    case 'in':
    case 'notIn':
      return Infinity;
    default:
      return 0;
  }
}

/** A search that found nothing, at no cost. @internal */
export const NOTHING_FOUND: CounterfactualSearch = Object.freeze({ found: Object.freeze([]) as unknown as FoundCounterfactual[], limited: false, steps: 0, tries: 0 });

/** A search's state that outlives a call: its scope and its lists of changes tried, reused (see {@link findCounterfactuals}). */
interface SearchWork {
  readonly scope: TruthScope;
  /** What each rule that reads a fact changed alone gave, and the steps it took, by the change's place (from `recordedAt[t]` on, in the order of its readers). */
  readonly recordedTruth: Truth[];
  readonly recordedSteps: number[];
  readonly recordedAt: number[];
  /** The changes tried alone, one fact's after another's: the fact, the value and the rules that read the fact. */
  readonly triedFact: string[];
  readonly triedTo: unknown[];
  readonly triedReaders: (readonly number[])[];
}

function newWork(plan: SearchPlan, given: ReadonlyMap<string, unknown>): SearchWork {
  return { scope: truthScope(given, plan.program.slots), recordedTruth: [], recordedSteps: [], recordedAt: [], triedFact: [], triedTo: [], triedReaders: [] };
}

type Single = FactChange & { outcome: string; distance: number };

/** The search proper: see {@link findCounterfactuals}. */
function search(
  plan: SearchPlan,
  work: SearchWork,
  internals: PolicyInternals,
  given: ReadonlyMap<string, unknown>,
  base: readonly RuleEvaluation[],
  currentOutcome: string,
  onlyBetter: boolean,
  budget: number,
  candidates: readonly FactCandidates[],
  prune: boolean,
): CounterfactualSearch {
  const doc = internals.document;
  const { readers, ranks } = plan;
  // "Better" as the ranking says: good news before a hand-over before an adverse outcome.
  const currentRank = ranks.get(currentOutcome) ?? 0;
  const scope = work.scope;
  (scope as { given: TruthScope['given'] }).given = given;
  scope.steps = 0;
  const { recordedTruth, recordedSteps, triedFact, triedTo, triedReaders } = work;
  recordedTruth.length = 0;
  recordedSteps.length = 0;
  let limited = false;
  let tries = 0;
  let count = 0;
  const state: TryState = { truths: undefined, baseOutcome: undefined };
  const wanted = (outcome: string): boolean => outcome !== currentOutcome && outcome !== UNDECIDED && (!onlyBetter || (ranks.get(outcome) ?? 0) < currentRank);
  /** The rules that fire on the facts given, in strategy order: for pruning, made when first needed. */
  let fired: number[] | undefined;
  /**
   * Whether a change of `fact` (and `fact2`) can give an outcome that `useful` says is worth
   * naming. The first rule (in strategy order) that fires on the facts given and reads neither
   * still fires: the rule that decides is that one, or one before it that reads a changed fact;
   * without such a rule, a rule that reads a changed fact, or the default (or nothing).
   */
  const mayGive = (fact: string, fact2: string | undefined, useful: (outcome: string) => boolean): boolean => {
    if (fired === undefined) {
      fired = [];
      for (const index of plan.order) if ((base[index] as RuleEvaluation).fired === true) fired.push(index);
    }
    let stays = -1;
    for (const index of fired) {
      const facts = plan.ruleFacts[index] as ReadonlySet<string>;
      if (!facts.has(fact) && (fact2 === undefined || !facts.has(fact2))) {
        stays = index;
        break;
      }
    }
    const before = stays === -1 ? Infinity : (plan.position[stays] as number);
    for (const index of readers.get(fact) ?? NONE) if ((plan.position[index] as number) < before && useful(plan.outcomes[index] as string)) return true;
    if (fact2 !== undefined) for (const index of readers.get(fact2) ?? NONE) if ((plan.position[index] as number) < before && useful(plan.outcomes[index] as string)) return true;
    return useful(stays === -1 ? (doc.decision?.default ?? UNDECIDED) : (plan.outcomes[stays] as string));
  };

  let best: Map<string, Single> | undefined;
  singles: for (let c = 0; c < candidates.length; c++) {
    const { fact, values } = candidates[c] as FactCandidates;
    const from = given.get(fact);
    const factReaders = readers.get(fact) ?? NONE;
    const skip = prune && !mayGive(fact, undefined, wanted);
    /** `from` as JSON, for {@link sameValue}: worked out once per fact, when first needed. */
    let fromJson: string | undefined;
    for (let v = 0; v < values.length; v++) {
      const to = values[v];
      if (to === from) continue;
      if (typeof to === 'object' && to !== null && !differentLengths(to, from) && JSON.stringify(to) === (fromJson ??= JSON.stringify(from))) continue;
      // Whether the budget allows another try; once it does not, the search stops.
      if (scope.steps >= budget) {
        limited = true;
        break singles;
      }
      triedFact[count] = fact;
      triedTo[count] = to;
      triedReaders[count] = factReaders;
      if (skip) {
        work.recordedAt[count++] = -1;
        continue;
      }
      tries++;
      const outcome = outcomeOf(plan, work, state, base, doc, count, factReaders, fact, to, -1, NONE, undefined, undefined);
      count++;
      if (!wanted(outcome)) continue;
      const distance = distanceOf(doc.facts[fact], from, to);
      const key = `${fact}\u0000${outcome}`;
      best ??= new Map();
      const previous = best.get(key);
      if (previous === undefined || distance < previous.distance) best.set(key, { fact, from, to, outcome, distance });
    }
  }

  const singles = best === undefined ? NO_SINGLES : [...best.values()].sort((a, b) => (ranks.get(a.outcome) ?? 0) - (ranks.get(b.outcome) ?? 0) || a.distance - b.distance);
  const found: FoundCounterfactual[] = [];
  for (let i = 0; i < singles.length && i < MAX_COUNTERFACTUALS; i++) {
    const s = singles[i] as Single;
    found.push({ changes: [{ fact: s.fact, from: s.from, to: s.to }], outcome: s.outcome });
  }

  // Pairs need changes of two facts: the changes of one fact stand together in the list.
  if (singles.length < MAX_COUNTERFACTUALS && !limited && count > 1 && triedFact[0] !== triedFact[count - 1]) {
    // A pair is worth naming for an outcome neither of its facts reaches alone; a fact that
    // alone gives one outcome may still be half of the way to another.
    const alone = (fact: string, outcome: string): boolean => singles.some((s) => s.fact === fact && s.outcome === outcome);
    let pairs: Map<string, FoundCounterfactual & { distance: number }> | undefined;
    let pairsLeft = MAX_PAIR_EVALUATIONS;
    // A pair's second change starts past the changes of the first one's fact.
    let next = 0;
    /** Whether the pair of facts last asked about (pruning) may give an outcome worth naming. */
    let pairA: string | undefined;
    let pairB: string | undefined;
    let pairMay = true;
    outer: for (let i = 0; i < count; i++) {
      const a = triedFact[i] as string;
      if (next <= i) {
        next = i + 1;
        while (next < count && triedFact[next] === a) next++;
      }
      for (let j = next; j < count; j++) {
        const b = triedFact[j] as string;
        if (pairsLeft-- <= 0) break outer;
        if (prune) {
          if (a !== pairA || b !== pairB) {
            pairA = a;
            pairB = b;
            pairMay = mayGive(a, b, (outcome) => wanted(outcome) && !alone(a, outcome) && !alone(b, outcome));
          }
          if (!pairMay) continue;
        }
        if (scope.steps >= budget) {
          limited = true;
          break outer;
        }
        tries++;
        const outcome = outcomeOf(plan, work, state, base, doc, i, triedReaders[i] as readonly number[], a, triedTo[i], j, triedReaders[j] as readonly number[], b, triedTo[j]);
        if (!wanted(outcome) || alone(a, outcome) || alone(b, outcome)) continue;
        const changeA = { fact: a, from: given.get(a), to: triedTo[i] };
        const changeB = { fact: b, from: given.get(b), to: triedTo[j] };
        const distance = distanceOf(doc.facts[a], changeA.from, changeA.to) + distanceOf(doc.facts[b], changeB.from, changeB.to);
        const key = `${a}\u0000${b}\u0000${outcome}`;
        pairs ??= new Map();
        const previous = pairs.get(key);
        if (previous === undefined || distance < previous.distance) pairs.set(key, { changes: [changeA, changeB], outcome, distance });
      }
    }
    if (pairs !== undefined) {
      const sorted = [...pairs.values()].sort((a, b) => (ranks.get(a.outcome) ?? 0) - (ranks.get(b.outcome) ?? 0) || a.distance - b.distance);
      for (let i = 0; i < sorted.length && found.length < MAX_COUNTERFACTUALS; i++) {
        const { changes, outcome } = sorted[i] as FoundCounterfactual;
        found.push({ changes, outcome });
      }
    }
  }
  // The values tried are the caller's (or made from them): not kept past the call.
  for (let i = 0; i < count; i++) triedTo[i] = undefined;
  return { found, limited, steps: scope.steps, tries };
}

/** What a search's tries share within one call: the rules' truths with a change, made when first needed (and put back after each try), and the outcome of no change. */
interface TryState {
  truths: Truth[] | undefined;
  baseOutcome: string | undefined;
}

/**
 * The outcome with one change (the `t`-th tried alone, recorded) or two (the `t`-th and the
 * `t2`-th): `given` seen through the change, not copied. Only the rules that read a changed
 * fact are evaluated again (a rule reading both, twice, as the count of steps has it); when
 * none of them changes its truth, neither does the outcome.
 */
function outcomeOf(
  plan: SearchPlan,
  work: SearchWork,
  state: TryState,
  base: readonly RuleEvaluation[],
  doc: PolicyInternals['document'],
  t: number,
  first: readonly number[],
  fact: string,
  to: unknown,
  t2: number,
  second: readonly number[],
  fact2: string | undefined,
  to2: unknown,
): string {
  const { scope, recordedTruth, recordedSteps } = work;
  const truthFns = plan.program.rules;
  nextFacts(scope, fact, to, fact2, to2);
  const recording = fact2 === undefined;
  if (recording) work.recordedAt[t] = recordedTruth.length;
  let changed = false;
  for (let k = 0; k < first.length; k++) {
    const index = first[k] as number;
    let truth: Truth;
    if (recording) {
      const before = scope.steps;
      truth = (truthFns[index] as TruthFn)(scope);
      recordedTruth.push(truth);
      recordedSteps.push(scope.steps - before);
    } else truth = truthAt(plan, work, index, fact2, t, k);
    if (truth !== (base[index] as RuleEvaluation).fired) {
      (state.truths ??= truthsOf(base))[index] = truth;
      changed = true;
    }
  }
  for (let k = 0; k < second.length; k++) {
    const index = second[k] as number;
    const truth = truthAt(plan, work, index, fact, t2, k);
    if (truth !== (base[index] as RuleEvaluation).fired) {
      (state.truths ??= truthsOf(base))[index] = truth;
      changed = true;
    }
  }
  // Copying the rule results, drawing the decision, and what a try costs besides.
  scope.steps += base.length + STEPS_PER_TRY;
  if (!changed) return (state.baseOutcome ??= outcomeOfTruths((state.truths ??= truthsOf(base)), plan.order, plan.outcomes, doc));
  const current = state.truths as Truth[];
  const outcome = outcomeOfTruths(current, plan.order, plan.outcomes, doc);
  for (let i = 0; i < first.length; i++) current[first[i] as number] = (base[first[i] as number] as RuleEvaluation).fired;
  for (let i = 0; i < second.length; i++) current[second[i] as number] = (base[second[i] as number] as RuleEvaluation).fired;
  return outcome;
}

function truthsOf(base: readonly RuleEvaluation[]): Truth[] {
  const truths: Truth[] = new Array(base.length);
  for (let i = 0; i < base.length; i++) truths[i] = (base[i] as RuleEvaluation).fired;
  return truths;
}

/**
 * The truth of rule `index` with the changes of the scope, counting its steps. A rule without
 * shared conditions that does not read `other` (the other fact of a pair) reads the same facts
 * as with its own fact's change alone, `t` in the list: it gives what it gave then, in as many
 * steps (it has no memo to fill); any other rule is evaluated.
 */
function truthAt(plan: SearchPlan, work: SearchWork, index: number, other: string | undefined, t: number, k: number): Truth {
  // (A change a pruned search did not try alone has nothing recorded.)
  if (other !== undefined && plan.reusable[index] === true && !(plan.ruleFacts[index] as ReadonlySet<string>).has(other) && (work.recordedAt[t] as number) >= 0) {
    const at = (work.recordedAt[t] as number) + k;
    work.scope.steps += work.recordedSteps[at] as number;
    return work.recordedTruth[at] as Truth;
  }
  return (plan.program.rules[index] as TruthFn)(work.scope);
}

const NOTHING = NOTHING_FOUND;
/** A search without a budget, that had a try to make. */
const LIMITED_AT_ONCE: CounterfactualSearch = Object.freeze({ found: Object.freeze([]) as unknown as FoundCounterfactual[], limited: true, steps: 0, tries: 0 });
const NO_SINGLES: readonly Single[] = [];
const NO_FACTS: ReadonlyMap<string, unknown> = new Map();

/** What a search needs of a policy, made once per policy. */
interface SearchPlan {
  /** The rules' conditions, as functions of the facts. */
  readonly program: TruthProgram;
  readonly readers: ReadonlyMap<string, readonly number[]>;
  /** The rule indexes in strategy order, as `decideOutcome` walks them. */
  readonly order: readonly number[];
  /** Each rule's outcome, by index. */
  readonly outcomes: readonly string[];
  /** Each rule's place in {@link order}, by index. */
  readonly position: readonly number[];
  /** The facts each rule reads, by index. */
  readonly ruleFacts: readonly ReadonlySet<string>[];
  /** Whether each rule is free of shared conditions: its truth and steps depend on the facts it reads alone. */
  readonly reusable: readonly boolean[];
  /** Each outcome's {@link rank}. */
  readonly ranks: ReadonlyMap<string, number>;
  /** The working state of the last search, free for the next one. */
  idle: SearchWork | undefined;
}

function searchPlan(internals: PolicyInternals): SearchPlan {
  const cached = internals.cache.get('counterfactuals:search') as SearchPlan | undefined;
  if (cached !== undefined) return cached;
  const rules = internals.rules;
  const order = strategyOrder(rules.map((rule, position) => ({ rule, position })), internals.document).map((e) => e.position);
  const position: number[] = new Array(rules.length);
  order.forEach((index, at) => (position[index] = at));
  const plan: SearchPlan = {
    program: truthProgram(rules, internals.parameters),
    readers: rulesReading(internals),
    order,
    position,
    outcomes: rules.map((rule) => rule.outcome),
    ruleFacts: rules.map((rule) => factsRead(rule.root)),
    reusable: rules.map((rule) => [...nodesOnce(rule.root)].every((node) => node.ref === undefined)),
    ranks: new Map(Object.keys(internals.document.outcomes).map((outcome) => [outcome, rank(internals.document, outcome)])),
    idle: undefined,
  };
  internals.cache.set('counterfactuals:search', plan);
  return plan;
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
    for (const fact of factsRead(rule.root)) {
      const list = readers.get(fact);
      if (list === undefined) readers.set(fact, [index]);
      else list.push(index);
    }
  });
  internals.cache.set('counterfactuals:readers', readers);
  return readers;
}

/** The facts (not parameters) a condition tree reads, as the fact compared or as the value compared with. */
function factsRead(root: CompiledNode): Set<string> {
  const facts = new Set<string>();
  for (const leaf of leavesUnder(root)) {
    if (!leaf.parameter) facts.add(leaf.fact);
    if ('read' in leaf.value && !leaf.value.read.parameter) facts.add(leaf.value.read.fact);
  }
  return facts;
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

/**
 * Whether `a` and `b` are lists of different lengths, so that their JSON differs: each item is
 * one JSON value. (Not said of a list with its own `toJSON`.)
 */
function differentLengths(a: object, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && a.length !== b.length && !('toJSON' in a) && !('toJSON' in b);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

/** A condition that can give candidate values: on a fact that may change, in a public rule. @internal */
export interface CandidateLeaf {
  readonly leaf: LeafNode;
  readonly declaration: FactDeclaration;
}

/**
 * The conditions of public rules, outside internal conditions, on facts a customer can change
 * (mutable, not internal), read
 * directly rather than through a path: built once per policy, so a policy whose facts cannot
 * change costs nothing here.
 * @internal
 */
export function candidateLeaves(internals: PolicyInternals): readonly CandidateLeaf[] {
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

/** A fact's candidate values, and where the first of them came from (a position in {@link candidateLeaves}). */
interface FactCandidates {
  readonly fact: string;
  readonly values: readonly unknown[];
  readonly at: number;
}

/** The conditions that give one fact candidate values, made once per policy. */
interface CandidateGroup {
  readonly fact: string;
  readonly leaves: readonly CandidateLeaf[];
  /** Each leaf's position in {@link candidateLeaves}. */
  readonly positions: readonly number[];
  /**
   * Each leaf's values where they depend on nothing but the policy and whether the fact is
   * `true` (else `undefined`): for a fact that is `true`, and for one that is not.
   */
  readonly fixed: readonly (readonly unknown[] | undefined)[];
  readonly fixedIfTrue: readonly (readonly unknown[] | undefined)[];
  readonly allFixed: boolean;
  /** The fact's values (before {@link nearest}) when every leaf's are fixed: the fact not `true`, and `true`. */
  readonly merged: FactCandidates | undefined;
  readonly mergedIfTrue: FactCandidates | undefined;
}

/**
 * The candidate leaves grouped by fact, in the order their facts first appear, with what does
 * not depend on the facts given worked out once per policy: the values of a comparison with a
 * constant or a parameter by a built-in operator, unless they turn on the fact's own value (a
 * boolean flips, a list gains or loses the item).
 */
function candidateGroups(internals: PolicyInternals): readonly CandidateGroup[] {
  const cached = internals.cache.get('counterfactuals:groups') as readonly CandidateGroup[] | undefined;
  if (cached !== undefined) return cached;
  const byFact = new Map<string, { leaves: CandidateLeaf[]; positions: number[]; fixed: (readonly unknown[] | undefined)[]; fixedIfTrue: (readonly unknown[] | undefined)[] }>();
  candidateLeaves(internals).forEach((candidate, position) => {
    const { leaf } = candidate;
    // A boolean's value flips (boundaryValues reads only whether it is `true`); a list gains or loses the item.
    // A comparison with a constant or a parameter reads nothing else of the facts given.
    const fixedOf = (current: unknown): readonly unknown[] | undefined =>
      leaf.custom === undefined && ('constant' in leaf.value || leaf.value.read.parameter) && leaf.operator !== 'contains' && leaf.operator !== 'doesNotContain'
        ? leafCandidates(internals, candidate, new Map([[leaf.fact, current]]))
        : undefined;
    let group = byFact.get(leaf.fact);
    if (group === undefined) byFact.set(leaf.fact, (group = { leaves: [], positions: [], fixed: [], fixedIfTrue: [] }));
    group.leaves.push(candidate);
    group.positions.push(position);
    group.fixed.push(fixedOf(false));
    group.fixedIfTrue.push(fixedOf(true));
  });
  const groups: CandidateGroup[] = [];
  for (const [fact, group] of byFact) {
    const allFixed = group.fixed.every((f) => f !== undefined);
    const merged = allFixed ? mergeValues(fact, group.fixed as readonly (readonly unknown[])[], group.positions) : undefined;
    const mergedIfTrue = allFixed ? mergeValues(fact, group.fixedIfTrue as readonly (readonly unknown[])[], group.positions) : undefined;
    groups.push({ fact, ...group, allFixed, merged, mergedIfTrue });
  }
  internals.cache.set('counterfactuals:groups', groups);
  return groups;
}

/**
 * One fact's values from its conditions' (`lists`, from the conditions at `positions`), each
 * value once: a scalar by itself, a list or an object by its JSON; `undefined` when there are none.
 */
function mergeValues(fact: string, lists: readonly (readonly unknown[])[], positions: readonly number[]): FactCandidates | undefined {
  let out: unknown[] | undefined;
  let at = -1;
  /** The values by key, for a fact with many: a short list is scanned instead. */
  let seen: Set<unknown> | undefined;
  const keyOf = (value: unknown): unknown => (typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
  for (let l = 0; l < lists.length; l++) {
    for (const value of lists[l] as readonly unknown[]) {
      if (out === undefined) {
        out = [value];
        at = positions[l] as number;
        continue;
      }
      if (seen === undefined) {
        if (out.some((v) => sameValue(v, value))) continue;
        out.push(value);
        if (out.length >= 16) seen = new Set(out.map(keyOf));
        continue;
      }
      const key = keyOf(value);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(value);
    }
  }
  return out === undefined ? undefined : { fact, values: out, at };
}

/**
 * The boundary values per changeable fact, in the order the conditions name them (the order
 * of the first condition that gives each fact a value).
 */
function candidateValues(internals: PolicyInternals, given: ReadonlyMap<string, unknown>): FactCandidates[] {
  const out: FactCandidates[] = [];
  let sorted = true;
  for (const group of candidateGroups(internals)) {
    if (!given.has(group.fact)) continue;
    const current = given.get(group.fact);
    let found = current === true ? group.mergedIfTrue : group.merged;
    if (!group.allFixed) {
      const fixed = current === true ? group.fixedIfTrue : group.fixed;
      const lists = group.leaves.map((candidate, i) => fixed[i] ?? leafCandidates(internals, candidate, given));
      found = mergeValues(group.fact, lists, group.positions);
    }
    if (found === undefined) continue;
    if (typeof current === 'number' && found.values.length > 2 * NEAREST_PER_SIDE) found = { fact: found.fact, values: nearest(found.values, current), at: found.at };
    if (out.length > 0 && (out[out.length - 1] as FactCandidates).at > found.at) sorted = false;
    out.push(found);
  }
  if (!sorted) out.sort((a, b) => a.at - b.at);
  return out;
}

/** The boundary values one condition gives its fact, in order, repeats included. @internal */
export function leafCandidates(internals: PolicyInternals, { leaf, declaration }: CandidateLeaf, given: ReadonlyMap<string, unknown>): readonly unknown[] {
  if (!given.has(leaf.fact)) return NO_VALUES;
  let value: unknown;
  if ('constant' in leaf.value) {
    value = leaf.value.constant;
  } else {
    const doc = internals.document;
    const { fact, parameter, segments } = leaf.value.read;
    const source = parameter ? doc.parameters?.[fact] : doc.facts[fact];
    if (source?.internal === true) return NO_VALUES; // the value just past it would reveal it
    const whole = parameter ? internals.parameters.get(fact) : given.get(fact);
    value = segments === undefined ? whole : resolvePath(whole, segments);
  }
  if (value === undefined) return NO_VALUES;
  return leaf.custom === undefined ? boundaryValues(leaf.operator, declaration, value, given.get(leaf.fact)) : customBoundary(leaf, declaration, value, given.get(leaf.fact));
}

const NO_VALUES: readonly unknown[] = [];

/**
 * Whether {@link candidateValues} has a value for some fact other than the fact's own: what a
 * search tries first. Stops at the first such value, where it can tell without the whole list
 * (a number kept or not among the nearest can be a NaN's question: those take the whole list).
 */
function anyCandidate(internals: PolicyInternals, given: ReadonlyMap<string, unknown>): boolean {
  for (const candidate of candidateLeaves(internals)) {
    const current = given.get(candidate.leaf.fact);
    for (const value of leafCandidates(internals, candidate, given)) {
      if (Number.isNaN(value) || Number.isNaN(current)) return anyCandidateIn(candidateValues(internals, given), given);
      if (!sameValue(value, current)) return true;
    }
  }
  return false;
}

function anyCandidateIn(candidates: readonly FactCandidates[], given: ReadonlyMap<string, unknown>): boolean {
  for (const { fact, values } of candidates) {
    const current = given.get(fact);
    if (values.some((value) => !sameValue(value, current))) return true;
  }
  return false;
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
