import type { RuleEvaluation } from '../evaluate/evaluate.js';
import { UNDECIDED } from '../policy/check.js';
import type { PolicyDocument } from '../policy/schema.js';
import type { Truth } from '../result/schema.js';

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
  const settled = open.every((o) => o.rule.outcome === fallback);
  if (settled) return { outcome: fallback, decidedBy, open: [] };
  return { outcome: UNDECIDED, decidedBy: null, open };
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
