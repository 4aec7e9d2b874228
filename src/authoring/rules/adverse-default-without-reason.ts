import { formatPath } from '../../errors.js';
import type { PolicyDocument } from '../../policy/schema.js';
import type { RuleFinding } from './rule.js';

/**
 * `adverse_default_without_reason` (warning): the outcome given when no rule fires
 * (`decision.default`) is adverse and has no `message`, so a customer refused that way reads no
 * reason at all ("Unfortunately, your request has been declined.").
 * @internal
 */
export function adverseDefaultWithoutReason(doc: PolicyDocument): RuleFinding[] {
  const outcome = doc.decision?.default;
  if (outcome === undefined || !Object.hasOwn(doc.outcomes, outcome)) return [];
  const declaration = doc.outcomes[outcome];
  if (declaration?.adverse !== true || declaration.message !== undefined) return [];
  return [
    {
      code: 'adverse_default_without_reason',
      path: formatPath(['decision', 'default']),
      message: `When no rule fires, the policy gives the adverse outcome "${outcome}", and the customer reads no reason for it. Write a rule for those cases with its "because", or give outcomes.${outcome} a "message" that says why.`,
    },
  ];
}
