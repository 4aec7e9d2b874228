/**
 * The framework-neutral core of the bot adapters: a policy as a tool a language model calls.
 *
 * A bot built on a language model must not take a policy decision itself. It calls the policy's
 * tool with the facts it learnt from the customer, tells the customer the returned `text`
 * verbatim, asks the returned `missing` questions and calls again. This module gives the tool's
 * name, description and JSON Schema (OpenAI strict mode compatible), runs a call, and shapes the
 * result the model sees: the texts, reasons with citations, missing questions, escalation and
 * disclosure, but never the trace, which holds internal figures and stays with the host.
 *
 * No `node:` imports and no framework imports: the framework adapters (`because/mcp`,
 * `because/ai-sdk`, `because/openai`, `because/langchain`, `because/anthropic`, `because/gemini`,
 * `because/openai-agents`) build on it.
 * @module because/tool
 */
import * as z from 'zod/mini';
import { FactsError, OptionsError, formatPath, isBecauseError, isFactsError, isPolicyNotInForceError, type BecauseError, type Issue, type NonEmptyArray } from '../errors.js';
import { explain } from '../explain/explain.js';
import type { ExplainOptions } from '../explain/options.js';
import { BUILT_IN_LOCALES } from '../explain/render.js';
import type { Policy } from '../policy/define.js';
import { isRecord } from '../policy/json.js';
import type { FactDeclaration, Text } from '../policy/schema.js';
import { askedOfCustomer, readableView, type CustomerSource } from '../result/customer-view.js';
import type { DecisionResult } from '../result/schema.js';

/** A JSON Schema, as a plain JSON object. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Facts the host supplies, as `{ fact: value }`. */
export type HostFactValues = Readonly<Record<string, unknown>>;

/** What a {@link HostFacts} function is called with. */
export interface HostFactsCall {
  /** The model's arguments as received (before nulls are dropped). */
  readonly args: Readonly<Record<string, unknown>>;
  /**
   * What the framework passed along with the call: MCP's `extra` (session, auth info), the AI
   * SDK's execute options, LangChain's run config; `undefined` for `because/openai`.
   */
  readonly context: unknown;
}

/**
 * Facts the host knows better than the model: an object, or a function called on every tool call
 * (to look up the signed-in customer, the order in the database, a fraud score).
 */
export type HostFacts = HostFactValues | ((call: HostFactsCall) => HostFactValues | Promise<HostFactValues>);

/** Options shared by every adapter: how a policy becomes a tool. */
export interface PolicyToolOptions {
  /**
   * The tool name (`^[a-zA-Z0-9_-]{1,64}$`).
   * @default `decide_` and the policy id with `-` as `_`, e.g. `decide_data_deletion`
   * @example 'refund_decision'
   */
  readonly name?: string;
  /**
   * The tool description the model reads. The default, built from the policy's title and kind,
   * tells the model to relay `text` verbatim, ask the missing questions and never decide itself.
   */
  readonly description?: string;
  /**
   * Facts the host supplies on every call. They are merged over the model's arguments (the host
   * wins), and the facts they name are left out of the tool's schema when given as an object.
   * Internal facts (`internal: true`) are never asked of the model: supply them here.
   * @default {}
   * @example ({ context }) => ({ fraudScore: scores.get(customerId(context)) })
   */
  readonly hostFacts?: HostFacts;
  /**
   * More facts the host supplies (besides internal ones and the keys of a `hostFacts` object):
   * left out of the schema, ignored when a model passes them anyway, never asked as `missing`.
   * @default []
   * @example ['orderTotal', 'daysSincePurchase']
   */
  readonly hostSupplies?: readonly string[];
  /**
   * The locale when the model passes none (`locale: null`).
   * @default the policy's first locale
   */
  readonly locale?: string;
  /**
   * The date the decision is about.
   * @default now
   */
  readonly at?: ExplainOptions['at'];
  /**
   * Who reads the texts. A bot talks to customers; a staff assistant may use `agent`.
   * @default 'customer'
   */
  readonly audience?: ExplainOptions['audience'];
  /**
   * Called with the full result (trace included) of every decision, for the host's audit log
   * (see `toAuditRecord`). The model never sees it.
   */
  readonly onDecision?: (result: DecisionResult, call: { readonly toolName: string; readonly args: Readonly<Record<string, unknown>> }) => void | Promise<void>;
}

