import * as z from 'zod/mini';
import { lazyShape } from '../policy/lazy-shape.js';
import type { JsonValue } from '../policy/schema.js';

/** The value that replaces a personal fact in a result when `redact` is on. */
export const REDACTED = '[redacted]';

/** `true`, `false`, or `'unknown'` when it depends on a fact that was not given. */
export type Truth = z.infer<LeafSchemas['TruthSchema']>;

// The result types here are interfaces, not aliases of z.infer, so that the API reference links
// them where they are used instead of spelling them out.
/** The trace of one comparison. */
export interface LeafTrace extends z.infer<LeafSchemas['LeafTraceSchema']> {}

/** The trace of an all/any/not node. */
export interface BooleanTrace {
  all?: ConditionTrace[];
  any?: ConditionTrace[];
  not?: ConditionTrace;
  result: Truth;
  evaluated: boolean;
  internal?: true;
  name?: string;
  /** The shared condition this node was referenced as. */
  condition?: string;
  /**
   * `true` on a later reference to a shared condition (`condition`) that this call's trace
   * already holds in full with the same `evaluated`: the node keeps its `result` and leaves out
   * the conditions inside, which are those of the full one. See {@link RepeatedTrace}.
   */
  repeated?: true;
}
/**
 * A later reference to a shared condition: its result, without the conditions inside. The
 * trace of one call holds each shared condition in full once per value of `evaluated` (where
 * the evaluation first reached it); every other reference to it is a stub like this one.
 */
export type RepeatedTrace = BooleanTrace & { condition: string; repeated: true };
/** A node of a condition trace. */
export type ConditionTrace = LeafTrace | BooleanTrace;

/** How one rule evaluated. */
export interface RuleTrace extends z.infer<ResultSchemas['RuleTraceSchema']> {}

/** A rule's event: `{ type, params }`. */
export type Event = z.infer<ResultSchemas['EventSchema']>;

/** A fired rule that explains the decision. */
export interface Reason extends z.infer<ResultSchemas['ReasonSchema']> {}

/** A small change to the facts that gives another outcome. */
export interface Counterfactual extends z.infer<ResultSchemas['CounterfactualSchema']> {}

/** What stands between the facts and a wanted outcome. */
export interface WhyNot extends z.infer<ResultSchemas['WhyNotSchema']> {}

/** A fact whose absence left the decision open. */
export interface MissingFact extends z.infer<ResultSchemas['MissingFactSchema']> {}


/** The schemas a condition trace's leaves are made of. */
function buildLeaves() {
  const Json = z.unknown() as z.ZodMiniType<JsonValue>;

  /**
   * A three-valued truth: `'unknown'` when a fact it depends on was not given. A condition on a
   * missing fact is never reported as a plain `false`.
   */
  const TruthSchema = z.union([z.boolean(), z.literal('unknown')]);
  /** The trace of one comparison. */
  const LeafTraceSchema = z.object({
    fact: z.string(),
    path: z.optional(z.string()),
    params: z.optional(z.record(z.string(), Json)),
    operator: z.string(),
    /** The value compared against, resolved when it is a fact; absent when that fact is unknown. */
    expected: z.optional(Json),
    /** The fact or parameter `expected` was read from, when the rule names one. */
    expectedFact: z.optional(z.string()),
    /** The fact's value (after `path`); absent when the fact is unknown or the path leads nowhere. */
    actual: z.optional(Json),
    result: TruthSchema,
    /** `false` when json-rules-engine would not have evaluated this leaf (short-circuit). */
    evaluated: z.boolean(),
    internal: z.optional(z.literal(true)),
    name: z.optional(z.string()),
    /** The shared condition this leaf was referenced as. */
    condition: z.optional(z.string()),
  });
  return { Json, TruthSchema, LeafTraceSchema };
}
type LeafSchemas = ReturnType<typeof buildLeaves>;

