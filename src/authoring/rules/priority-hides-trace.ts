import { formatPath } from '../../errors.js';
import { childrenOf, ruleRoot, walk } from './conditions.js';
import type { PolicyLintContext, RuleFinding } from './rule.js';

/**
 * `priority_hides_trace` (warning): the conditions of one `all`/`any` with different priorities,
 * so the lower ones are skipped whenever the higher ones settle it.
 * @internal
 */
export function priorityHidesTrace(ctx: PolicyLintContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of ctx.internals.rules) {
    walk(ruleRoot(rule), (l) => {
      const n = l.node;
      if ((n.kind !== 'all' && n.kind !== 'any') || n.children.length < 2) return;
      const priorities = [...new Set(n.children.map((c) => c.groupPriority))].sort((x, y) => y - x);
      if (priorities.length < 2) return;
      const top = priorities[0] as number;
      const lower = childrenOf(l).filter((c) => c.node.groupPriority < top).map((c) => formatPath(c.path));
      findings.push({
        code: 'priority_hides_trace',
        rule: rule.name,
        path: formatPath(l.path),
        message:
          `The conditions of this "${n.kind}" have different priorities (${priorities.join(', ')}). Whenever the higher-priority ones settle it ` +
          `(${n.kind === 'all' ? 'one is false' : 'one is true'}), ${lower.join(', ')} ${lower.length === 1 ? 'is' : 'are'} skipped: the trace shows ` +
          `"evaluated": false, their facts are not reported as used or missing, and tests cannot cover them. Remove the condition priorities unless a fact is expensive to get.`,
      });
    });
  }
  return findings;
}
