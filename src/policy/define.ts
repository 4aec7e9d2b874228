import type { Issue, NonEmptyArray } from '../errors.js';
import { formatPath, OptionsError, PolicyError } from '../errors.js';
import { registerOperators, type CustomOperators, type RegisteredOperator } from './custom-operators.js';
import { checkDocument } from './check.js';
import { compileConditions, describeValue, sizeIssues, type CompiledNode } from './compile.js';
import { policyHash } from './hash.js';
import { createOperatorMap } from './operators.js';
import { copyJson, deepFreeze, isRecord } from './json.js';
import { parseJsonText } from './json-text.js';
import { lenientView } from './lenient.js';
import { acceptSpellings } from './spellings.js';
import { PolicySchema, type PolicyDocument, type Text } from './schema.js';
import { policyAccepted } from './accepts.js';
import { visibilities, type Visibility } from './visibility.js';
import type { Decision, DecisionResult } from '../result/schema.js';
import type { DecideOptions, ExplainOptions } from '../explain/options.js';
import type { TracedProgram } from '../evaluate/evaluate.js';
// A cycle, but a benign one: `explain` and `decide` are only called, never read, while modules load.
import { decide, explain } from '../explain/explain.js';

/**
 * Translation bundles a host passes in, keyed by locale, then by key. A policy text refers to
 * them with i18next's nesting syntax: `"because": "$t(refund.late)"`.
 */
export type Resources = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Options of {@link definePolicy}. */
export interface PolicyOptions {
  /**
   * Translation bundles the policy's texts may refer to with `$t(key)`. A key that is also a
   * built-in phrase of `because` (see `locales/en/because.json`, such as
   * `frame.negative.request`) replaces that phrase for this policy.
   * @default {}
   * @example { nl: { refund: { late: 'de retourtermijn is verstreken' } } }
   */
  readonly resources?: Resources;
  /**
   * How a customer reaches a person, overriding the policy's and the built-in escalation text.
   * @example { en: "Reply 'agent' to talk to a colleague.", nl: "Antwoord 'medewerker' om een collega te spreken." }
   */
  readonly escalation?: Text;
  /**
   * The sentence that an automated system decided, overriding the policy's and the built-in one.
   */
  readonly disclosure?: Text;
  /**
   * Custom operators the rules use, by name: json-rules-engine's `engine.addOperator`, for this
   * policy only. Each says which fact and value types it takes and how its conditions read in
   * each language; see {@link CustomOperator}. A rule that names an operator neither built in nor
   * passed here is a {@link PolicyError}. The operators are code, not part of the document, so
   * they are not part of `policy.hash`: version them with the policy.
   * @default {}
   * @example { startsWith: { evaluate: (f, v) => f.startsWith(v), factTypes: ['string'], valueTypes: ['string'],
   *   phrase: { en: { holds: '{{fact}} starts with {{value}}', fails: '{{fact}} does not start with {{value}}' } } } }
   */
  readonly operators?: CustomOperators;
}

/**
 * A validated, frozen policy: the result of {@link definePolicy}. It never holds an invalid
 * document and never changes.
 */
export interface Policy {
  /** The policy id from the document. */
  readonly id: string;
  /** The author's version label. */
  readonly version: string;
  /** sha-256 of the canonical JSON of the document (without `$schema`), lowercase hex. */
  readonly hash: string;
  /** The validated document, deeply frozen. */
  readonly document: Readonly<PolicyDocument>;
  /** The locales the policy's own texts are written in, first one first; `['en']` when none. */
  readonly locales: readonly string[];
  /** Same as `explain(policy, facts, options)`. */
  explain(facts: unknown, options?: ExplainOptions): Promise<DecisionResult>;
  /** Same as `decide(policy, facts, options)`. */
  decide(facts: unknown, options?: DecideOptions): Promise<Decision>;
}

/** A compiled rule. @internal */
export interface CompiledRule {
  readonly index: number;
  readonly name: string;
  readonly priority: number;
  readonly outcome: string;
  readonly internal: boolean;
  readonly root: CompiledNode;
}

