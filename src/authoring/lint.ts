import { policyInternals, type Policy } from '../policy/define.js';
import type { JsonValue } from '../policy/schema.js';
import { adverseRuleReadsInternalWithoutText } from './rules/adverse-rule-reads-internal-without-text.js';
import { adverseDefaultWithoutReason } from './rules/adverse-default-without-reason.js';
import { adverseWithoutSource } from './rules/adverse-without-source.js';
import { conflictingRules } from './rules/conflicting-rules.js';
import { contradictoryConditions } from './rules/contradictory-conditions.js';
import { customOperatorFindings } from './rules/custom-operators.js';
import { internalValueInText } from './rules/internal-value-in-text.js';
import { missingTranslations } from './rules/missing-translation.js';
import { priorityHidesTrace } from './rules/priority-hides-trace.js';
import type { PolicyLintContext, RuleFinding } from './rules/rule.js';
import { shadowedRules } from './rules/shadowed-rule.js';
import { textNotPlain } from './rules/text-not-plain.js';
import { textReadsUncheckedFact } from './rules/text-reads-unchecked-fact.js';
import { unknownResourcePlaceholders } from './rules/unknown-placeholder.js';
import { unusedDeclarations } from './rules/unused-declaration.js';
import { unwrittenTexts } from './rules/unwritten-text.js';

/**
 * Lint: problems a valid policy can still have. `definePolicy` rejects what cannot run; lint
 * finds what runs but is almost certainly not what the author meant.
 */

/** The codes {@link lintPolicy} reports, with their severity. */
export const LINT_CODES = {
  contradictory_conditions: 'error',
  shadowed_rule: 'error',
  missing_translation: 'error',
  unknown_placeholder: 'error',
  unwritten_text: 'error',
  internal_value_in_text: 'error',
  unused_fact: 'warning',
  unused_parameter: 'warning',
  adverse_without_source: 'warning',
  adverse_default_without_reason: 'warning',
  conflicting_rules: 'warning',
  priority_hides_trace: 'warning',
  adverse_rule_reads_internal_without_text: 'warning',
  text_reads_unchecked_fact: 'warning',
  text_not_plain: 'warning',
  operator_phrase_missing: 'warning',
  opaque_operator: 'warning',
} as const;

/** A lint code. */
export type LintCode = keyof typeof LINT_CODES;

/** One problem found by {@link lintPolicy}. */
export interface LintFinding {
  /** `error`: the policy does not do what it says (a rule never fires, a text is missing). `warning`: probably a mistake. */
  readonly severity: 'error' | 'warning';
  /** Stable code; see the docs for each code with an example and a fix. */
  readonly code: LintCode;
  /** The rule concerned, when there is one. */
  readonly rule?: string;
  /** JSON path into the policy document: `rules[2].conditions.all[1]`. */
  readonly path: string;
  /** What is wrong and what to do, for a policy author. */
  readonly message: string;
  /** For `conflicting_rules`: the two rules, in file order (`rule` is the second). */
  readonly rules?: readonly [string, string];
  /** For `conflicting_rules`: facts on which both rules fire (verified with `decide`). */
  readonly witness?: Readonly<Record<string, JsonValue>>;
}

/** Options of {@link lintPolicy}. */
export interface LintOptions {
  /**
   * Which overlaps of rules with different outcomes `conflicting_rules` reports. `ties`: only
   * rules that only their order in the file separates (equal priority under the `priority` and
   * `adverse-overrides` strategies). `all`: every pair of rules with different outcomes that
   * can fire on the same facts, whatever the strategy.
   * @default 'ties'
   */
  readonly conflicts?: 'ties' | 'all';
}

/**
 * Lints a policy: contradictions, shadowed rules, missing translations, unused declarations,
 * overlapping rules and more. Every finding names the rule (when there is one) and the JSON path.
 * Findings come sorted: errors first, then by path.
 *
 * @param policy A policy made by `definePolicy`.
 * @example
 * ```ts
 * for (const f of lintPolicy(policy)) console.log(`${f.path}: ${f.severity} ${f.code}: ${f.message}`);
 * ```
 */
export function lintPolicy(policy: Policy, options: LintOptions = {}): LintFinding[] {
  const internals = policyInternals(policy);
  const ctx: PolicyLintContext = { policy, internals, doc: internals.document };
  const findings: LintFinding[] = [];
  const seen = new Set<string>();
  const report = (list: readonly RuleFinding[]): void => {
    for (const finding of list) {
      const key = `${finding.code}\u0000${finding.path}\u0000${finding.rule ?? ''}\u0000${finding.rules?.join('\u0000') ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ severity: LINT_CODES[finding.code], ...finding });
    }
  };
  // Each rule in its own file (src/authoring/rules). Rules that can never fire, and rules that
  // never decide, are left out of the later checks that would only repeat it.
  const contradictions = contradictoryConditions(ctx);
  report(contradictions.findings);
  const shadowed = shadowedRules(ctx, contradictions.never);
  report(shadowed);
  report(missingTranslations(ctx.doc));
  report(unwrittenTexts(ctx.doc).map((f) => ({ code: 'unwritten_text', ...f })));
  report(unknownResourcePlaceholders(ctx.doc, internals.options.resources ?? {}));
  report(unusedDeclarations(ctx));
  report(adverseWithoutSource(ctx.doc));
  report(adverseDefaultWithoutReason(ctx.doc));
  const shadowedNames = new Set(shadowed.flatMap((f) => (f.rule === undefined ? [] : [f.rule])));
  report(conflictingRules(ctx, contradictions.never, shadowedNames, options.conflicts ?? 'ties'));
  report(priorityHidesTrace(ctx));
  for (const rule of [internalValueInText, adverseRuleReadsInternalWithoutText, textReadsUncheckedFact, textNotPlain]) report(rule(internals));
  report(customOperatorFindings(internals, internals.operators, policy.locales));
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || comparePaths(a.path, b.path));
}

function comparePaths(a: string, b: string): number {
  const norm = (p: string): string => p.replace(/\[(\d+)\]/g, (_m, n: string) => `[${n.padStart(6, '0')}]`);
  return norm(a) < norm(b) ? -1 : norm(a) > norm(b) ? 1 : 0;
}
