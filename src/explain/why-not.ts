import type { Decision } from '../decide/decide.js';
import { decisiveLeaves, leavesOf, type Evaluation } from '../evaluate/evaluate.js';
import type { WhyNot } from '../result/schema.js';
import type { Renderer } from './render.js';

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
  isDefault: boolean,
): WhyNot {
  const outcome = r.outcomeLabel(target);
  if (decision.outcome === target) {
    return { outcome: target, blockers: [], text: r.phrase('whyNot.already', { outcome }) };
  }
  const blockers: WhyNot['blockers'] = [];
  for (const e of evaluation.rules) {
    if (e.rule.outcome !== target) continue;
    if (e.fired === true) {
      // The rule holds, but a rule that comes first in the strategy decided.
      const rule = decision.decidedBy === null ? '' : reasonOf(decision.decidedBy.rule.index);
      blockers.push({ rule: e.rule.name, failed: [], text: r.phrase('whyNot.overridden', { outcome, rule }) });
      continue;
    }
    const failed = e.fired === 'unknown' ? leavesOf(e.trace).filter((l) => l.result === 'unknown') : decisiveLeaves(e.trace, false);
    const visible = e.rule.internal && !showFigures ? [] : failed.filter((l) => showFigures || l.internal !== true);
    const conditions =
      visible.length === 0 ? r.phrase('condition.hidden_rule') : r.list(visible.map((l) => r.condition(l, showFigures, 'needs')));
    blockers.push({ rule: e.rule.name, failed, text: r.phrase('whyNot.blocked', { outcome, conditions }) });
  }
  if (isDefault && decision.decidedBy !== null && !blockers.some((b) => b.failed.length === 0)) {
    // No rule gives the default: the rule that decided is what stands in its way.
    const rule = reasonOf(decision.decidedBy.rule.index);
    blockers.push({ rule: decision.decidedBy.rule.name, failed: [], text: r.phrase('whyNot.overridden', { outcome, rule }) });
  }
  const text =
    blockers.length === 0
      ? r.phrase('whyNot.no_rule', { outcome })
      : blockers.map((b) => b.text).join(' ');
  return { outcome: target, blockers, text };
}
