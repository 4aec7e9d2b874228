import type { RuleEvaluation, SharedTraces } from '../evaluate/evaluate.js';
import type { CompiledRule } from '../policy/define.js';
import { UNDECIDED } from '../policy/check.js';
import type { PolicyDocument } from '../policy/schema.js';
import type { ConditionTrace, Truth } from '../result/schema.js';

/** How the fired rules become one outcome (`decision.strategy`). */
export type Strategy = 'priority' | 'adverse-overrides' | 'first';

/** The decision drawn from a policy's rule evaluations. @internal */
export interface OutcomeDecision {
  readonly outcome: string;
  /** The determining rule, or `null` when the default (or nothing) decided. */
  readonly decidedBy: RuleEvaluation | null;
  /**
   * Rules whose result is unknown and could still change the outcome: empty when the known
   * facts settle the decision.
   */
  readonly open: readonly RuleEvaluation[];
}

/**
 * The rules in the order the strategy consults them: the first one that fires decides.
 * All three strategies are of that form:
 * - `priority`: highest priority first, file order among equals;
 * - `adverse-overrides`: rules with an adverse outcome first, then as `priority`;
 * - `first`: file order.
 * @internal
 */
export function strategyOrder<T extends { rule: { index: number; priority: number; outcome: string } }>(
  evaluations: readonly T[],
  doc: PolicyDocument,
): T[] {
  // A policy's order never changes: for an evaluation of all its rules in file order (what
  // every caller passes), it is sorted once per policy and reused.
  const complete = evaluations.length === doc.rules.length && evaluations.every((e, i) => e.rule.index === i);
  if (!complete) return sortByStrategy(evaluations, doc);
  let order = orders.get(doc);
  if (order === undefined) {
    order = sortByStrategy(evaluations, doc).map((e) => e.rule.index);
    orders.set(doc, order);
  }
  return order.map((index) => evaluations[index] as T);
}

/** Rule indexes in strategy order, per (frozen) policy document. */
const orders = new WeakMap<PolicyDocument, readonly number[]>();

function sortByStrategy<T extends { rule: { index: number; priority: number; outcome: string } }>(evaluations: readonly T[], doc: PolicyDocument): T[] {
  const strategy: Strategy = doc.decision?.strategy ?? 'priority';
  const adverse = (t: T): number => (doc.outcomes[t.rule.outcome]?.adverse === true ? 1 : 0);
  const ordered = [...evaluations];
  if (strategy === 'first') return ordered.sort((a, b) => a.rule.index - b.rule.index);
  return ordered.sort(
    (a, b) =>
      (strategy === 'adverse-overrides' ? adverse(b) - adverse(a) : 0) ||
      b.rule.priority - a.rule.priority ||
      a.rule.index - b.rule.index,
  );
}

/**
 * Draws the decision with three-valued rule results. Walking the rules in strategy order, the
 * first rule that fires decides; a rule whose result is unknown before it could decide
 * instead. The decision is taken when every such possibility gives the same outcome, and is
 * `undecided` otherwise.
 * @internal
 */
export function decideOutcome(evaluations: readonly RuleEvaluation[], doc: PolicyDocument): OutcomeDecision {
  // An evaluation of all the policy's rules in file order (what every caller passes) is walked
  // in the policy's order, made once; any other in the order sorted for it.
  let complete = evaluations.length === doc.rules.length;
  for (let i = 0; complete && i < evaluations.length; i++) complete = (evaluations[i] as RuleEvaluation).rule.index === i;
  const ordered = complete ? undefined : strategyOrder(evaluations, doc);
  const order = complete ? (orders.get(doc) ?? ruleOrder(evaluations.map((e) => e.rule), doc)) : undefined;
  const count = evaluations.length;
  let open: RuleEvaluation[] | undefined;
  let decidedBy: RuleEvaluation | null = null;
  for (let p = 0; p < count; p++) {
    const evaluation = (order === undefined ? (ordered as RuleEvaluation[])[p] : evaluations[order[p] as number]) as RuleEvaluation;
    if (evaluation.fired === true) {
      decidedBy = evaluation;
      break;
    }
    if (evaluation.fired === 'unknown') (open ??= []).push(evaluation);
  }
  const fallback = decidedBy?.rule.outcome ?? doc.decision?.default ?? UNDECIDED;
  if (open === undefined || open.every((o) => o.rule.outcome === fallback)) return { outcome: fallback, decidedBy, open: [] };
  return { outcome: UNDECIDED, decidedBy: null, open };
}

