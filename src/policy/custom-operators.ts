import { formatPath, OperatorError, type Issue } from '../errors.js';
import { fits } from './condition-types.js';
import { canonicalLocale } from './locale.js';
import { FACT_TYPES } from './schema.js';

/**
 * Custom operators: json-rules-engine's `engine.addOperator`, passed to
 * `definePolicy(json, { operators })` instead, one policy at a time (never a global registry).
 */

/** A type an operator's fact or value may have: the fact types of a policy (`"string"`, `"date"`, …). */
export type OperatorOperandType = (typeof FACT_TYPES)[number];

/**
 * How a condition with a custom operator reads, in one language. `{{fact}}` is what the fact is
 * (its label, with its figure where the reader may see it: "the voucher code (SPRING-10)") and
 * `{{value}}` the value it is compared with, formatted for the locale.
 */
export interface OperatorPhrase {
  /** The condition as a reason, when it holds. @example '{{fact}} starts with {{value}}' */
  readonly holds: string;
  /** The condition as a reason, when it fails (under a `not`, and in `not:` decorated form). @example '{{fact}} does not start with {{value}}' */
  readonly fails: string;
}

/**
 * A custom operator: what json-rules-engine's `engine.addOperator(name, callback)` registers,
 * with what `because` needs besides to check, lint and explain conditions that use it.
 *
 * @typeParam F The fact values it takes (say `string` for `factTypes: ['string']`).
 * @typeParam V The values it compares with.
 * @example
 * ```ts
 * const startsWith: CustomOperator<string, string> = {
 *   evaluate: (fact, value) => fact.startsWith(value),
 *   factTypes: ['string'],
 *   valueTypes: ['string'],
 *   phrase: {
 *     en: { holds: '{{fact}} starts with {{value}}', fails: '{{fact}} does not start with {{value}}' },
 *     nl: { holds: '{{fact}} begint met {{value}}', fails: '{{fact}} begint niet met {{value}}' },
 *   },
 *   boundary: (value) => [value, `${value}-1`, ''],
 * };
 * ```
 */
export interface CustomOperator<F = unknown, V = unknown> {
  /**
   * Whether the fact value meets the condition's value. Synchronous and pure: the same answer
   * for the same values, no side effects. It is only called with a fact value of one of
   * `factTypes` and a value of one of `valueTypes`; on any other the condition is false without
   * a call (as json-rules-engine's `factValueValidator` makes it). An `evaluate` that throws or
   * answers anything but `true` or `false` makes `explain` reject with an `OperatorError`.
   */
  evaluate(factValue: F, value: V): boolean;
  /** The types of fact it applies to; a condition on a fact of another declared type is a `PolicyError`. */
  readonly factTypes: readonly OperatorOperandType[];
  /** The types of value it compares with; a condition with a value of another type is a `PolicyError`. */
  readonly valueTypes: readonly OperatorOperandType[];
  /**
   * How its conditions read, by locale (`en`, `nl`, `de`, …; `nl` serves `nl-BE`). In a locale
   * without a phrase the condition reads as the built-in "meets the condition “name” with …",
   * and `lint` warns for each locale the policy is written in.
   */
  readonly phrase: Readonly<Record<string, OperatorPhrase>>;
  /**
   * Fact values at the edge of the condition with `value`: ones that meet it and ones just past
   * it (for `startsWith "AB"`: `"AB"` and `""`). `current` is the customer's fact value, when
   * there is one. Counterfactuals try these values and lint looks for conflicts with them;
   * without `boundary` no counterfactual changes a fact through this operator, and lint treats
   * it as opaque (and says so).
   */
  boundary?(value: V, current: F | undefined): readonly F[];
  /** For authors and reviewers; never shown to a customer. */
  readonly description?: string;
}

/**
 * The custom operators of a policy, by the name conditions use in `"operator"`. A name is
 * letters and digits (no `:`, which marks json-rules-engine's decorators) and may not be one of
 * json-rules-engine's built-in operators.
 */
export type CustomOperators = Readonly<Record<string, CustomOperator>>;

/** A custom operator once checked: its phrases keyed by canonical locale. @internal */
export interface RegisteredOperator {
  readonly name: string;
  readonly definition: CustomOperator;
  /** `evaluate` guarded: false off its types, an {@link OperatorError} when it misbehaves. */
  readonly compare: (factValue: unknown, value: unknown) => boolean;
  readonly phrases: ReadonlyMap<string, OperatorPhrase>;
}