/** A citation of the policy text behind a reason. */
export type ModelSource = CustomerSource;

/**
 * What the model sees of a decision: the customer's view of it (`customerView`) with the outcome,
 * the facts to ask for and the policy; never the trace, rule names or figures of internal facts.
 */
export interface ModelDecision {
  /** The decided outcome; `undecided` when facts are missing: ask `missing` and call again. */
  readonly outcome: string;
  /** The outcome's label in the result's locale. */
  readonly outcomeLabel: string;
  /** The customer text: relay it verbatim. */
  readonly text: string;
  /** The reasons, determining one first, each with the policy text it comes from. */
  readonly reasons: readonly { readonly text: string; readonly source?: ModelSource }[];
  /** What would have turned out better for the customer, in words to relay when asked. */
  readonly counterfactuals: readonly { readonly text: string }[];
  /** Facts to ask the customer for, most decisive first; empty when decided. */
  readonly missing: readonly { readonly fact: string; readonly question: string }[];
  /** Whether to offer a person, and the sentence saying how. */
  readonly escalation: { readonly offered: boolean; readonly text: string };
  /** The sentence that an automated system took this decision: tell it on the first turn. */
  readonly disclosure: string;
  /** The locale of the texts. */
  readonly locale: string;
  /** The policy that decided. */
  readonly policy: { readonly id: string; readonly version: string; readonly hash: string };
}

/** What the model sees when a call fails: what to fix, or that a person must take over. */
export interface ModelToolError {
  readonly error: {
    /**
     * `invalid_arguments`: fix the arguments listed in `issues` and call again;
     * `policy_not_in_force` and `unavailable`: do not decide, hand the customer over to a person.
     */
    readonly code: 'invalid_arguments' | 'policy_not_in_force' | 'unavailable';
    readonly message: string;
    /** Each problem with the argument's path (`daysSincePurchase`, `openCaseTypes[1]`). */
    readonly issues: readonly Issue[];
  };
}

/** The outcome of {@link callTool}: what to send the model, and the full result or error for the host. */
export type ToolCallOutcome =
  | { readonly ok: true; readonly forModel: ModelDecision; readonly result: DecisionResult }
  | { readonly ok: false; readonly forModel: ModelToolError; readonly error: BecauseError };

/** The zod schema of {@link ModelDecision} (zod/mini), e.g. an MCP tool's output schema. */
export const ModelDecisionSchema = z.object({
  outcome: z.string(),
  outcomeLabel: z.string(),
  text: z.string(),
  reasons: z.array(z.object({ text: z.string(), source: z.optional(z.object({ title: z.string(), url: z.optional(z.string()), section: z.optional(z.string()) })) })),
  counterfactuals: z.array(z.object({ text: z.string() })),
  missing: z.array(z.object({ fact: z.string(), question: z.string() })),
  escalation: z.object({ offered: z.boolean(), text: z.string() }),
  disclosure: z.string(),
  locale: z.string(),
  policy: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
});

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const KIND_SUBJECT: Readonly<Record<string, string>> = {
  refund: 'refund requests',
  account: 'account actions',
  service: 'service requests',
  personalisation: 'personalised offers',
  other: 'requests',
};

/**
 * The tool name of a policy: `options.name`, or `decide_` and the policy id with `-` as `_`
 * (cut to 64 characters).
 * @throws {OptionsError} when `options.name` does not match `^[a-zA-Z0-9_-]{1,64}$`.
 */
