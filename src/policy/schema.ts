import * as z from 'zod/mini';
import { ISO_DATE } from './dates.js';
import { lazyShape } from './lazy-shape.js';
import { LOCALE_SHAPE } from './locale.js';

/**
 * The zod schemas of the policy file, CONTRACT §1. They give the JSON Schema shipped for editors
 * and the types of a policy document. `definePolicy` runs them, then the checks zod cannot express
 * (see `check.ts`).
 *
 * `zod/mini` keeps the browser bundle small; the schemas are the same as with classic zod.
 *
 * They are built on first use (`policySchemas()`), not on import: building them was a fifth of a
 * cold import, and a valid policy never needs them. `PolicySchema` is made on import, a real
 * `z.strictObject` whose fields zod builds the first time it reads its shape (`lazyShape`).
 */

/** Names of facts, parameters and shared conditions: usable as `{{name}}` in a text. */
export const NAME = /^(?!__proto__$)[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** A JSON value: what a policy may hold as a parameter or a condition's `value`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const FACT_TYPES = ['number', 'integer', 'string', 'boolean', 'date', 'array', 'object'] as const;
export const UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'km', 'kg', 'percent', 'currency'] as const;
/** The unit of a number. */
export type Unit = (typeof UNITS)[number];
export const KINDS = ['refund', 'account', 'service', 'personalisation', 'other'] as const;
export const STRATEGIES = ['priority', 'adverse-overrides', 'first'] as const;
export const TONES = ['positive', 'neutral', 'negative'] as const;
/** What the customer texts say an outcome happens to: "your request", "your subscription", … */
export const SUBJECTS = ['request', 'account', 'subscription', 'offers'] as const;

/** A text for people: one string, or one string per locale. */
export type Text = z.infer<PartSchemas['TextSchema']>;
/** A declared fact of a policy. */
export type FactDeclaration = z.infer<PartSchemas['FactSchema']>;
/** A parameter of a policy. */
export type ParameterDeclaration = z.infer<PartSchemas['ParameterSchema']>;
/** How a customer text frames an outcome. */
export type Tone = (typeof TONES)[number];
/** What an outcome happens to in the customer texts. */
export type Subject = (typeof SUBJECTS)[number];
/** An outcome declaration. */
export type OutcomeDeclaration = z.infer<PartSchemas['OutcomeSchema']>;
/** Any node of a condition tree. */
export type Condition =
  | z.infer<PartSchemas['LeafConditionSchema']>
  | z.infer<PartSchemas['ConditionReferenceSchema']>
  | AllCondition
  | AnyCondition
  | NotCondition;
interface BooleanExtras {
  priority?: number | undefined;
  description?: string | undefined;
  name?: string | undefined;
  internal?: boolean | undefined;
}
/** Every child must hold. */
export interface AllCondition extends BooleanExtras {
  all: Condition[];
}
/** At least one child must hold. */
export interface AnyCondition extends BooleanExtras {
  any: Condition[];
}
/** The child must not hold. */
export interface NotCondition extends BooleanExtras {
  not: Condition;
}
/** The root of a rule's conditions. */
export type TopLevelCondition = AllCondition | AnyCondition | NotCondition | z.infer<PartSchemas['ConditionReferenceSchema']>;

/** A rule of a policy. */
export type RuleDeclaration = z.infer<PolicySchemas['RuleSchema']>;

