import { Engine } from 'json-rules-engine';
import type { Issue, NonEmptyArray } from '../errors.js';
import { formatPath, PolicyError } from '../errors.js';
import { checkDocument } from './check.js';
import { compileConditions, type CompiledNode, type EngineOperator } from './compile.js';
import { policyHash } from './hash.js';
import { copyJson, deepFreeze, isRecord } from './json.js';
import { PolicySchema, type PolicyDocument, type Text } from './schema.js';
import type { DecisionResult } from '../result/schema.js';
import type { ExplainOptions } from '../explain/options.js';
// A cycle, but a benign one: `explain` is only called, never read, while modules load.
import { explain } from '../explain/explain.js';

/**
 * Translation bundles a host passes in, keyed by locale, then by key. A policy text refers to
 * them with i18next's nesting syntax: `"because": "$t(refund.late)"`.
 */
export type Resources = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Options of {@link definePolicy}. */
export interface PolicyOptions {
  /**
   * Translation bundles the policy's texts may refer to with `$t(key)`.
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
  readonly leafCount: number;
  readonly options: PolicyOptions;
  /** Lazily created text renderer; one per policy, never shared. */
  cache: Map<string, unknown>;
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
 * @param json The policy document: a parsed JSON value, or a JSON string.
 * @throws {PolicyError} when the document is not a valid policy.
 * @example
 * ```ts
 * const policy = definePolicy(JSON.parse(readFileSync('refund.json', 'utf8')));
 * const result = await policy.explain({ daysSincePurchase: 45 }, { locale: 'nl' });
 * ```
 */
export function definePolicy(json: unknown, options: PolicyOptions = {}): Policy {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch (error) {
      throw new PolicyError([{ code: 'invalid_json', path: '', message: `The policy is not valid JSON: ${(error as Error).message}` }]);
    }
  }
  const copied = copyJson(input);
  if (!copied.ok) throw new PolicyError(copied.issues as unknown as NonEmptyArray<Issue>);
  const raw = copied.value;
  if (!isRecord(raw)) {
    throw new PolicyError([{ code: 'invalid_type', path: '', message: 'A policy is a JSON object with "id", "version", "facts", "outcomes" and "rules".' }]);
  }

  const issues: Issue[] = [];
  const parsed = PolicySchema.safeParse(raw);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      if (isConditionPath(zi.path)) continue; // the compiler reports these precisely
      issues.push(fromZod(zi, raw));
    }
  }
  const structureOk = issues.length === 0;
  const doc = (structureOk ? raw : lenientView(raw)) as PolicyDocument;
  if (structureOk) issues.push(...checkDocument(doc));

  const operators = (new Engine() as unknown as { operators: { get(name: string): EngineOperator | null } }).operators;
  const compiled = compileConditions(doc, operators);
  issues.push(...compiled.issues);
  if (issues.length > 0) throw new PolicyError(issues as unknown as NonEmptyArray<Issue>);

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
  };
  const internals: PolicyInternals = { document, rules, parameters, leafCount: compiled.leafCount, options, cache: new Map() };
  Object.defineProperty(policy, INTERNALS, { value: internals, enumerable: false });
  return Object.freeze(policy);
}

function isConditionPath(path: readonly PropertyKey[]): boolean {
  return (path[0] === 'rules' && path[2] === 'conditions') || (path[0] === 'conditions' && path.length >= 2);
}

/** Replaces parts of the wrong shape by empty ones, so the condition compiler can still run. */
function lenientView(raw: Record<string, unknown>): Partial<PolicyDocument> {
  const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
  return {
    facts: rec(raw['facts']) as PolicyDocument['facts'],
    parameters: rec(raw['parameters']) as PolicyDocument['parameters'],
    conditions: rec(raw['conditions']) as PolicyDocument['conditions'],
    rules: (Array.isArray(raw['rules']) ? raw['rules'] : []).map((r) => ({ conditions: rec(r)['conditions'] })) as PolicyDocument['rules'],
  };
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly expected?: string;
}

function fromZod(zi: ZodIssueLike, raw: Record<string, unknown>): Issue {
  const path = zi.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = formatPath(path);
  let received: unknown = raw;
  for (const p of path) received = isRecord(received) || Array.isArray(received) ? (received as Record<string | number, unknown>)[p] : undefined;
  switch (zi.code) {
    case 'unrecognized_keys': {
      const keys = zi.keys ?? [];
      return {
        code: 'unknown_property',
        path: formatPath([...path, keys[0] ?? '']),
        message: `${keys.map((k) => `"${k}"`).join(', ')} ${keys.length === 1 ? 'is' : 'are'} not a known property here; check the spelling.`,
      };
    }
    case 'invalid_type':
      return received === undefined
        ? { code: 'missing_property', path: where, message: `"${String(path[path.length - 1] ?? '')}" is required.` }
        : { code: 'invalid_type', path: where, message: `Expected ${zi.expected ?? 'another type'} here, but found ${describeValue(received)}.` };
    case 'invalid_value':
      return { code: 'invalid_value', path: where, message: `${describeValue(received)} is not allowed here; use one of ${(zi.values ?? []).map((v) => JSON.stringify(v)).join(', ')}.` };
    case 'invalid_format':
    case 'invalid_string':
      return { code: 'invalid_format', path: where, message: `${describeValue(received)} is not ${zi.message.replace(/^Invalid string: must match pattern .*$/, 'in the right format')}.` };
    case 'too_small':
      return { code: 'too_small', path: where, message: `${describeValue(received)} is too small here: ${zi.message}.` };
    default:
      return { code: zi.code, path: where, message: zi.message };
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
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
  for (const o of Object.values(doc.outcomes)) visit(o.label);
  for (const r of doc.rules) visit(r.because);
  return seen.length > 0 ? seen : ['en'];
}
