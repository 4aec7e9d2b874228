import { strategyOrder, type OutcomeDecision } from '../decide/decide.js';
import { decisiveLeaves, leavesOf, type Evaluation, type Meter, type RuleEvaluation } from '../evaluate/evaluate.js';
import type { PolicyDocument } from '../policy/schema.js';
import type { WhyNot } from '../result/schema.js';
import { sayable, type Boundary } from './boundary.js';
import { subjectOf, type Renderer } from './render.js';

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
  // What the customer reads: the conditions of the rules that would give `target` if they held
  // (as alternatives, in one sentence), and, once, what outranks the rest.
  const alternatives: string[] = [];
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
    const { said, withheld } = sayable(b, e.rule, e.trace, failed, e.shared);
    meter.steps += (said.length + 1) * STEPS_PER_PHRASE;
    const needed = said.map((l) => r.condition(l, 'needs'));
    if (withheld || needed.length === 0) needed.push(r.phrase('condition.hidden_rule'));
    const conditions = r.list([...new Set(needed)]);
    blockers.push({ rule: e.rule.name, failed, text: r.phrase(`whyNot.blocked_${subject}`, { outcome, conditions }) });
    // A rule that would still lose to the deciding one, even if it held, is not the way to
    // `target` — unless meeting its conditions changes facts the deciding rule reads as well.
    if (decides(e) || failed.some((l) => decidingReads.has(l.fact))) alternatives.push(conditions);
    else outranked = true;
  }
  const isDefault = doc.decision?.default === target;
  if (isDefault && decision.decidedBy !== null && !blockers.some((b) => b.failed.length === 0)) {
    // No rule gives the default: the rule that decided is what stands in its way.
    outranked = true;
    blockers.push({ rule: decision.decidedBy.rule.name, failed: [], text: lostSentence() });
  }
  const sentences = [
    ...(alternatives.length > 0
      ? [r.phrase(`whyNot.blocked_${subject}`, { outcome, conditions: r.list([...new Set(alternatives)], 'disjunction') })]
      : []),
    ...(outranked ? [lostSentence()] : []),
  ];
  const text = blockers.length === 0 ? r.phrase('whyNot.no_rule', { outcome }) : sentences.join(' ');
  return { whyNot: { outcome: target, blockers, text }, limited, steps: meter.steps };
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