export function toolName(policy: Policy, options: Pick<PolicyToolOptions, 'name'> = {}): string {
  if (options.name !== undefined) {
    if (typeof options.name !== 'string' || !TOOL_NAME.test(options.name)) {
      throw new OptionsError([{ code: 'invalid_tool_name', path: 'name', message: `A tool name has 1 to 64 letters, digits, "_" or "-"; got ${JSON.stringify(options.name)}.` }]);
    }
    return options.name;
  }
  return `decide_${policy.id.replace(/-/g, '_')}`.slice(0, 64);
}

/**
 * The tool description: what the policy decides, and how the model must use the tool (with what
 * to pass for an unknown fact in the schema's `dialect`).
 */
export function toolDescription(policy: Policy, options: Pick<PolicyToolOptions, 'description'> & Pick<FactsInputSchemaOptions, 'dialect'> = {}): string {
  if (options.description !== undefined) return options.description;
  const doc = policy.document;
  const subject = KIND_SUBJECT[doc.kind ?? 'other'] ?? 'requests';
  const title = doc.title === undefined ? '' : ` (${schemaText(doc.title, policy)})`;
  return (
    `Decides ${subject}${title} under the company policy "${policy.id}" version ${policy.version}. ` +
    `Never decide such a request yourself: call this tool with the facts the customer told you (${options.dialect === 'json-schema' ? 'leave out' : 'null for'} what you do not know), ` +
    'tell the customer the returned "text" verbatim, ask the questions in "missing" and call again with the answers, ' +
    'and when "escalation.offered" is true offer a colleague.'
  );
}

/**
 * The facts the model may supply: declared, not internal, not supplied by the host.
 * @internal
 */
export function modelFacts(policy: Policy, options: Pick<PolicyToolOptions, 'hostFacts' | 'hostSupplies'> = {}): [string, FactDeclaration][] {
  const host = hostOwned(policy, options);
  return Object.entries(policy.document.facts).filter(([name]) => !host.has(name));
}

/** Facts the model never supplies: internal ones, `hostSupplies` and the keys of a `hostFacts` object. */
function hostOwned(policy: Policy, options: Pick<PolicyToolOptions, 'hostFacts' | 'hostSupplies'>): Set<string> {
  const facts = policy.document.facts;
  const owned = new Set<string>();
  for (const [name, declaration] of Object.entries(facts)) if (declaration.internal === true) owned.add(name);
  const issues: Issue[] = [];
  (options.hostSupplies ?? []).forEach((name, i) => {
    if (Object.hasOwn(facts, name)) owned.add(name);
    else issues.push({ code: 'unknown_fact', path: `hostSupplies[${i}]`, message: `"${name}" is not a fact of the policy "${policy.id}".` });
  });
  if (isRecord(options.hostFacts)) {
    for (const name of Object.keys(options.hostFacts)) {
      if (Object.hasOwn(facts, name)) owned.add(name);
      else issues.push({ code: 'unknown_fact', path: `hostFacts.${name}`, message: `"${name}" is not a fact of the policy "${policy.id}".` });
    }
  }
  const [first, ...rest] = issues;
  if (first !== undefined) throw new OptionsError([first, ...rest]);
  return owned;
}

/**
 * The name of the argument that picks the texts' locale: `locale`, or `replyLocale` when the
 * policy has a fact named `locale` (then `replyLocale_`, … until it is free).
 */
export function localeArgument(policy: Policy): string {
  if (!Object.hasOwn(policy.document.facts, 'locale')) return 'locale';
  let name = 'replyLocale';
  while (Object.hasOwn(policy.document.facts, name)) name += '_';
  return name;
}

/** The locales a tool call may ask for: the policy's own, then the built-in ones. */
export function toolLocales(policy: Policy): string[] {
  const out = [...policy.locales, ...BUILT_IN_LOCALES];
  return out.filter((l, i) => out.indexOf(l) === i);
}