/** What a policy carries besides its public face. @internal */
export interface PolicyInternals {
  readonly document: PolicyDocument;
  readonly rules: readonly CompiledRule[];
  readonly parameters: ReadonlyMap<string, unknown>;
  /** Who may read each fact and parameter: the one table every text is held to. */
  readonly visibility: ReadonlyMap<string, Visibility>;
  readonly leafCount: number;
  readonly options: PolicyOptions;
  /** The policy's custom operators, checked, by name. */
  readonly operators: ReadonlyMap<string, RegisteredOperator>;
  /** Lazily created text renderer; one per policy, never shared. */
  cache: Map<string, unknown>;
  /** The rules made into trace functions (`tracedProgramOf`), at first use: read on every call, so a field. */
  traced?: TracedProgram;
}

/**
 * Internals live on the policy under a registered symbol, not in a module-level map, so a policy
 * made by one copy of `because` (say `because/node`'s bundle, or a CJS copy beside an ESM one)
 * works with another's `explain`.
 */
const INTERNALS = Symbol.for('because.policy.internals');

/**
 * The internals of a policy made by {@link definePolicy}.
 * @internal
 */
export function policyInternals(policy: Policy): PolicyInternals {
  const found = (policy as unknown as Record<symbol, PolicyInternals | undefined>)[INTERNALS];
  if (found === undefined) {
    throw new TypeError('Expected a policy made by definePolicy(); got something else.');
  }
  return found;
}

/** Whether `value` is a policy made by {@link definePolicy}. */
export function isPolicy(value: unknown): value is Policy {
  return typeof value === 'object' && value !== null && INTERNALS in value;
}

/**
 * Validates a policy document and returns it as a frozen {@link Policy}.
 *
 * Every problem is collected, not just the first: the thrown {@link PolicyError} lists each with
 * a JSON path into the document, a stable code and a message for the policy author. The input
 * is never mutated.
 *
 * @param json The policy document: a parsed JSON value, or its JSON text. Text may start with a
 *   byte order mark, and a key written twice in one object is an error (`duplicate_key`); a
 *   parsed value cannot show that any more, so read files with `loadPolicy` from `because/node`
 *   or pass their text.
 * @throws {PolicyError} when the document is not a valid policy.
 * @throws {OptionsError} when an option is not valid, such as a custom operator without
 *   `evaluate` (each issue's path is `operators.<name>.<field>`).
 * @example
 * ```ts
 * const policy = definePolicy(JSON.parse(readFileSync('refund.json', 'utf8')));
 * const result = await policy.explain({ daysSincePurchase: 45 }, { locale: 'nl' });
 * ```
 */
export function definePolicy(json: unknown, options: PolicyOptions = {}): Policy {
  const registered = registerOperators((options as { operators?: unknown }).operators);
  const [firstOption, ...restOptions] = registered.issues;
  if (firstOption !== undefined) throw new OptionsError([firstOption, ...restOptions]);
  const operators = registered.operators;
  let input = json;
  if (typeof json === 'string') {
    const parsed = parseJsonText(json, 'The policy');
    if (!parsed.ok) throw new PolicyError(parsed.issues);
    input = parsed.value;
  }
  const copied = copyJson(input);
  if (!copied.ok) throw new PolicyError(copied.issues as unknown as NonEmptyArray<Issue>);
  const raw = copied.value;
  if (!isRecord(raw)) {
    throw new PolicyError([{ code: 'invalid_type', path: '', message: 'A policy is a JSON object with "id", "version", "facts", "outcomes" and "rules".' }]);
  }
  acceptSpellings(raw);

  const issues: Issue[] = [];
  // The lean check first; zod, whose answer it gives (test/core/accepts.test.ts), runs only on a
  // document it refuses, for the issues. Nothing below reads zod's output, only its issues.
  const parsed = policyAccepted(raw) ? ACCEPTED : PolicySchema.safeParse(raw);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      // The compiler reports problems inside conditions precisely (zod only sees a failed union).
      if (isConditionPath(zi.path) && zi.code !== 'invalid_key') continue;
      for (const issue of fromZod(zi, zi.path, raw)) issues.push(issue);
    }
  }
  // With structural problems, the reference checks still run on the parts that are well formed.
  const view = issues.length === 0 ? undefined : lenientView(raw);
  const doc = (view?.doc ?? raw) as PolicyDocument;
  for (const issue of checkDocument(doc, { names: view?.namesKnown ?? true, outcomes: view?.outcomesKnown ?? true })) issues.push(issue);

  const compiled = compileConditions(doc, createOperatorMap(operators.values()), { custom: operators, ...(view === undefined ? {} : { skipRules: view.skipRules, namesKnown: view.namesKnown }) });
  for (const issue of compiled.issues) issues.push(issue);
  if (!parsed.success && issues.length === 0) {
    // A problem inside conditions that the compiler let pass: never return a policy the schema rejects.
    for (const zi of parsed.error.issues) for (const issue of fromZod(zi, zi.path, raw)) issues.push(issue);
  }
  // Only a policy valid otherwise is measured: what its rules cost to explain.
  if (issues.length === 0) issues.push(...sizeIssues(doc, compiled.rules));
  if (issues.length > 0) throw policyError(issues as unknown as NonEmptyArray<Issue>);

  const document = deepFreeze(doc);
  const rules: CompiledRule[] = document.rules.map((rule, index) => ({
    index,
    name: rule.name,
    priority: rule.priority ?? 1,
    outcome: rule.event.type,
    internal: rule.internal === true,
    root: compiled.rules[index] as CompiledNode,
  }));
  const parameters = new Map(Object.entries(document.parameters ?? {}).map(([k, p]) => [k, p.value]));

  const policy: Policy = {
    id: document.id,
    version: document.version,
    hash: policyHash(document),
    document,
    locales: Object.freeze(collectLocales(document)),
    explain(facts: unknown, explainOptions?: ExplainOptions): Promise<DecisionResult> {
      return explain(policy, facts, explainOptions);
    },
    decide(facts: unknown, decideOptions?: DecideOptions): Promise<Decision> {
      return decide(policy, facts, decideOptions);
    },
  };
  const internals: PolicyInternals = { document, rules, parameters, visibility: visibilities(document), leafCount: compiled.leafCount, options, operators, cache: new Map() };
  Object.defineProperty(policy, INTERNALS, { value: internals, enumerable: false });
  return Object.freeze(policy);
}

