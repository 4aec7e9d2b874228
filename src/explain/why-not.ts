import type { Decision } from '../decide/decide.js';
import { decisiveLeaves, leavesOf, type Evaluation } from '../evaluate/evaluate.js';
import type { PolicyDocument } from '../policy/schema.js';
import type { WhyNot } from '../result/schema.js';
import { subjectOf, type Renderer } from './render.js';

/**
 * What stands between the facts and `target`: the rules that would give it and, per rule, the
 * conditions that failed (or are unknown), phrased as what would be needed.
 * @internal
 */
export function whyNot(
  target: string,
  evaluation: Evaluation,
  decision: Decision,
  r: Renderer,
  showFigures: boolean,
  reasonOf: (ruleIndex: number) => string,
  doc: PolicyDocument,
): WhyNot {
  const outcome = r.outcomeLabel(target);
  const subject = subjectOf(doc.kind, doc.outcomes[target]);
  if (decision.outcome === target) {
    return { outcome: target, blockers: [], text: r.phrase(`whyNot.already_${subject}`, { outcome }) };
  }
  const blockers: WhyNot['blockers'] = [];
  for (const e of evaluation.rules) {
    if (e.rule.outcome !== target) continue;
    if (e.fired === true) {
      // The rule holds, but a rule that comes first in the strategy decided, or one that might
      // come first is still open.
      const text =
        decision.decidedBy === null
          ? r.phrase(`whyNot.open_${subject}`, { outcome })
          : r.phrase(`whyNot.overridden_${subject}`, { outcome, rule: reasonOf(decision.decidedBy.rule.index) });
      blockers.push({ rule: e.rule.name, failed: [], text });
      continue;
    }
    const failed = e.fired === 'unknown' ? leavesOf(e.trace).filter((l) => l.result === 'unknown') : decisiveLeaves(e.trace, false);
    const visible = e.rule.internal && !showFigures ? [] : failed.filter((l) => showFigures || l.internal !== true);
    const conditions =
      visible.length === 0 ? r.phrase('condition.hidden_rule') : r.list(visible.map((l) => r.condition(l, showFigures, 'needs')));
    blockers.push({ rule: e.rule.name, failed, text: r.phrase(`whyNot.blocked_${subject}`, { outcome, conditions }) });
  }
  const isDefault = doc.decision?.default === target;
  if (isDefault && decision.decidedBy !== null && !blockers.some((b) => b.failed.length === 0)) {
    // No rule gives the default: the rule that decided is what stands in its way.
    const rule = reasonOf(decision.decidedBy.rule.index);
    blockers.push({ rule: decision.decidedBy.rule.name, failed: [], text: r.phrase(`whyNot.overridden_${subject}`, { outcome, rule }) });
  }
  const text =
    blockers.length === 0
      ? r.phrase('whyNot.no_rule', { outcome })
      : // Two rules blocked by the same condition read as one sentence, said once.
        [...new Set(blockers.map((b) => b.text))].join(' ');
  return { outcome: target, blockers, text };
}