/** The names json-rules-engine's own operators and decorators take. @internal */
export const BUILT_IN_OPERATORS = [
  'equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain',
  'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
] as const;
const DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];

const NAME = /^[A-Za-z_$][\w$]*$/;
const PHRASE_KEYS = ['holds', 'fails'] as const;
const KEYS = ['evaluate', 'factTypes', 'valueTypes', 'phrase', 'boundary', 'description'];
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/**
 * Checks the `operators` option of `definePolicy` and registers each operator: issues at
 * `operators.<name>.<field>`, every one found.
 * @internal
 */
export function registerOperators(input: unknown): { operators: ReadonlyMap<string, RegisteredOperator>; issues: Issue[] } {
  const issues: Issue[] = [];
  const operators = new Map<string, RegisteredOperator>();
  if (input === undefined) return { operators, issues };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    issues.push({ code: 'invalid_type', path: 'operators', message: 'The operators are an object of { name: { evaluate, factTypes, valueTypes, phrase } }.' });
    return { operators, issues };
  }
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    const at = formatPath(['operators', name]);
    const problem = (field: string, code: string, message: string): void => void issues.push({ code, path: field === '' ? at : `${at}.${field}`, message });
    if (!NAME.test(name)) {
      problem('', 'invalid_operator_name', `"${name}" cannot name an operator: use letters and digits, such as "startsWith"${name.includes(':') ? ' (":" marks a decorator, as in "not:startsWith", which every custom operator gets by itself)' : ''}.`);
      continue;
    }
    if ((BUILT_IN_OPERATORS as readonly string[]).includes(name) || DECORATORS.includes(name)) {
      problem('', 'shadows_built_in', `"${name}" is one of json-rules-engine's own ${DECORATORS.includes(name) ? 'decorators' : 'operators'}; a custom operator takes a name of its own.`);
      continue;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problem('', 'invalid_type', 'A custom operator is an object { evaluate, factTypes, valueTypes, phrase }.');
      continue;
    }
    const op = raw as Record<string, unknown>;
    const before = issues.length;
    for (const key of Object.keys(op)) if (!KEYS.includes(key)) problem(key, 'unknown_property', `"${key}" is not a property of a custom operator; the known ones are ${KEYS.map((k) => `"${k}"`).join(', ')}.`);
    if (typeof op['evaluate'] !== 'function') problem('evaluate', op['evaluate'] === undefined ? 'missing_property' : 'invalid_type', 'evaluate is a function (factValue, value) => boolean: synchronous and pure.');
    if (op['boundary'] !== undefined && typeof op['boundary'] !== 'function') problem('boundary', 'invalid_type', 'boundary is a function (value, current) => fact values at the edge of the condition.');
    if (op['description'] !== undefined && typeof op['description'] !== 'string') problem('description', 'invalid_type', 'description is a string.');
    for (const key of ['factTypes', 'valueTypes'] as const) {
      const list = op[key];
      if (!Array.isArray(list) || list.length === 0) {
        problem(key, list === undefined ? 'missing_property' : 'invalid_type', `${key} is a non-empty list of ${FACT_TYPES.map((t) => `"${t}"`).join(', ')}.`);
        continue;
      }
      list.forEach((t, i) => {
        if (!(FACT_TYPES as readonly unknown[]).includes(t)) problem(`${key}[${i}]`, 'invalid_value', `${JSON.stringify(t)} is not a type; use one of ${FACT_TYPES.map((x) => `"${x}"`).join(', ')}.`);
      });
    }
    const phrases = checkPhrases(op['phrase'], (field, code, message) => problem(field, code, message));
    if (issues.length > before) continue;
    // A copy, frozen: a policy never changes, even when the host's object does.
    const given = op as unknown as CustomOperator;
    const definition: CustomOperator = Object.freeze({
      evaluate: given.evaluate,
      factTypes: Object.freeze([...given.factTypes]),
      valueTypes: Object.freeze([...given.valueTypes]),
      phrase: Object.freeze(Object.fromEntries(phrases)),
      ...(given.boundary === undefined ? {} : { boundary: given.boundary }),
      ...(given.description === undefined ? {} : { description: given.description }),
    });
    operators.set(name, { name, definition, compare: guarded(name, definition), phrases });
  }
  return { operators, issues };
}

