import { formatPath } from '../../errors.js';
import { explainSync } from '../../explain/explain.js';
import type { CompiledRule } from '../../policy/define.js';
import type { PolicyDocument } from '../../policy/schema.js';
import type { PolicyLintContext, RuleFinding } from './rule.js';
import { findWitness } from './witness.js';

/**
 * `conflicting_rules` (warning): two rules with different outcomes that fire on the same facts,
 * with those facts as the witness (verified with `explain`). `ties`: only rules that only their
 * order in the file separates; `all`: every such pair. Rules that cannot fire or never decide
 * (`never`, `shadowed`) are left out.
 * @internal
 */
export function conflictingRules(ctx: PolicyLintContext, never: ReadonlySet<number>, shadowed: ReadonlySet<string>, mode: 'ties' | 'all'): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const strategy = ctx.doc.decision?.strategy ?? 'priority';
  if (mode === 'ties' && strategy === 'first') return findings;
  const rules = ctx.internals.rules.filter((r) => !never.has(r.index) && !shadowed.has(r.name));
  const adverse = (r: CompiledRule): boolean => ctx.doc.outcomes[r.outcome]?.adverse === true;
  const at = dateInForce(ctx.doc);
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i] as CompiledRule;
      const b = rules[j] as CompiledRule;
      if (a.outcome === b.outcome) continue;
      if (mode === 'ties' && (a.priority !== b.priority || (strategy === 'adverse-overrides' && adverse(a) !== adverse(b)))) continue;
      const witness = findWitness(ctx.internals, a, b);
      if (witness === undefined) continue;
      // Verify with explain itself: both rules fire on the witness.
      let result;
      try {
        result = explainSync(ctx.policy, witness, { at, redact: false });
      } catch {
        continue;
      }
      if (result.trace[a.index]?.fired !== true || result.trace[b.index]?.fired !== true) continue;
      const decider = result.decidedBy === a.name || result.decidedBy === b.name ? result.decidedBy : undefined;
      findings.push({
        code: 'conflicting_rules',
        rule: b.name,
        path: formatPath(['rules', b.index]),
        witness,
        message:
          `Rules "${a.name}" (${a.outcome}) and "${b.name}" (${b.outcome}) both fire on ${JSON.stringify(witness)}` +
          `${mode === 'ties' ? `, and only their order in the file decides between them${decider === undefined ? '' : ` ("${decider}" wins)`}` : ''}. ` +
          `Give the rule that should win a higher priority, or add a condition that keeps them apart.`,
      });
    }
  }
  return findings;
}

function dateInForce(doc: PolicyDocument): string {
  if (doc.validFrom != null) return doc.validFrom;
  if (doc.validTo != null) return doc.validTo;
  return new Date().toISOString();
}