/** The schemas of the parts of a policy the condition tree is made of. */
function buildParts() {
  /** A copy of `schema` with a description for the JSON Schema (copied, so shared schemas keep their own). */
  const describe = <T extends z.core.$ZodType>(schema: T, description: string): T => {
    const copy = z.clone(schema) as T;
    z.globalRegistry.add(copy, { description });
    return copy;
  };

  const JsonValueSchema: z.ZodMiniType<JsonValue> = z.unknown() as z.ZodMiniType<JsonValue>;

  /** A text for people: one string for every locale, or a string per locale (`{ "en": …, "nl": … }`). */
  const TextSchema = describe(
    z.union([
      z.string(),
      z.record(z.string().check(z.regex(LOCALE_SHAPE, 'a locale such as "en", "nl" or "nl-BE"')), z.string()),
    ]),
    'A text: one string, or an object of strings keyed by locale ("en", "nl", "nl-BE", "de", "fr"). ' +
      'Use {{name}} to insert a fact or parameter, {{name, unit}} to add its unit.',
  );
  const Subject = describe(
    z.enum(SUBJECTS),
    'What an outcome happens to, as the customer texts say it: "request" ("your request has been declined"), "account", "subscription" or "offers". ' +
      'Default: "offers" for kind personalisation, else "request".',
  );

  const Unit = describe(z.enum(UNITS), 'The unit of a number: second, minute, hour, day, week, month, year, km, kg, percent or currency (with "currency").');
  const Currency = describe(
    z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "EUR"')),
    'An ISO 4217 currency code, required with unit "currency".',
  );

  /** A note for authors, allowed on every object of the file and never shown to a customer. */
  const description = z.optional(describe(z.string(), 'A note for authors; never shown to a customer.'));

  /** A declared fact: what the rules may read, how to show it, and who may see it. */
  const FactSchema = z.strictObject({
    type: describe(z.enum(FACT_TYPES), 'The type of the fact value.'),
    enum: z.optional(describe(z.array(z.string()), 'For a string fact: the allowed values.')),
    items: z.optional(describe(z.enum(FACT_TYPES), 'For an array fact: the type of its items.')),
    unit: z.optional(Unit),
    currency: z.optional(Currency),
    label: z.optional(describe(TextSchema, 'How a customer calls this fact: "days since purchase".')),
    valueLabels: z.optional(
      describe(
        z.record(z.string(), TextSchema),
        'For a string fact (or a list of strings): how a customer calls each value, e.g. { "basic": { "en": "Basic", "nl": "Basis" } }.',
      ),
    ),
    question: z.optional(describe(TextSchema, 'What a bot asks the customer to learn this fact.')),
    says: z.optional(
      describe(
        z.record(z.string(), TextSchema),
        'How this fact says itself in the customer\'s words, as a clause that can follow "because" or "if" ' +
          '(in Dutch and German in subordinate-clause word order): for a boolean { "true": …, "false": … }, e.g. ' +
          '{ "true": { "en": "the item arrived damaged", "nl": "het artikel beschadigd is aangekomen" } }; for a string fact one clause per value, ' +
          'e.g. { "moving-abroad": { "en": "you are moving abroad" } }. Reasons, why-not, counterfactuals and the list of missing facts use it.',
      ),
    ),
    mutable: z.optional(describe(z.boolean(), 'Whether the customer could change this fact (default true). Counterfactuals only change mutable facts.')),
    personal: z.optional(describe(z.boolean(), 'Personal data: redacted from results by default.')),
    internal: z.optional(describe(z.boolean(), 'Never shown to a customer (fraud scores, risk thresholds).')),
    from: z.optional(
      describe(
        z.enum(['customer', 'host']),
        'Who supplies the fact: "customer" (the default) or "host", the host\'s systems (an order total, a fee): a customer is never asked for it, though a customer may read it.',
      ),
    ),
    description,
  });
  /** A named constant that rules read as a fact and texts as `{{name}}`. */
  const ParameterSchema = z.strictObject({
    value: describe(JsonValueSchema, 'Any JSON value: a number, a string, a list for "in", …'),
    unit: z.optional(Unit),
    currency: z.optional(Currency),
    label: z.optional(TextSchema),
    internal: z.optional(describe(z.boolean(), "An internal parameter's figure never reaches a customer.")),
    description,
  });
  /** One outcome of the policy's vocabulary. */
  const OutcomeSchema = z.strictObject({
    label: z.optional(TextSchema),
    adverse: z.optional(describe(z.boolean(), 'Bad news for the customer: always offers a route to a person.')),
    human: z.optional(describe(z.boolean(), 'The outcome is a hand-over to a person.')),
    tone: z.optional(
      describe(
        z.enum(TONES),
        'How the customer text frames this outcome: "positive" (the only tone that says "Good news"), "neutral" or "negative". Default: "negative" when adverse, else "neutral".',
      ),
    ),
    message: z.optional(
      describe(
        TextSchema,
        'The customer text for this outcome in your own words, instead of the built-in frame: {{because}} inserts the reasons, {{outcome}} the label, {{name}} a fact or parameter. ' +
          'A sentence naming a fact that is not known is left out.',
      ),
    ),
    subject: z.optional(Subject),
    description,
  });
  const priority = z.optional(z.int().check(z.minimum(1)));

  /** A fact reference on the right-hand side of a condition: `{ "fact": "returnPeriodDays" }`. */
  const FactReferenceSchema = z.strictObject({
    fact: z.string(),
    path: z.optional(z.string()),
    params: z.optional(z.record(z.string(), JsonValueSchema)),
    description,
  });

  /** A comparison: `{ fact, operator, value }` as in json-rules-engine. */
  const LeafConditionSchema = z.strictObject({
    fact: z.string(),
    operator: describe(z.string(), 'A json-rules-engine operator, optionally decorated: "greaterThan", "everyFact:lessThan".'),
    value: z.union([FactReferenceSchema, JsonValueSchema]),
    path: z.optional(describe(z.string(), 'A plain JSONPath into an object fact: "$.address.country", "$.items[0]".')),
    params: z.optional(z.record(z.string(), JsonValueSchema)),
    priority,
    name: z.optional(z.string()),
    internal: z.optional(z.boolean()),
    description,
  });

  /** A reference to a shared condition declared under the policy's `conditions`. */
  const ConditionReferenceSchema = z.strictObject({
    condition: z.string(),
    priority,
    name: z.optional(z.string()),
    internal: z.optional(z.boolean()),
    description,
  });
  return { describe, JsonValueSchema, TextSchema, Subject, Unit, Currency, description, FactSchema, ParameterSchema, OutcomeSchema, priority, FactReferenceSchema, LeafConditionSchema, ConditionReferenceSchema };
}
type PartSchemas = ReturnType<typeof buildParts>;

