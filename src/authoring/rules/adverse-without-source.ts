import { formatPath } from '../../errors.js';
import type { PolicyDocument } from '../../policy/schema.js';
import type { RuleFinding } from './rule.js';

/**
 * `adverse_without_source` (warning): a rule with an adverse outcome that cites no `source`.
 * @internal
 */
export function adverseWithoutSource(doc: PolicyDocument): RuleFinding[] {
  const findings: RuleFinding[] = [];
  doc.rules.forEach((rule, i) => {
    if (doc.outcomes[rule.event.type]?.adverse !== true || rule.source !== undefined) return;
    findings.push({
      code: 'adverse_without_source',
      rule: rule.name,
      path: formatPath(['rules', i]),
      message: `Rule "${rule.name}" gives the adverse outcome "${rule.event.type}" but cites no source. Add "source": { "title": …, "url": … } so customers and reviewers can look up the policy text behind it.`,
    });
  });
  return findings;
}