const ACCEPTED = { success: true } as const;

/** The most issues a {@link PolicyError} lists; the last one says how many more there were. */
export const MAX_ISSUES = 1000;

/** A PolicyError with at most {@link MAX_ISSUES} issues, its message counting every one. */
function policyError(issues: NonEmptyArray<Issue>): PolicyError {
  if (issues.length <= MAX_ISSUES) return new PolicyError(issues);
  const more = issues.length - (MAX_ISSUES - 1);
  const kept = [
    ...issues.slice(0, MAX_ISSUES - 1),
    { code: 'too_many_problems', path: '', message: `… and ${more.toLocaleString('en')} more problems, not listed; mend these first.` },
  ] as unknown as NonEmptyArray<Issue>;
  const shown = issues.slice(0, 5).map((i) => `${i.path === '' ? '(document)' : i.path}: ${i.message}`);
  return new PolicyError(kept, `${issues.length.toLocaleString('en')} problems:\n${shown.join('\n')}\n… and ${(issues.length - 5).toLocaleString('en')} more`);
}

function isConditionPath(path: readonly PropertyKey[]): boolean {
  return (path[0] === 'rules' && path[2] === 'conditions') || (path[0] === 'conditions' && path.length >= 2);
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly expected?: string;
  readonly format?: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly errors?: readonly (readonly ZodIssueLike[])[];
  readonly issues?: readonly ZodIssueLike[];
}

/**
 * `zod/mini` loads no error locale, so every message it writes itself is "Invalid input": the
 * messages below are built from the issue's data, and zod's message is used only when it is one
 * of ours (the hints given to `z.regex` in schema.ts).
 */
const ZOD_DEFAULT = /^Invalid\b/;

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

