import { decideOutcome, type OutcomeDecision } from '../decide/decide.js';
import { decisiveLeaves, leavesOf, type Evaluation } from '../evaluate/evaluate.js';
import type { PolicyDocument } from '../policy/schema.js';
import type { WhyNot } from '../result/schema.js';
import { sayable, type Boundary } from './boundary.js';
import { subjectOf, type Renderer } from './render.js';

/**
 * What stands between the facts and `target`: the rules that would give it and, per rule, the
 * conditions that failed (or are unknown), phrased as what would be needed.
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
): WhyNot {
  const outcome = r.outcomeLabel(target);
  const subject = subjectOf(doc, doc.outcomes[target]);
  const lostSentence = (): string =>
    decision.decidedBy === null
      ? r.phrase(`whyNot.open_${subject}`, { outcome })
      : r.phrase(`whyNot.overridden_${subject}`, { outcome, rule: reasonOf(decision.decidedBy.rule.index) });
  if (decision.outcome === target) {
    return { outcome: target, blockers: [], text: r.phrase(`whyNot.already_${subject}`, { outcome }) };
  }
  const blockers: WhyNot['blockers'] = [];
  const decidingReads = new Set(decision.decidedBy === null ? [] : leavesOf(decision.decidedBy.trace).map((l) => l.fact));
  // What the customer reads: the conditions of the rules that would give `target` if they held
  // (as alternatives, in one sentence), and, once, what outranks the rest.
  const alternatives: string[] = [];
  let outranked = false;
  for (const e of evaluation.rules) {
    if (e.rule.outcome !== target) continue;
    if (e.fired === true) {
      // The rule holds, but a rule that comes first in the strategy decided, or one that might
      // come first is still open.
      outranked = true;
      blockers.push({ rule: e.rule.name, failed: [], text: lostSentence() });
      continue;
    }
    const failed = e.fired === 'unknown' ? leavesOf(e.trace).filter((l) => l.result === 'unknown') : decisiveLeaves(e.trace, false);
    // What the reader may not read of is one "internal check", never a label or a figure.
    const { said, withheld } = sayable(b, e.rule, e.trace, failed);
    const needed = said.map((l) => r.condition(l, 'needs'));
    if (withheld || needed.length === 0) needed.push(r.phrase('condition.hidden_rule'));
    const conditions = r.list([...new Set(needed)]);
    blockers.push({ rule: e.rule.name, failed, text: r.phrase(`whyNot.blocked_${subject}`, { outcome, conditions }) });
    // A rule that would still lose to the deciding one, even if it held, is not the way to
    // `target` — unless meeting its conditions changes facts the deciding rule reads as well.
    const holding = evaluation.rules.map((x) => (x === e ? { ...x, fired: true as const } : x));
    if (decideOutcome(holding, doc).outcome === target || failed.some((l) => decidingReads.has(l.fact))) alternatives.push(conditions);
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
  return { outcome: target, blockers, text };
}
