import { formatPath } from '../../errors.js';
import { placeholders, policyTexts } from '../../policy/check.js';
import { ruleRoot, walk } from './conditions.js';
import type { PolicyLintContext, RuleFinding } from './rule.js';

/**
 * `unused_fact`, `unused_parameter` (warnings): a declaration no rule and no text reads.
 * @internal
 */
export function unusedDeclarations(ctx: PolicyLintContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const read = new Set<string>();
  for (const rule of ctx.internals.rules) {
    walk(ruleRoot(rule), ({ node }) => {
      if (node.kind !== 'leaf') return;
      read.add(node.fact);
      if ('read' in node.value) read.add(node.value.read.fact);
    });
  }
  const inTexts = new Set<string>();
  for (const { text } of policyTexts(ctx.doc)) {
    for (const s of typeof text === 'string' ? [text] : Object.values(text)) for (const name of placeholders(s)) inTexts.add(name);
  }
  for (const name of Object.keys(ctx.doc.facts)) {
    if (read.has(name) || inTexts.has(name)) continue;
    findings.push({
      code: 'unused_fact',
      path: formatPath(['facts', name]),
      message: `The fact "${name}" is declared but no rule and no text reads it. Remove it, or write the condition that needs it.`,
    });
  }
  for (const name of Object.keys(ctx.doc.parameters ?? {})) {
    if (read.has(name) || inTexts.has(name)) continue;
    findings.push({
      code: 'unused_parameter',
      path: formatPath(['parameters', name]),
      message: `The parameter "${name}" is declared but no rule and no text reads it. Remove it, or compare with it: "value": { "fact": "${name}" }.`,
    });
  }
  return findings;
}