/** Every schema of the policy file, and the shape of `PolicySchema`. */
function buildAll() {
  const parts = buildParts();
  const { describe, JsonValueSchema, TextSchema, Subject, description, FactSchema, ParameterSchema, OutcomeSchema, priority, LeafConditionSchema, ConditionReferenceSchema } = parts;
  const ConditionSchema: z.ZodMiniType<Condition> = z.union([
    LeafConditionSchema,
    ConditionReferenceSchema,
    z.strictObject({
      get all() {
        return z.array(ConditionSchema);
      },
      priority,
      name: z.optional(z.string()),
      internal: z.optional(z.boolean()),
      description,
    }),
    z.strictObject({
      get any() {
        return z.array(ConditionSchema);
      },
      priority,
      name: z.optional(z.string()),
      internal: z.optional(z.boolean()),
      description,
    }),
    z.strictObject({
      get not() {
        return ConditionSchema;
      },
      priority,
      name: z.optional(z.string()),
      internal: z.optional(z.boolean()),
      description,
    }),
  ]) as z.ZodMiniType<Condition>;
  z.globalRegistry.add(ConditionSchema, {
    id: 'Condition',
    description: 'A comparison { fact, operator, value }, a list under "all" or "any", one condition under "not", or { "condition": name }.',
  });

  /** Where a rule comes from: the policy text a customer or auditor can look up. */
  const SourceSchema = z.strictObject({
    title: TextSchema,
    url: z.optional(z.url()),
    section: z.optional(z.string()),
    description,
  });

  /** A json-rules-engine rule plus what an explanation needs. */
  const RuleSchema = z.strictObject({
    name: describe(z.string().check(z.minLength(1)), 'Unique in the policy; names the rule in traces and tests.'),
    priority,
    conditions: ConditionSchema,
    event: z.strictObject({
      type: describe(z.string(), 'One of the policy\'s outcomes.'),
      params: z.optional(z.record(z.string(), JsonValueSchema)),
      description,
    }),
    because: z.optional(describe(TextSchema, "The rule's reason as the customer reads it.")),
    source: z.optional(SourceSchema),
    internal: z.optional(describe(z.boolean(), 'The customer text gives the reason without internal figures.')),
    description,
  });
  /** The policy file. */
  const policyShape = {
    $schema: z.optional(z.string()),
    description,
    id: describe(z.string().check(z.regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and "-"')), 'The policy id: [a-z0-9-]+.'),
    version: describe(z.string().check(z.minLength(1)), "The author's own version label."),
    kind: z.optional(z.enum(KINDS)),
    title: z.optional(TextSchema),
    subject: z.optional(Subject),
    validFrom: z.optional(z.nullable(z.string().check(z.regex(ISO_DATE, 'an ISO 8601 date such as "2026-01-01"')))),
    validTo: z.optional(z.nullable(z.string().check(z.regex(ISO_DATE, 'an ISO 8601 date such as "2026-12-31"')))),
    facts: z.record(z.string().check(z.regex(NAME, 'a name of letters, digits, "_", "$" or "-"')), FactSchema),
    parameters: z.optional(z.record(z.string().check(z.regex(NAME, 'a name of letters, digits, "_", "$" or "-"')), ParameterSchema)),
    outcomes: z.record(z.string().check(z.regex(NAME, 'a name of letters, digits, "_", "$" or "-"')), OutcomeSchema),
    conditions: z.optional(
      describe(
        z.record(z.string().check(z.regex(NAME, 'a name of letters, digits, "_", "$" or "-"')), ConditionSchema),
        'Shared conditions, referenced from rules as { "condition": "name" }.',
      ),
    ),
    decision: z.optional(
      z.strictObject({
        strategy: z.optional(z.enum(STRATEGIES)),
        default: z.optional(z.string()),
        description,
      }),
    ),
    texts: z.optional(
      describe(
        z.strictObject({
          escalation: z.optional(TextSchema),
          disclosure: z.optional(TextSchema),
          confidentialReason: z.optional(
            describe(
              TextSchema,
              'The reason a customer reads when a rule without "because" decides on an internal fact or parameter ' +
                '(a fraud score, a risk cutoff), which no customer text may name: a clause that follows "because", ' +
                'e.g. "our routine checks found something we need to look into". Default: the built-in "the information we hold about your account led to this decision" ' +
                '(request, offers) in each locale. Never names an internal fact or parameter (lint: internal_value_in_text).',
            ),
          ),
          description,
        }),
        'Overrides of built-in sentences: escalation, disclosure, and the reason given when a reason is confidential.',
      ),
    ),
    rules: z.array(RuleSchema),
  };
  return { ...parts, ConditionSchema, SourceSchema, RuleSchema, policyShape };
}
/** A policy document as written by a policy author (CONTRACT §1). */
export type PolicyDocument = z.infer<typeof PolicySchema>;

/** The schemas of the policy file, built on first use. @internal */
export type PolicySchemas = ReturnType<typeof buildAll>;
let built: PolicySchemas | undefined;

/**
 * Every schema of the policy file, built the first time this is called, not on import: zod
 * building them was a fifth of a cold import, and a valid policy never needs them
 * (`definePolicy` asks `policyAccepted` first and runs zod only on a document it refuses).
 * @internal
 */
export function policySchemas(): PolicySchemas {
  return (built ??= buildAll());
}

/** The keys of the policy file, in the order of the schema (and of the JSON Schema's `properties`). */
const POLICY_KEYS = [
  '$schema', 'description', 'id', 'version', 'kind', 'title', 'subject', 'validFrom', 'validTo',
  'facts', 'parameters', 'outcomes', 'conditions', 'decision', 'texts', 'rules',
] as const satisfies readonly (keyof PolicySchemas['policyShape'])[];

/**
 * The policy file. A real `z.strictObject`, made on import; the schemas of its fields are built
 * when zod first reads its shape (a parse, `.shape`, a JSON Schema), not before.
 */
export const PolicySchema: z.ZodMiniObject<PolicySchemas['policyShape'], z.core.$strict> = z.strictObject(
  lazyShape<PolicySchemas['policyShape']>(POLICY_KEYS, () => policySchemas().policyShape),
);
