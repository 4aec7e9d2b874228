import { formatPath } from '../../errors.js';
import { readsInternal, type LintRuleContext, type RuleFinding } from './rule.js';

/**
 * `adverse_rule_reads_internal_without_text` (warning): a rule that gives an adverse outcome on
 * internal information (an internal rule or condition, an internal fact or parameter) and has no
 * `because`. A customer cannot be told its conditions, so they read the policy's
 * `texts.confidentialReason` or the built-in "the information we hold about your account led to this decision": true,
 * but no help. The author knows what may be said ("our security checks found unusual
 * activity"), and should say it.
 * @internal
 */
export function adverseRuleReadsInternalWithoutText({ document, rules, visibility }: LintRuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    const declared = document.rules[rule.index];
    if (declared === undefined || declared.because !== undefined || document.outcomes[rule.outcome]?.adverse !== true) continue;
    if (!rule.internal && !readsInternal(rule.root, visibility)) continue;
    const fallback = document.texts?.confidentialReason === undefined ? 'the generic "the information we hold about your account led to this decision"' : 'the policy\'s "texts.confidentialReason"';
    findings.push({
      code: 'adverse_rule_reads_internal_without_text',
      rule: rule.name,
      path: formatPath(['rules', rule.index]),
      message:
        `Rule "${rule.name}" gives the adverse outcome "${rule.outcome}" on internal information and has no "because": a customer may not read its conditions, ` +
        `so they will read ${fallback}. Write "because" with what the customer may know, e.g. "our security checks found unusual activity on your account".`,
    });
  }
  return findings;
}