function checkPhrases(raw: unknown, problem: (field: string, code: string, message: string) => void): Map<string, OperatorPhrase> {
  const phrases = new Map<string, OperatorPhrase>();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problem('phrase', raw === undefined ? 'missing_property' : 'invalid_type', 'phrase is an object of { locale: { holds, fails } }, such as { en: { holds: "{{fact}} starts with {{value}}", fails: "{{fact}} does not start with {{value}}" } }.');
    return phrases;
  }
  for (const [locale, entry] of Object.entries(raw as Record<string, unknown>)) {
    const canonical = canonicalLocale(locale);
    const at = formatPath(['phrase', locale]);
    if (canonical === undefined) {
      problem(at, 'invalid_locale', `"${locale}" is not a locale tag such as "en", "nl" or "nl-BE".`);
      continue;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problem(at, 'invalid_type', 'A phrase is an object { holds, fails } of texts with {{fact}} and {{value}}.');
      continue;
    }
    const texts = entry as Record<string, unknown>;
    let ok = true;
    for (const key of Object.keys(texts)) {
      if (!(PHRASE_KEYS as readonly string[]).includes(key)) {
        problem(`${at}.${key}`, 'unknown_property', `"${key}" is not a part of a phrase; the parts are "holds" and "fails".`);
        ok = false;
      }
    }
    for (const key of PHRASE_KEYS) {
      const text = texts[key];
      const required = key === 'holds' || key === 'fails';
      if (text === undefined && !required) continue;
      if (typeof text !== 'string' || text.trim() === '') {
        problem(`${at}.${key}`, text === undefined ? 'missing_property' : 'invalid_type', `"${key}" is a text with {{fact}} and {{value}}, such as "{{fact}} ${key === 'holds' ? 'starts' : 'does not start'} with {{value}}".`);
        ok = false;
        continue;
      }
      for (const [, name] of text.matchAll(PLACEHOLDER)) {
        if (name !== 'fact' && name !== 'value') {
          problem(`${at}.${key}`, 'unknown_placeholder', `{{${name ?? ''}}} is not known in an operator's phrase: it has {{fact}} and {{value}}.`);
          ok = false;
        }
      }
      if (!/\{\{\s*fact\s*\}\}/.test(text)) {
        problem(`${at}.${key}`, 'missing_placeholder', 'The phrase never names the fact: write {{fact}} where it goes.');
        ok = false;
      }
    }
    if (ok) {
      const copy = Object.fromEntries(PHRASE_KEYS.flatMap((key) => (typeof texts[key] === 'string' ? [[key, texts[key]]] : [])));
      phrases.set(canonical, Object.freeze(copy) as unknown as OperatorPhrase);
    }
  }
  return phrases;
}

/**
 * `evaluate` as a condition calls it: false on a fact or value off the operator's types (the
 * fact validator of json-rules-engine), and an {@link OperatorError} when it throws or answers
 * something other than a boolean. Fact values are never echoed in the error: they may be personal.
 */
function guarded(name: string, definition: CustomOperator): (factValue: unknown, value: unknown) => boolean {
  const { factTypes, valueTypes } = definition;
  return (factValue, value) => {
    if (!factTypes.some((t) => fits(t, factValue)) || !valueTypes.some((t) => fits(t, value))) return false;
    let answer: unknown;
    try {
      answer = definition.evaluate(factValue, value);
    } catch (error) {
      throw new OperatorError([{
        code: 'operator_threw',
        path: formatPath(['operators', name]),
        message: `The custom operator "${name}" threw: ${error instanceof Error ? error.message : String(error)}. An operator answers true or false for every value of its types.`,
      }], error);
    }
    if (typeof answer !== 'boolean') {
      const what = answer !== null && typeof answer === 'object' && typeof (answer as { then?: unknown }).then === 'function' ? 'a promise (operators are synchronous)' : answer === null ? 'null' : `a ${typeof answer}`;
      throw new OperatorError([{ code: 'operator_not_boolean', path: formatPath(['operators', name]), message: `The custom operator "${name}" answered ${what}, not true or false.` }]);
    }
    return answer;
  };
}

/**
 * The phrase of a custom operator for `locale`, or for the shorter tags it falls back to
 * (`nl-BE` → `nl`); never one of another language.
 * @internal
 */
export function phraseFor(operator: RegisteredOperator, fallbacks: readonly string[]): OperatorPhrase | undefined {
  for (const tag of fallbacks) {
    const phrase = operator.phrases.get(tag);
    if (phrase !== undefined) return phrase;
  }
  return undefined;
}

/** `{{fact}}` and `{{value}}` filled in. @internal */
export function fillPhrase(text: string, fact: string, value: string): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => (name === 'fact' ? fact : value));
}