/**
 * The schema dialect of a tool's arguments: each provider reads its own. All three are made from
 * the same facts, in the same order, with the same descriptions and enums.
 *
 * - `openai-strict` (OpenAI function calling in strict mode, the Agents SDK, the AI SDK and
 *   LangChain): every property `required`; an unknown fact is `null`, so an optional fact has a
 *   type list such as `["number", "null"]` and a nullable enum lists `null`.
 * - `json-schema` (MCP, Anthropic's `input_schema`): plain JSON Schema with one `type` per
 *   property and nothing required: an unknown fact is left out. The tool accepts `null` as well.
 * - `gemini` (Gemini function declarations, the OpenAPI 3.0 subset of `@google/genai`'s
 *   `Schema`): upper-case types (`STRING`, `NUMBER`, …), `nullable: true`, no type lists and
 *   nothing required.
 */
export type SchemaDialect = 'openai-strict' | 'json-schema' | 'gemini';

/** What {@link factsInputSchema} reads: the facts the host supplies and the dialect. */
export interface FactsInputSchemaOptions extends Pick<PolicyToolOptions, 'hostFacts' | 'hostSupplies'> {
  /**
   * The provider's schema dialect.
   * @default 'openai-strict'
   */
  readonly dialect?: SchemaDialect;
}

/**
 * The JSON Schema of a policy tool's arguments, in a provider's dialect (see {@link SchemaDialect};
 * by default OpenAI's strict mode, which every framework accepts):
 *
 * - the root is an object with `additionalProperties: false` (Gemini's dialect has no such
 *   keyword);
 * - string enums are kept; descriptions come from the facts' labels and questions, in English
 *   or else the policy's first locale;
 * - only `type`, `enum`, `items`, `anyOf`, `properties`, `required`, `additionalProperties`,
 *   `nullable` (Gemini) and `description` are used: no `format`, `pattern` or bounds. Dates are
 *   strings the tool checks;
 * - an `object` fact (and an array of objects or arrays) has no declared shape, which strict
 *   mode cannot express, so it is a JSON-encoded string that the tool decodes;
 * - internal facts and the facts the host supplies are left out: a model must not be able to
 *   state a fraud score;
 * - `locale` (one of the policy's and the built-in locales) picks the language of the texts:
 *   the customer's.
 */
export function factsInputSchema(policy: Policy, options: FactsInputSchemaOptions = {}): JsonSchema {
  const dialect = options.dialect ?? 'openai-strict';
  const properties: Record<string, JsonSchema> = {};
  for (const [name, declaration] of modelFacts(policy, options)) properties[name] = inDialect(factShape(declaration), factDescription(declaration, policy, dialect), dialect);
  const locale: FactShape = { type: 'string', enum: toolLocales(policy) };
  properties[localeArgument(policy)] = inDialect(locale, `The customer's language for the texts; ${unknownHint(dialect, 'for the default')}`, dialect);
  switch (dialect) {
    case 'openai-strict':
      return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
    case 'json-schema':
      return { type: 'object', properties, additionalProperties: false };
    case 'gemini':
      return { type: 'OBJECT', properties };
  }
}

/** Whether a fact travels as a JSON-encoded string (no shape strict mode can express). */
function encodedAsJson(declaration: FactDeclaration): boolean {
  return declaration.type === 'object' || (declaration.type === 'array' && (declaration.items === 'object' || declaration.items === 'array'));
}

const SCALAR_TYPE: Readonly<Record<string, string>> = { number: 'number', integer: 'integer', string: 'string', boolean: 'boolean', date: 'string' };

/** A fact's argument before it is written in a dialect: one type, its items or enum. */
interface FactShape {
  readonly type: string;
  readonly enum?: readonly string[];
  /** An array's items: one type, or any scalar (`anyOf`); an ISO date says so. */
  readonly items?: { readonly type: string; readonly description?: string } | 'any-scalar';
}

