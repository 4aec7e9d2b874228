/**
 * `because`: policies as JSON, decisions with their reasons. `definePolicy` checks a policy once;
 * `explain` decides on a customer's facts and says why, `decide` gives the decision without texts.
 * No `node:` imports: it runs in Node, browsers, workers and edge runtimes.
 * @module because
 */
export { definePolicy, isPolicy } from './policy/define.js';
export type { Policy, PolicyOptions, Resources } from './policy/define.js';
export type { CustomOperator, CustomOperators, OperatorPhrase, OperatorOperandType } from './policy/custom-operators.js';
export { decide, explain } from './explain/explain.js';
export type { DecideOptions, ExplainOptions } from './explain/options.js';
export { policyInForce } from './policy/validity.js';
export { customerView } from './result/customer-view.js';
export type { CustomerView, CustomerSource } from './result/customer-view.js';
export { toAuditRecord } from './result/audit.js';
export type { AuditRecord } from './result/audit.js';
export {
  BecauseError,
  PolicyError,
  FactsError,
  PolicyNotInForceError,
  OptionsError,
  OperatorError,
  isBecauseError,
  isPolicyError,
  isFactsError,
  isPolicyNotInForceError,
  isOperatorError,
} from './errors.js';
export type { Issue, NonEmptyArray } from './errors.js';
export { PolicySchema } from './policy/schema.js';
export type { PolicyDocument, Text, JsonValue, Condition, TopLevelCondition } from './policy/schema.js';
export { DecisionResultSchema, DecisionSchema, REDACTED } from './result/schema.js';
export type {
  DecisionResult,
  Decision,
  Reason,
  RuleTrace,
  ConditionTrace,
  LeafTrace,
  BooleanTrace,
  RepeatedTrace,
  Truth,
  Counterfactual,
  WhyNot,
  MissingFact,
} from './result/schema.js';
