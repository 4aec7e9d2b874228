import { strategyOrder } from '../../decide/decide.js';
import { formatPath } from '../../errors.js';
import { implied, requiredAtoms, ruleRoot } from './conditions.js';
import type { PolicyLintContext, RuleFinding } from './rule.js';

/**
 * `shadowed_rule` (error): a rule that never decides, because whenever it fires a rule with
 * another outcome fires too and wins (a higher priority, an adverse outcome that overrides, or
 * the same priority and earlier in the file). Rules in `never` (they cannot fire) are left out.
 * @internal
 */
export function shadowedRules(ctx: PolicyLintContext, never: ReadonlySet<number>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const order = strategyOrder(
    ctx.internals.rules.map((rule) => ({ rule })),
    ctx.doc,
  ).map((e) => e.rule);
  const strategy = ctx.doc.decision?.strategy ?? 'priority';
  order.forEach((later, k) => {
    if (never.has(later.index)) return;
    const given = requiredAtoms(ctx.internals, ruleRoot(later)).atoms;
    const laterConditions = JSON.stringify(ctx.doc.rules[later.index]?.conditions);
    for (const earlier of order.slice(0, k)) {
      if (earlier.outcome === later.outcome || never.has(earlier.index)) continue;
      const identical = JSON.stringify(ctx.doc.rules[earlier.index]?.conditions) === laterConditions;
      if (!identical && !implied(ctx.internals, ruleRoot(earlier), given)) continue;
      const why =
        strategy === 'first'
          ? 'comes first in the file'
          : earlier.priority > later.priority
            ? `has a higher priority (${earlier.priority} > ${later.priority})`
            : strategy === 'adverse-overrides' && ctx.doc.outcomes[earlier.outcome]?.adverse === true && ctx.doc.outcomes[later.outcome]?.adverse !== true
              ? 'has an adverse outcome, which overrides'
              : `has the same priority (${earlier.priority}) and comes first in the file`;
      findings.push({
        code: 'shadowed_rule',
        rule: later.name,
        path: formatPath(['rules', later.index]),
        message:
          `Rule "${later.name}" (${later.outcome}) never decides: whenever it fires, rule "${earlier.name}" (${earlier.outcome}) fires too and ${why}` +
          `${identical ? ' (their conditions are identical)' : ' (its conditions are implied by this rule\'s)'}. ` +
          `Give "${later.name}" a higher priority, or narrow the conditions of "${earlier.name}".`,
      });
      return;
    }
  });
  return findings;
}