/**
 * The rule indexes of a policy in strategy order, as {@link strategyOrder} sorts an evaluation
 * of all its rules in file order: `rules` are the policy's compiled rules; made once per policy.
 * @internal
 */
export function ruleOrder(rules: readonly { index: number; priority: number; outcome: string }[], doc: PolicyDocument): readonly number[] {
  let order = orders.get(doc);
  if (order === undefined) {
    order = sortByStrategy(rules.map((rule) => ({ rule })), doc).map((e) => e.rule.index);
    orders.set(doc, order);
  }
  return order;
}

/**
 * {@link decideOutcome} on the traces of all a policy's rules in file order (`runs[i].conditions`
 * the trace of `rules[i]`, its `result` whether the rule fired), making a {@link RuleEvaluation}
 * only for the rules the decision names.
 * @internal
 */
export function decideTraces(runs: readonly { readonly conditions: ConditionTrace }[], rules: readonly CompiledRule[], shared: SharedTraces, doc: PolicyDocument): OutcomeDecision {
  const order = ruleOrder(rules, doc);
  let decided = -1;
  let open: number[] | undefined;
  for (let p = 0; p < order.length; p++) {
    const index = order[p] as number;
    const fired = (runs[index] as { readonly conditions: ConditionTrace }).conditions.result;
    if (fired === true) {
      decided = index;
      break;
    }
    if (fired === 'unknown') (open ??= []).push(index);
  }
  const fallback = decided >= 0 ? (rules[decided] as CompiledRule).outcome : (doc.decision?.default ?? UNDECIDED);
  if (open === undefined || open.every((index) => (rules[index] as CompiledRule).outcome === fallback)) {
    return { outcome: fallback, decidedBy: decided >= 0 ? evaluationOf(runs, rules, shared, decided) : null, open: NONE_OPEN };
  }
  return { outcome: UNDECIDED, decidedBy: null, open: open.map((index) => evaluationOf(runs, rules, shared, index)) };
}

/** A settled decision's `open`: one frozen empty list for every call. */
const NONE_OPEN: readonly RuleEvaluation[] = Object.freeze([]);

/** The {@link RuleEvaluation} of rule `index` from its run. */
function evaluationOf(runs: readonly { readonly conditions: ConditionTrace }[], rules: readonly CompiledRule[], shared: SharedTraces, index: number): RuleEvaluation {
  const trace = (runs[index] as { readonly conditions: ConditionTrace }).conditions;
  return { rule: rules[index] as CompiledRule, fired: trace.result, trace, shared };
}

/**
 * The outcome {@link decideOutcome} draws, from the rules' truths alone (`truths[i]` the result
 * of rule `i`), walking `order` (the rule indexes in strategy order, as {@link strategyOrder}
 * gives them) and reading each rule's outcome from `outcomes`: for a search that decides many
 * sets of truths without building rule evaluations.
 * @internal
 */
export function outcomeOfTruths(truths: ArrayLike<Truth>, order: readonly number[], outcomes: readonly string[], doc: PolicyDocument): string {
  let decided = order.length;
  for (let p = 0; p < order.length; p++) {
    if (truths[order[p] as number] === true) {
      decided = p;
      break;
    }
  }
  const fallback = decided < order.length ? (outcomes[order[decided] as number] as string) : (doc.decision?.default ?? UNDECIDED);
  // Every rule before the decided one that might still fire must give the same outcome.
  for (let p = 0; p < decided; p++) {
    const index = order[p] as number;
    if (truths[index] === 'unknown' && outcomes[index] !== fallback) return UNDECIDED;
  }
  return fallback;
}
