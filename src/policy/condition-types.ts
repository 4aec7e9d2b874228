import { isIsoDate } from './dates.js';
import type { FactDeclaration, JsonValue, PolicyDocument } from './schema.js';
import { closest } from './suggest.js';

/**
 * The type checks of a comparison against the declared type of its fact: a value that can never
 * match (`"thirty"` against an integer, `"true"` against a boolean), a value outside the fact's
 * `enum`, and `equal null`, which never holds because a null fact is unknown.
 *
 * Only plain comparisons are checked (no decorator but `not:`), on a declared fact read without
 * a `path`: there the type of both sides is known, and json-rules-engine would compare them with
 * `===`, `<` or `indexOf` and quietly answer false.
 * @internal
 */

/** A problem with a comparison's value: where it is (`value` or `value[i]`), a code and a message. */
export interface ValueProblem {
  readonly at: readonly (string | number)[];
  readonly code: 'operator_type_mismatch' | 'unknown_value' | 'null_comparison';
  readonly message: string;
}

const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

/** What a value of a declared type is, as a message says it. */
const TYPE_WORDS: Record<FactDeclaration['type'], string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'a text',
  boolean: 'true or false',
  date: 'an ISO 8601 date such as "2026-03-01"',
  array: 'a list',
  object: 'an object',
};

/** Whether `value` is a value of `type`. @internal */
export function fits(type: FactDeclaration['type'], value: unknown): boolean {
  switch (type) {
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isIsoDate(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

/** How to write `value` as a value of `type`, when it is plainly meant as one: `"30"` → `30`. */
function rewrite(type: FactDeclaration['type'], value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if ((type === 'number' || type === 'integer') && text !== '' && Number.isFinite(Number(text))) return text;
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text;
  return undefined;
}

/** A value as a message quotes it. */
function quote(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** What `value` is: "a text", "a number", … */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a text';
    case 'number':
      return Number.isInteger(value) ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return 'an object';
  }
}

/**
 * Checks a comparison of the declared fact `factName` with the constant `value`.
 * `operator` is the full operator name (`not:in`).
 * @internal
 */
export function checkConstantValue(doc: PolicyDocument, factName: string, operator: string, value: JsonValue): ValueProblem[] {
  const parts = operator.split(':');
  const base = parts[parts.length - 1] ?? operator;
  if (parts.slice(0, -1).some((d) => d !== 'not')) return [];
  const fact = doc.facts[factName];
  if (fact === undefined || (fact.type as string | undefined) === undefined) return [];
  const type = fact.type;

  if (value === null) {
    if (base === 'equal' || base === 'notEqual') return [nullComparison(factName, operator, base)];
    if (NUMERIC.has(base)) return [{ at: ['value'], code: 'operator_type_mismatch', message: `"${operator}" on "${factName}" needs ${TYPE_WORDS[type]} to compare with, not null.` }];
    return [];
  }
  if (base === 'equal' || base === 'notEqual' || (NUMERIC.has(base) && ['number', 'integer', 'date'].includes(type))) {
    // A fact declared `integer` may still be compared with 2.5 by lessThan: only equality needs a whole number.
    const wanted = NUMERIC.has(base) && type === 'integer' ? 'number' : type;
    if (wanted === 'array' || wanted === 'object') return [];
    return scalarProblems(doc, factName, operator, wanted, value, ['value']);
  }
  if ((base === 'in' || base === 'notIn') && Array.isArray(value) && !['array', 'object'].includes(type)) {
    return value.flatMap((item, i) => scalarProblems(doc, factName, operator, type, item, ['value', i]));
  }
  if ((base === 'contains' || base === 'doesNotContain') && type === 'array' && fact.items !== undefined && !['array', 'object'].includes(fact.items)) {
    if (fits(fact.items, value)) return [];
    return [mismatch(factName, operator, fact.items, value, ['value'], `a list, each item ${TYPE_WORDS[fact.items]}`)];
  }
  return [];
}

function scalarProblems(
  doc: PolicyDocument,
  factName: string,
  operator: string,
  type: FactDeclaration['type'],
  value: unknown,
  at: (string | number)[],
): ValueProblem[] {
  if (!fits(type, value)) return [mismatch(factName, operator, type, value, at)];
  const allowed = doc.facts[factName]?.enum;
  if (type === 'string' && allowed !== undefined && typeof value === 'string' && !allowed.includes(value)) {
    const close = closest(value, allowed);
    return [{
      at,
      code: 'unknown_value',
      message: `"${value}" is not one of the values of "${factName}"${close === undefined ? '.' : `; did you mean "${close}"?`} Its values are: ${allowed.map((v) => `"${v}"`).join(', ')}.`,
    }];
  }
  return [];
}

function mismatch(factName: string, operator: string, type: FactDeclaration['type'], value: unknown, at: (string | number)[], what?: string): ValueProblem {
  const fixed = rewrite(type, value);
  const advice = fixed === undefined ? `write ${TYPE_WORDS[type]}` : `write ${fixed} without quotes`;
  return {
    at,
    code: 'operator_type_mismatch',
    message: `"${operator}" compares "${factName}" (${what ?? TYPE_WORDS[type]}) with ${quote(value)}, which is ${kindOf(value)}, so it can never hold; ${advice}.`,
  };
}

function nullComparison(factName: string, operator: string, base: string): ValueProblem {
  const why = `a fact that is null or not given is unknown here, not a value, so "${operator}" null is never decided`;
  const instead =
    base === 'equal'
      ? `When "${factName}" is not given, the decision waits for it (missing[] asks for it); to decide without it, let decision.default or a rule that does not read "${factName}" decide. To test for an empty value, compare with "" (or false, or 0).`
      : `Leave the condition out: every condition on "${factName}" already waits until it is given.`;
  return { at: ['value'], code: 'null_comparison', message: `Compared with null, ${why}. ${instead}` };
}
