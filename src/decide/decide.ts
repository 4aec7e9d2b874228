import type { RuleEvaluation } from '../evaluate/evaluate.js';
import { UNDECIDED } from '../policy/check.js';
import type { PolicyDocument } from '../policy/schema.js';

/** How the fired rules become one outcome (`decision.strategy`). */
export type Strategy = 'priority' | 'adverse-overrides' | 'first';

/** The decision drawn from a policy's rule evaluations. @internal */
export interface Decision {
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
  // The order depends only on the rules and the document, so it is sorted once per policy and
  // reused while the same rules come in the same positions.
  const cached = orders.get(doc);
  if (cached !== undefined && cached.rules.length === evaluations.length && evaluations.every((e, i) => e.rule === cached.rules[i])) {
    const out: T[] = new Array(cached.order.length);
    for (let k = 0; k < cached.order.length; k++) out[k] = evaluations[cached.order[k] as number] as T;
    return out;
  }
  const ordered = sortByStrategy(evaluations.map((e, position) => ({ rule: e.rule, position })), doc);
  orders.set(doc, { rules: evaluations.map((e) => e.rule), order: Int32Array.from(ordered, (o) => o.position) });
  return ordered.map((o) => evaluations[o.position] as T);
}

const orders = new WeakMap<PolicyDocument, { readonly rules: readonly object[]; readonly order: Int32Array }>();

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
export function decide(evaluations: readonly RuleEvaluation[], doc: PolicyDocument): Decision {
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