function fromZod(zi: ZodIssueLike, fullPath: readonly PropertyKey[], raw: Record<string, unknown>): Issue[] {
  const path = fullPath.filter((p): p is string | number => typeof p !== 'symbol');
  const where = formatPath(path);
  let received: unknown = raw;
  for (const p of path) received = isRecord(received) || Array.isArray(received) ? (received as Record<string | number, unknown>)[p] : undefined;
  const last = path[path.length - 1];
  switch (zi.code) {
    case 'unrecognized_keys': {
      const keys = zi.keys ?? [];
      return [{
        code: 'unknown_property',
        path: formatPath([...path, keys[0] ?? '']),
        message: `${keys.map((k) => `"${k}"`).join(', ')} ${keys.length === 1 ? 'is' : 'are'} not a known property here; check the spelling.`,
      }];
    }
    case 'invalid_type':
      return [received === undefined
        ? { code: 'missing_property', path: where, message: `"${String(last ?? '')}" is required${requiredHint(path)}.` }
        : last === 'priority'
          ? { code: 'invalid_type', path: where, message: `A priority is a whole number of at least 1, such as 10, not ${describeValue(received)}.` }
          : { code: 'invalid_type', path: where, message: `Expected ${EXPECTED[zi.expected ?? ''] ?? zi.expected ?? 'another type'} here, but found ${describeValue(received)}.` }];
    case 'invalid_value':
      return [{ code: 'invalid_value', path: where, message: `${describeValue(received)} is not allowed here; use one of ${(zi.values ?? []).map((v) => JSON.stringify(v)).join(', ')}.` }];
    case 'invalid_format':
    case 'invalid_string':
      return [{ code: 'invalid_format', path: where, message: `${describeValue(received)} is not ${formatHint(zi)}.` }];
    case 'invalid_key': {
      // A key of a record (a fact, parameter, outcome or condition name, or a locale) that does not fit.
      const inner = zi.issues?.[0];
      const hint = inner === undefined ? 'a valid name' : formatHint(inner);
      return [{ code: 'invalid_format', path: where, message: `The key ${JSON.stringify(String(last ?? ''))} is not ${hint}.` }];
    }
    case 'too_small': {
      const minimum = Number(zi.minimum ?? 0);
      if (zi.origin === 'string') return [{ code: 'too_small', path: where, message: `"${String(last ?? '')}" may not be empty.` }];
      if (zi.origin === 'array') return [{ code: 'too_small', path: where, message: `This list needs at least ${minimum} item${minimum === 1 ? '' : 's'}.` }];
      return [{ code: 'too_small', path: where, message: `${describeValue(received)} is too small here: the least allowed is ${minimum}.` }];
    }
    case 'invalid_union': {
      // The value has the right outer type for one branch (an object for a Text), and fails
      // inside it: report that branch's own issues. Otherwise say which types fit.
      const branches = zi.errors ?? [];
      const inside = branches.filter((b) => b.length > 0 && b.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
      if (inside.length === 1) return (inside[0] ?? []).flatMap((i) => fromZod(i, [...fullPath, ...i.path], raw));
      const expected = branches.flatMap((b) => (b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0 ? [b[0].expected ?? ''] : []));
      const isText = expected.length === 2 && expected.includes('string') && expected.includes('record');
      const wanted = isText
        ? 'a text: a string, or an object of strings keyed by locale ("en", "nl", …)'
        : expected.length === branches.length && expected.length > 0
          ? expected.map((e) => EXPECTED[e] ?? e).join(' or ')
          : 'another value';
      return [{ code: 'invalid_type', path: where, message: `Expected ${wanted} here, but found ${describeValue(received)}.` }];
    }
    default:
      return [{ code: zi.code, path: where, message: ZOD_DEFAULT.test(zi.message) ? `${describeValue(received)} is not valid here.` : zi.message }];
  }
}

/** Why a required property is there, where an author coming from json-rules-engine would not expect it. */
function requiredHint(path: readonly (string | number)[]): string {
  if (path.length === 3 && path[0] === 'rules' && path[2] === 'name') {
    return ': give each rule a name unique in the policy, such as "deny-late-return"; results and tests name rules by it (`because import` names json-rules-engine rules for you)';
  }
  return '';
}

/** What a value of a string format should be: "a URL such as …", or the hint a schema gives. */
function formatHint(zi: ZodIssueLike): string {
  if (!ZOD_DEFAULT.test(zi.message) && zi.message !== '') return zi.message;
  switch (zi.format) {
    case 'url':
      return 'a URL such as "https://example.com/returns#section-2"';
    case 'regex':
    case undefined:
      return 'in the right format';
    default:
      return `a valid ${zi.format}`;
  }
}

function collectLocales(doc: PolicyDocument): string[] {
  const seen: string[] = [];
  const visit = (text: Text | undefined): void => {
    if (text === undefined || typeof text === 'string') return;
    for (const locale of Object.keys(text)) if (!seen.includes(locale)) seen.push(locale);
  };
  visit(doc.title);
  for (const f of Object.values(doc.facts)) {
    visit(f.label);
    visit(f.question);
  }
  for (const p of Object.values(doc.parameters ?? {})) visit(p.label);
  for (const o of Object.values(doc.outcomes)) {
    visit(o.label);
    visit(o.message);
  }
  for (const r of doc.rules) visit(r.because);
  return seen.length > 0 ? seen : ['en'];
}