function factShape(declaration: FactDeclaration): FactShape {
  if (encodedAsJson(declaration)) return { type: 'string' };
  if (declaration.type === 'array') {
    const items: FactShape['items'] =
      declaration.items === undefined
        ? 'any-scalar'
        : declaration.items === 'date'
          ? { type: 'string', description: 'an ISO 8601 date such as 2026-03-01' }
          : { type: SCALAR_TYPE[declaration.items] ?? 'string' };
    return { type: 'array', items };
  }
  const type = SCALAR_TYPE[declaration.type] ?? 'string';
  return declaration.type === 'string' && declaration.enum !== undefined ? { type, enum: declaration.enum } : { type };
}

/** A fact's shape as a property of the dialect's schema. */
function inDialect(shape: FactShape, description: string, dialect: SchemaDialect): JsonSchema {
  const typeOf = (type: string): string => (dialect === 'gemini' ? type.toUpperCase() : type);
  const schema: Record<string, unknown> = { type: dialect === 'openai-strict' ? [shape.type, 'null'] : typeOf(shape.type) };
  if (dialect === 'gemini') schema['nullable'] = true;
  if (shape.items !== undefined) {
    schema['items'] =
      shape.items === 'any-scalar'
        ? { anyOf: ['string', 'number', 'boolean'].map((t) => ({ type: typeOf(t) })) }
        : { ...shape.items, type: typeOf(shape.items.type) };
  }
  if (shape.enum !== undefined) schema['enum'] = dialect === 'openai-strict' ? [...shape.enum, null] : [...shape.enum];
  schema['description'] = description;
  return schema;
}

/** How a description says what to pass for an unknown fact, in the dialect. */
function unknownHint(dialect: SchemaDialect, what: string): string {
  return dialect === 'json-schema' ? `leave it out ${what}.` : `null ${what}.`;
}

