import { formatPath } from '../../errors.js';
import { decideSync } from '../../explain/explain.js';
import type { CompiledRule } from '../../policy/define.js';
import type { PolicyDocument } from '../../policy/schema.js';
import { groupBySubject, requiredAtoms, ruleRoot, unsatisfiable, type Atom } from './conditions.js';
import type { PolicyLintContext, RuleFinding } from './rule.js';
import { findWitness } from './witness.js';

/** How many conflicts are listed; the pairs beyond are counted, not searched, in one last finding. */
export const MAX_CONFLICTS = 100;
/** How many combinations of facts the witness search tries in all, over every pair. */
const SEARCH_BUDGET = 400_000;

/**
 * `conflicting_rules` (warning): two rules with different outcomes that fire on the same facts,
 * with those facts as the witness (verified with `decide`): one finding for each such pair.
 * `ties`: only rules that only their order in the file separates; `all`: every pair. Rules that
 * cannot fire or never decide (`never`, `shadowed`) are left out, and so are pairs whose
 * conditions keep them apart on one fact (`days < 30` and `days >= 30`), without a search. The
 * first {@link MAX_CONFLICTS} conflicts are listed; a last finding counts the pairs left
 * unsearched beyond them (or beyond the search budget) that no one fact keeps apart.
 * @internal
 */
export function conflictingRules(ctx: PolicyLintContext, never: ReadonlySet<number>, shadowed: ReadonlySet<string>, mode: 'ties' | 'all'): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const strategy = ctx.doc.decision?.strategy ?? 'priority';
  if (mode === 'ties' && strategy === 'first') return findings;
  const rules = ctx.internals.rules.filter((r) => !never.has(r.index) && !shadowed.has(r.name));
  const adverse = (r: CompiledRule): boolean => ctx.doc.outcomes[r.outcome]?.adverse === true;
  const required = new Map(rules.map((r) => [r.index, groupBySubject(requiredAtoms(ctx.internals, ruleRoot(r)).atoms)]));
  const apart = (a: CompiledRule, b: CompiledRule): boolean => {
    const ga = required.get(a.index) as Map<string, Atom[]>;
    const gb = required.get(b.index) as Map<string, Atom[]>;
    for (const [subject, atoms] of ga) {
      const other = gb.get(subject);
      if (other !== undefined && unsatisfiable(ctx.doc, [...atoms, ...other])) return true;
    }
    return false;
  };
  const at = dateInForce(ctx.doc);
  const budget = { left: SEARCH_BUDGET };
  // Pairs beyond the first MAX_CONFLICTS conflicts (or the search budget) that no one fact keeps apart.
  let unsearched = 0;
  // Pairs of rules that each require something first: a catch-all rule (one that requires no
  // comparison) overlaps every other rule, and its pairs must not crowd out the others.
  const general = (r: CompiledRule): boolean => (required.get(r.index) as Map<string, Atom[]>).size === 0;
  for (const withGeneral of [false, true]) {
    for (let i = 0; i < rules.length; i++) {
      for (let j = i + 1; j < rules.length; j++) {
        const a = rules[i] as CompiledRule;
        const b = rules[j] as CompiledRule;
        if (a.outcome === b.outcome || (general(a) || general(b)) !== withGeneral) continue;
        if (mode === 'ties' && (a.priority !== b.priority || (strategy === 'adverse-overrides' && adverse(a) !== adverse(b)))) continue;
        if (apart(a, b)) continue;
        if (findings.length >= MAX_CONFLICTS || budget.left <= 0) {
          unsearched++;
          continue;
        }
        const witness = findWitness(ctx.internals, a, b, budget);
        if (witness === undefined) continue;
        // Verify with decide itself: both rules fire on the witness.
        let result;
        try {
          result = decideSync(ctx.policy, witness, { at, redact: false });
        } catch {
          continue;
        }
        if (result.trace[a.index]?.fired !== true || result.trace[b.index]?.fired !== true) continue;
        const decider = result.decidedBy === a.name || result.decidedBy === b.name ? result.decidedBy : undefined;
        findings.push({
          code: 'conflicting_rules',
          rule: b.name,
          rules: [a.name, b.name],
          path: formatPath(['rules', b.index]),
          witness,
          message:
            `Rules "${a.name}" (${a.outcome}) and "${b.name}" (${b.outcome}) both fire on ${JSON.stringify(witness)}` +
            `${mode === 'ties' ? `, and only their order in the file decides between them${decider === undefined ? '' : ` ("${decider}" wins)`}` : ''}. ` +
            `Give the rule that should win a higher priority, or add a condition that keeps them apart.`,
        });
      }
    }
  }
  if (unsearched > 0) {
    findings.push({
      code: 'conflicting_rules',
      path: 'rules',
      message:
        `… and ${unsearched} more pair${unsearched === 1 ? '' : 's'} of rules with different outcomes that no condition on one fact keeps apart, not searched: ` +
        `${budget.left <= 0 ? `the search stopped after ${SEARCH_BUDGET.toLocaleString('en')} tries` : `only the first ${MAX_CONFLICTS} conflicts are listed`}. ` +
        `Fix those (or keep rules apart with a condition on one fact) and lint again.`,
    });
  }
  return findings;
}

function dateInForce(doc: PolicyDocument): string {
  if (doc.validFrom != null) return doc.validFrom;
  if (doc.validTo != null) return doc.validTo;
  return new Date().toISOString();
}