/** Every schema of the results. */
function buildAll() {
  const leaves = buildLeaves();
  const { Json, TruthSchema, LeafTraceSchema } = leaves;
  const booleanExtras = {
    result: TruthSchema,
    evaluated: z.boolean(),
    internal: z.optional(z.literal(true)),
    name: z.optional(z.string()),
    condition: z.optional(z.string()),
  };
  const ConditionTraceSchema: z.ZodMiniType<ConditionTrace> = z.union([
    LeafTraceSchema,
    z.object({
      result: TruthSchema,
      evaluated: z.boolean(),
      internal: z.optional(z.literal(true)),
      condition: z.string(),
      repeated: z.literal(true),
    }),
    z.object({
      get all() {
        return z.array(ConditionTraceSchema);
      },
      ...booleanExtras,
    }),
    z.object({
      get any() {
        return z.array(ConditionTraceSchema);
      },
      ...booleanExtras,
    }),
    z.object({
      get not() {
        return ConditionTraceSchema;
      },
      ...booleanExtras,
    }),
  ]) as z.ZodMiniType<ConditionTrace>;
  z.globalRegistry.add(ConditionTraceSchema, { id: 'ConditionTrace' });

  /** How one rule evaluated. */
  const RuleTraceSchema = z.object({
    rule: z.string(),
    priority: z.number(),
    outcome: z.string(),
    fired: TruthSchema,
    conditions: ConditionTraceSchema,
  });
  /** A citation of the policy text behind a rule. */
  const SourceResultSchema = z.object({ title: z.string(), url: z.optional(z.string()), section: z.optional(z.string()) });

  /**
   * A rule's event as json-rules-engine reports it: the outcome as `type`, and the rule's `params`
   * passed through unchanged (`{}` when the rule has none).
   */
  const EventSchema = z.object({ type: z.string(), params: z.record(z.string(), Json) });
  /** A fired rule that explains the decision. */
  const ReasonSchema = z.object({
    rule: z.string(),
    outcome: z.string(),
    /** The rule's event, params included. */
    event: EventSchema,
    text: z.string(),
    source: z.optional(SourceResultSchema),
    /** The leaf traces that made the rule fire. */
    conditions: z.array(LeafTraceSchema),
  });
  /** One changed fact of a counterfactual. */
  const ChangeSchema = z.object({ fact: z.string(), from: z.optional(Json), to: Json });

  /** A small change to the facts that gives another outcome. */
  const CounterfactualSchema = z.object({
    changes: z.array(ChangeSchema),
    outcome: z.string(),
    text: z.string(),
  });
  /** What stands between the facts and a wanted outcome. */
  const WhyNotSchema = z.object({
    outcome: z.string(),
    blockers: z.array(z.object({ rule: z.string(), failed: z.array(LeafTraceSchema), text: z.string() })),
    text: z.string(),
  });
  /**
   * A fact whose absence left the decision open, or, once decided, a fact the deciding rule's
   * reason or the outcome's message names, which the text had to leave out.
   */
  const MissingFactSchema = z.object({
    fact: z.string(),
    question: z.string(),
    /**
     * Whether a bot may ask the customer: false for internal facts (a risk score) and facts
     * `from: "host"` (a fee), which the host's systems must supply.
     */
    askCustomer: z.boolean(),
    /** How many open rules read this fact (for a fact a text names: the texts that name it). */
    rules: z.number(),
  });
  /** The result of `explain`: plain JSON, the same for the same policy, facts and options. */
  const DecisionResultSchema = z.object({
    outcome: z.string(),
    /** The outcome's label in the result's locale. */
    outcomeLabel: z.string(),
    decidedBy: z.nullable(z.string()),
    /** The deciding rule's event `{ type, params }`; `null` when the default (or nothing) decided. */
    event: z.nullable(EventSchema),
    reasons: z.array(ReasonSchema),
    trace: z.array(RuleTraceSchema),
    text: z.string(),
    counterfactuals: z.array(CounterfactualSchema),
    whyNot: z.optional(WhyNotSchema),
    missing: z.array(MissingFactSchema),
    escalation: z.object({ offered: z.boolean(), text: z.string() }),
    disclosure: z.string(),
    factsUsed: z.record(z.string(), Json),
    policy: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
    locale: z.string(),
    audience: z.enum(['customer', 'agent']),
    /**
     * Present when a search ran out of its budget (`searchBudget`) and stopped early: its findings
     * (`counterfactuals`, `whyNot.blockers`) may then be incomplete. Absent when every search
     * finished.
     */
    searchLimited: z.optional(z.array(z.enum(['counterfactuals', 'whyNot']))),
  });
  /** The result of `decide`: the decision and its trace, without texts. */
  const DecisionSchema = z.extend(z.pick(DecisionResultSchema, { outcome: true, decidedBy: true, event: true, trace: true, factsUsed: true, policy: true }), {
    /** As in `explain`'s result, without the question: a question is a text. */
    missing: z.array(z.omit(MissingFactSchema, { question: true })),
  });
  return {
    ...leaves,
    ConditionTraceSchema,
    RuleTraceSchema,
    SourceResultSchema,
    EventSchema,
    ReasonSchema,
    ChangeSchema,
    CounterfactualSchema,
    WhyNotSchema,
    MissingFactSchema,
    DecisionResultSchema,
    DecisionSchema,
  };
}
/** The result of `explain`. */
export interface DecisionResult extends z.infer<typeof DecisionResultSchema> {}

/** The result of `decide`. */
export interface Decision extends z.infer<typeof DecisionSchema> {}

/** The schemas of the results, built on first use. @internal */
export type ResultSchemas = ReturnType<typeof buildAll>;
let built: ResultSchemas | undefined;

/**
 * Every schema of the results, built the first time this is called, not on import: no
 * decision needs them.
 * @internal
 */
export function resultSchemas(): ResultSchemas {
  return (built ??= buildAll());
}

const RESULT_KEYS = [
  'outcome', 'outcomeLabel', 'decidedBy', 'event', 'reasons', 'trace', 'text', 'counterfactuals', 'whyNot', 'missing',
  'escalation', 'disclosure', 'factsUsed', 'policy', 'locale', 'audience', 'searchLimited',
] as const satisfies readonly (keyof ResultSchemas['DecisionResultSchema']['shape'])[];
const DECISION_KEYS = ['outcome', 'decidedBy', 'event', 'trace', 'factsUsed', 'policy', 'missing'] as const satisfies readonly (keyof ResultSchemas['DecisionSchema']['shape'])[];

/**
 * The result of `explain`: plain JSON, the same for the same policy, facts and options. A real
 * `z.object`, made on import; the schemas of its fields are built when zod first reads its shape.
 */
export const DecisionResultSchema: ResultSchemas['DecisionResultSchema'] = z.object(
  lazyShape<ResultSchemas['DecisionResultSchema']['shape']>(RESULT_KEYS, () => resultSchemas().DecisionResultSchema.shape),
);

/**
 * The result of `decide`: the decision and its trace, without texts. Built on first use, as
 * {@link DecisionResultSchema}.
 */
export const DecisionSchema: ResultSchemas['DecisionSchema'] = z.object(
  lazyShape<ResultSchemas['DecisionSchema']['shape']>(DECISION_KEYS, () => resultSchemas().DecisionSchema.shape),
);