function factDescription(declaration: FactDeclaration, policy: Policy, dialect: SchemaDialect): string {
  const parts: string[] = [];
  if (declaration.label !== undefined) parts.push(capitalise(schemaText(declaration.label, policy)));
  const kind = typeHint(declaration);
  if (kind !== undefined) parts.push(kind);
  if (declaration.question !== undefined) parts.push(`Ask: "${schemaText(declaration.question, policy)}"`);
  parts.push(unknownHint(dialect, 'if unknown'));
  return parts.map((p) => (/[.?!"]$/.test(p) ? p : `${p}.`)).join(' ');
}

function typeHint(declaration: FactDeclaration): string | undefined {
  if (encodedAsJson(declaration)) return declaration.type === 'object' ? 'A JSON object, encoded as a string' : 'A JSON list, encoded as a string';
  if (declaration.type === 'date') return 'An ISO 8601 date such as 2026-03-01';
  if (declaration.unit === 'currency') return `An amount${declaration.currency === undefined ? '' : ` in ${declaration.currency}`}, as a number`;
  if (declaration.unit !== undefined && (declaration.type === 'number' || declaration.type === 'integer')) {
    return `In ${declaration.unit === 'percent' ? 'percent' : `${declaration.unit}s`}${declaration.type === 'integer' ? ', a whole number' : ''}`;
  }
  if (declaration.type === 'integer') return 'A whole number';
  return undefined;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;
}

/**
 * A policy text for a model or a tool list: English if the policy has it, else its first locale.
 * @internal
 */
export function schemaText(text: Text, policy: Policy): string {
  if (typeof text === 'string') return text;
  return text['en'] ?? text[policy.locales[0] ?? 'en'] ?? Object.values(text)[0] ?? '';
}

/**
 * The model-facing part of a decision: what `customerView` keeps (texts to relay, reasons with
 * their citations, escalation, disclosure), the outcome, the facts to ask for with their
 * questions, and the policy's id, version and hash. The trace, the reasons' conditions, rule
 * names and the facts used stay out of the model's context.
 *
 * @param result A decision from `explain`.
 * @param policy The policy that decided; with it, missing facts the host supplies (internal
 *   ones, `hostSupplies`, the keys of a `hostFacts` object) are not asked of the model.
 * @param options The tool's options, for the facts the host supplies.
 */
export function toolResult(result: DecisionResult, policy?: Policy, options: Pick<PolicyToolOptions, 'hostFacts' | 'hostSupplies'> = {}): ModelDecision {
  return modelDecision(result, policy === undefined ? new Set<string>() : hostOwned(policy, options));
}

/**
 * What every adapter hands the model, built from the reader's view of the result (see
 * `customerView`): the one place that decides it.
 */
function modelDecision(result: DecisionResult, host: ReadonlySet<string>): ModelDecision {
  // A staff tool (`audience: 'agent'`) is the host's explicit choice: the same fields, staff texts.
  const { outcomeLabel, text, reasons, counterfactuals, escalation, disclosure, locale } = readableView(result);
  return {
    outcome: result.outcome,
    outcomeLabel,
    text,
    reasons,
    counterfactuals,
    missing: askedOfCustomer(result).filter((m) => !host.has(m.fact)).map((m) => ({ fact: m.fact, question: m.question })),
    escalation,
    disclosure,
    locale,
    policy: { ...result.policy },
  };
}

/**
 * Runs one tool call: drops `null` arguments (unknown facts), takes `locale` apart, decodes
 * JSON-encoded object facts, ignores facts the host owns, merges the host's facts over the rest,
 * and explains. Never throws for what a model did: bad arguments come back as a
 * {@link ModelToolError} listing each problem with its argument path, so the model can fix them.
 *
 * @param policy A policy made by `definePolicy`.
 * @param args The model's arguments: an object (or a JSON string of one).
 * @param options How the tool behaves: host facts, default locale, audience, …
 * @param context What the framework passed with the call, handed to a `hostFacts` function.
 * @throws only for host mistakes: bad `options`, a `hostFacts` function or `onDecision` that throws.
 * @example
 * ```ts
 * const call = await callTool(policy, { daysSincePurchase: 45, orderTotal: null, locale: 'nl' });
 * if (call.ok) reply(call.forModel.text);
 * ```
 */
export async function callTool(policy: Policy, args: unknown, options: PolicyToolOptions = {}, context?: unknown): Promise<ToolCallOutcome> {
  const name = toolName(policy, options);
  const host = hostOwned(policy, options);
  let input: unknown = args === undefined ? {} : args;
  if (typeof args === 'string') {
    try {
      input = JSON.parse(args) as unknown;
    } catch {
      return fail('invalid_arguments', 'The arguments are not valid JSON. Call again with one JSON object of { fact: value }.', [
        { code: 'invalid_json', path: '', message: 'The arguments are not valid JSON.' },
      ]);
    }
  }
  if (!isRecord(input)) {
    return fail('invalid_arguments', 'The arguments are one JSON object of { fact: value }; call again with an object.', [
      { code: 'invalid_type', path: '', message: `Expected an object of arguments, got ${describe(input)}.` },
    ]);
  }

  const facts: Record<string, unknown> = {};
  const issues: Issue[] = [];
  const localeKey = localeArgument(policy);
  const declared = policy.document.facts;
  for (const [key, value] of Object.entries(input)) {
    if (key === localeKey || value === null || value === undefined || !Object.hasOwn(declared, key) || host.has(key)) continue;
    const declaration = declared[key] as FactDeclaration;
    if (encodedAsJson(declaration) && typeof value === 'string') {
      try {
        facts[key] = JSON.parse(value) as unknown;
      } catch {
        issues.push({ code: 'invalid_json', path: key, message: `"${key}" is ${declaration.type === 'object' ? 'an object' : 'a list'} encoded as a JSON string; this is not valid JSON.` });
      }
      continue;
    }
    facts[key] = value;
  }
  const locale = input[localeKey];
  if (locale !== undefined && locale !== null && typeof locale !== 'string') {
    issues.push({ code: 'invalid_type', path: formatPath([localeKey]), message: `"${localeKey}" is one of ${toolLocales(policy).join(', ')}, or null.` });
  }
  const [first, ...rest] = issues;
  if (first !== undefined) return fail('invalid_arguments', ARGUMENTS_MESSAGE, [first, ...rest], new FactsError([first, ...rest]));

  const hostValues: unknown = typeof options.hostFacts === 'function' ? await options.hostFacts({ args: input, context }) : (options.hostFacts ?? {});
  if (!isRecord(hostValues)) {
    throw new OptionsError([{ code: 'invalid_type', path: 'hostFacts', message: `hostFacts gives an object of { fact: value }, not ${describe(hostValues)}.` }]);
  }
  for (const [key, value] of Object.entries(hostValues)) {
    if (value === undefined) continue;
    facts[key] = value;
    // What the host supplied is the host's: its problems and its gaps never go to the model.
    if (Object.hasOwn(policy.document.facts, key)) host.add(key);
  }

  const explainOptions: { -readonly [K in keyof ExplainOptions]: ExplainOptions[K] } = { audience: options.audience ?? 'customer' };
  const chosen = typeof locale === 'string' ? locale : options.locale;
  if (chosen !== undefined) explainOptions.locale = chosen;
  if (options.at !== undefined) explainOptions.at = options.at;

  let result: DecisionResult;
  try {
    result = await explain(policy, facts, explainOptions);
  } catch (error) {
    return fromError(error, host, typeof locale === 'string' ? localeKey : undefined);
  }
  await options.onDecision?.(result, { toolName: name, args: input });
  const forModel = modelDecision(result, host);
  const [hostMissing, ...moreHostMissing] = result.missing.filter((m) => host.has(m.fact));
  if (hostMissing !== undefined && forModel.missing.length === 0) {
    // Only facts the host owns are missing: nothing to ask the customer, so a person takes over.
    const issues = [hostMissing, ...moreHostMissing].map((m) => ({ code: 'missing_host_fact', path: formatPath([m.fact]), message: `The host did not supply "${m.fact}", which the decision needs.` }));
    return { ok: false, forModel: { error: { code: 'unavailable', message: HAND_OVER, issues: [] } }, error: new FactsError(issues as unknown as NonEmptyArray<Issue>) };
  }
  return { ok: true, forModel, result };
}

const ARGUMENTS_MESSAGE =
  'Some arguments do not fit the policy. Correct the ones listed in "issues" (pass null for what you do not know) and call again; do not decide yourself.';

function fail(code: ModelToolError['error']['code'], message: string, issues: NonEmptyArray<Issue>, error?: BecauseError): ToolCallOutcome {
  return { ok: false, forModel: { error: { code, message, issues: issues.map((i) => ({ code: i.code, path: i.path, message: i.message })) } }, error: error ?? new FactsError(issues) };
}

function fromError(error: unknown, host: ReadonlySet<string>, modelLocale: string | undefined): ToolCallOutcome {
  if (isFactsError(error)) {
    const onHostFact = error.issues.some((i) => [...host].some((h) => isUnder(i.path, formatPath([h]))));
    if (onHostFact) {
      // The host's own facts are wrong: nothing the model can fix, and their figures stay out of its context.
      return { ok: false, forModel: { error: { code: 'unavailable', message: HAND_OVER, issues: [] } }, error };
    }
    return fail('invalid_arguments', ARGUMENTS_MESSAGE, error.issues, error);
  }
  if (isPolicyNotInForceError(error)) {
    return { ok: false, forModel: { error: { code: 'policy_not_in_force', message: HAND_OVER, issues: [] } }, error };
  }
  if (isBecauseError(error) && error.name === 'OptionsError' && modelLocale !== undefined && error.issues.every((i) => i.path === 'locale')) {
    const issues = error.issues.map((i) => ({ ...i, path: formatPath([modelLocale]) }));
    return fail('invalid_arguments', ARGUMENTS_MESSAGE, issues as unknown as NonEmptyArray<Issue>, error);
  }
  throw error;
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

const HAND_OVER =
  'The policy cannot decide this request now. Do not decide it yourself: tell the customer that a colleague will take it over, and hand the conversation to a person.';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a text';
  return `a ${typeof value}`;
}
