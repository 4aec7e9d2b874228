import { formatPath } from '../../errors.js';
import { phraseFor, type RegisteredOperator } from '../../policy/custom-operators.js';
import type { PolicyInternals } from '../../policy/define.js';
import { localeFallbacks } from '../../policy/locale.js';
import type { LintRuleContext, RuleFinding } from './rule.js';

/**
 * What lint says of the custom operators a policy's rules use (`definePolicy(json, { operators })`),
 * once per operator, at its first use:
 *
 * - `operator_phrase_missing` (warning): the operator has no phrase in a locale the policy is
 *   written in (`nl` serves `nl-BE`), so its conditions read there as the generic "meets the
 *   condition “startsWith” with …".
 * - `opaque_operator` (warning): the operator declares no `boundary`, so lint cannot tell where
 *   its conditions turn: contradictions, shadowed rules and overlaps that involve it go unseen
 *   (lint never guesses them), and no counterfactual changes a fact through it.
 * @internal
 */
export function customOperatorFindings({ rules }: Pick<LintRuleContext, 'rules'>, operators: PolicyInternals['operators'], locales: readonly string[]): RuleFinding[] {
  if (operators.size === 0) return [];
  const firstUse = new Map<string, { rule: string; path: string }>();
  for (const rule of rules) {
    const stack: { node: (typeof rule)['root']; path: (string | number)[] }[] = [{ node: rule.root, path: ['rules', rule.index, 'conditions'] }];
    while (stack.length > 0) {
      const { node, path } = stack.pop() as (typeof stack)[number];
      const at = node.ref === undefined ? path : ['conditions', node.ref];
      if (node.kind === 'leaf') {
        if (node.custom !== undefined && !firstUse.has(node.custom.name)) firstUse.set(node.custom.name, { rule: rule.name, path: formatPath([...at, 'operator']) });
        continue;
      }
      const children = node.children.map((child, i) => ({ node: child, path: node.kind === 'not' ? [...at, 'not'] : [...at, node.kind, i] }));
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as (typeof stack)[number]);
    }
  }
  const findings: RuleFinding[] = [];
  for (const [name, where] of firstUse) {
    const operator = operators.get(name) as RegisteredOperator;
    const missing = locales.filter((locale) => phraseFor(operator, localeFallbacks(locale)) === undefined);
    if (missing.length > 0) {
      findings.push({
        code: 'operator_phrase_missing',
        ...where,
        message: `The custom operator "${name}" has no phrase in ${missing.map((l) => `"${l}"`).join(', ')}, a language this policy is written in, so its conditions read there as "meets the condition “${name}” with …". Add phrase.${missing[0] ?? ''} = { holds, fails } to the operator.`,
      });
    }
    if (operator.definition.boundary === undefined) {
      findings.push({
        code: 'opaque_operator',
        ...where,
        message: `The custom operator "${name}" declares no boundary, so lint cannot tell which values meet its conditions: contradictions, shadowed rules and overlapping rules that involve it are not reported, and no counterfactual suggests changing a fact through it. Give it boundary(value) => fact values at the edge of the condition.`,
      });
    }
  }
  return findings;
}
