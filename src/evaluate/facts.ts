import { FactsError, formatPath, type Issue, type NonEmptyArray } from '../errors.js';
import { copyJson, isPlainScalar, isRecord } from '../policy/json.js';
import { isIsoDate } from '../policy/dates.js';
import type { FactDeclaration, PolicyDocument } from '../policy/schema.js';

/**
 * Checks the facts passed to `explain` against the policy's declared facts and returns a fresh
 * map of the declared ones that were given. `undefined` and `null` mean *unknown*; keys that
 * are not declared facts are ignored and never copied; `-0` is read as `0`, as JSON writes it.
 * With `redact`, no message quotes the value of a personal fact: it says "the value given".
 * @throws {FactsError} listing every fact of the wrong type or that is not JSON.
 * @internal
 */
export function readFacts(doc: PolicyDocument, input: unknown, redact = true): Map<string, unknown> {
  return factMap(doc, readFactValues(doc, input, redact));
}

/**
 * What {@link readFacts} reads, as a list: the value of the `i`-th declared fact (in the order
 * of `doc.facts`) at `i`, `undefined` for a fact not given. Throws as `readFacts` throws.
 * @internal
 */
export function readFactValues(doc: PolicyDocument, input: unknown, redact = true): unknown[] {
  if (!isRecord(input)) {
    throw new FactsError([{ code: 'invalid_type', path: '', message: `Facts are passed as an object of { name: value }, not ${input === null ? 'null' : Array.isArray(input) ? 'a list' : `a ${typeof input}`}.` }]);
  }
  let issues: Issue[] | undefined;
  const readers = readersOf(doc);
  const values: unknown[] = new Array(readers.length);
  for (let i = 0; i < readers.length; i++) {
    const reader = readers[i] as FactReader;
    const name = reader.name;
    const raw = Object.hasOwn(input, name) ? input[name] : undefined;
    if (raw === undefined || raw === null) {
      values[i] = undefined;
      continue;
    }
    // A value of the declared type as it comes (the common case) is taken at once, as
    // `readFact` would take it; anything else goes the whole way, issues and all.
    const accepted = quickValue(reader, raw);
    values[i] = accepted !== SLOW ? accepted : readFact(name, reader.declaration, raw, redact, (issues ??= []));
  }
  if (issues !== undefined && issues.length > 0) throw new FactsError(issues as unknown as NonEmptyArray<Issue>);
  return values;
}

/** The facts of {@link readFactValues} as {@link readFacts} gives them: a map of those given, in declaration order. @internal */
export function factMap(doc: PolicyDocument, values: readonly unknown[]): Map<string, unknown> {
  const readers = readersOf(doc);
  const map = new Map<string, unknown>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== undefined) map.set((readers[i] as FactReader).name, value);
  }
  return map;
}

/**
 * The index of each declared fact in {@link readFactValues}' list, made once per policy: what
 * a {@link readFacts} map's `has` says, on that list.
 * @internal
 */
export function factIndex(doc: PolicyDocument): ReadonlyMap<string, number> {
  let index = indexes.get(doc);
  if (index === undefined) {
    index = new Map(readersOf(doc).map((reader, i) => [reader.name, i]));
    indexes.set(doc, index);
  }
  return index;
}

const indexes = new WeakMap<PolicyDocument, ReadonlyMap<string, number>>();

/**
 * {@link readFacts} with every fact read the whole way (no quick acceptance): the reference the
 * quick path is tested against (`test/core/decide-fast.test.ts`).
 * @internal
 */
export function readFactsReference(doc: PolicyDocument, input: unknown, redact = true): Map<string, unknown> {
  if (!isRecord(input)) {
    throw new FactsError([{ code: 'invalid_type', path: '', message: `Facts are passed as an object of { name: value }, not ${input === null ? 'null' : Array.isArray(input) ? 'a list' : `a ${typeof input}`}.` }]);
  }
  const issues: Issue[] = [];
  const values = new Map<string, unknown>();
  for (const [name, declaration] of Object.entries(doc.facts)) {
    if (!Object.hasOwn(input, name)) continue;
    const raw = input[name];
    if (raw === undefined || raw === null) continue;
    const value = readFact(name, declaration, raw, redact, issues);
    if (value !== undefined) values.set(name, value);
  }
  if (issues.length > 0) throw new FactsError(issues as unknown as NonEmptyArray<Issue>);
  return values;
}

/**
 * One declared fact read the whole way: copied as JSON and checked against its declaration; its
 * value, or `undefined` with its issues added to `issues`. With `redact`, as {@link readFacts}.
 * @internal
 */
export function readFact(name: string, declaration: FactDeclaration, raw: unknown, redact: boolean, issues: Issue[]): unknown {
  const hideValues = redact && declaration.personal === true;
  let value: unknown = raw === 0 ? 0 : raw;
  const flat = scalarList(raw);
  if (flat !== undefined) value = flat;
  else if (!isPlainScalar(raw)) {
    const copied = copyJson(raw, [name], { hideValues });
    if (!copied.ok) {
      for (const issue of copied.issues) issues.push(issue);
      return undefined;
    }
    value = copied.value;
  }
  const problem = checkType(declaration, value, hideValues);
  if (problem !== undefined) {
    issues.push({ code: problem.code, path: formatPath([name, ...problem.at]), message: problem.message });
    return undefined;
  }
  return value;
}

/** What the quick check says of a value it does not take at once. */
const SLOW = Symbol('slow');

/** The quick check a declaration gets: by the type of its values, or none (`NONE`: every value the whole way). */
const NONE = 0;
const NUMBER = 1;
const INTEGER = 2;
const STRING = 3;
const BOOLEAN = 4;
const DATE = 5;
/** A list of plain scalars; its items checked by `items`, any plain scalar with `ANY`. */
const LIST = 6;
const ANY = 7;
type Check = typeof NONE | typeof NUMBER | typeof INTEGER | typeof STRING | typeof BOOLEAN | typeof DATE | typeof LIST | typeof ANY;

/** A declared fact and how a value of its type is taken at once. */
interface FactReader {
  readonly name: string;
  readonly declaration: FactDeclaration;
  readonly check: Check;
  /** For a list, how its items are checked. */
  readonly items: Check;
  /** A scalar's allowed values, if any. */
  readonly choices: readonly unknown[] | undefined;
}

const readerLists = new WeakMap<PolicyDocument, readonly FactReader[]>();

/** The readers of a policy's declared facts, in declaration order, made once per policy. */
function readersOf(doc: PolicyDocument): readonly FactReader[] {
  let list = readerLists.get(doc);
  if (list === undefined) {
    list = Object.entries(doc.facts).map(([name, declaration]) => readerOf(name, declaration));
    readerLists.set(doc, list);
  }
  return list;
}

/** The check of a scalar type, as `checkScalar` passes it; `NONE` for a list or an object. */
function scalarCheck(type: FactDeclaration['type']): Check {
  switch (type) {
    case 'number':
      return NUMBER;
    case 'integer':
      return INTEGER;
    case 'string':
      return STRING;
    case 'boolean':
      return BOOLEAN;
    case 'date':
      return DATE;
    default:
      return NONE;
  }
}

function readerOf(name: string, declaration: FactDeclaration): FactReader {
  const choices = declaration.enum;
  if (declaration.type === 'array') {
    // A list is never one of the choices: it goes the whole way to be told so.
    const items = declaration.items === undefined ? ANY : scalarCheck(declaration.items);
    return { name, declaration, check: choices !== undefined || items === NONE ? NONE : LIST, items, choices: undefined };
  }
  return { name, declaration, check: scalarCheck(declaration.type), items: NONE, choices };
}

/** Whether a plain scalar passes `check` (a scalar check or `ANY`). */
function passes(check: Check, v: unknown): boolean {
  switch (check) {
    case NUMBER:
      return typeof v === 'number';
    case INTEGER:
      return Number.isInteger(v);
    case STRING:
      return typeof v === 'string';
    case BOOLEAN:
      return typeof v === 'boolean';
    case DATE:
      return typeof v === 'string' && isIsoDate(v);
    case ANY:
      return true;
    default:
      return false;
  }
}

/**
 * The value {@link readFact} would give for `raw` when it is plainly of the declared type (a
 * plain scalar, JSON's: finite numbers, `-0` read as `0`, one of the choices if any; a list of
 * plain scalars of the item type), else {@link SLOW}.
 */
function quickValue(reader: FactReader, raw: unknown): unknown {
  const check = reader.check;
  if (check === NONE) return SLOW;
  if (check === LIST) {
    const list = scalarList(raw);
    if (list === undefined) return SLOW;
    const items = reader.items;
    if (items !== ANY) for (let i = 0; i < list.length; i++) if (!passes(items, list[i])) return SLOW;
    return list;
  }
  if (!isPlainScalar(raw) || !passes(check, raw)) return SLOW;
  if (reader.choices !== undefined && !reader.choices.includes(raw)) return SLOW;
  return raw === 0 ? 0 : raw;
}

/**
 * A copy of a short list of plain scalars (the common list fact: tags, consents), `-0` read as
 * `0`, as {@link copyJson} copies it; `undefined` for anything else, which `copyJson` takes.
 */
function scalarList(raw: unknown): unknown[] | undefined {
  if (!Array.isArray(raw) || raw.length > 64) return undefined;
  const out: unknown[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    if (!(i in raw)) return undefined;
    const v = raw[i] as unknown;
    if (!isPlainScalar(v)) return undefined;
    out[i] = v === 0 ? 0 : v;
  }
  return out;
}

function describeValue(value: unknown, hideValue: boolean): string {
  if (hideValue && !Array.isArray(value) && (value === null || typeof value !== 'object')) return `the value given (${typeof value === 'string' ? 'a text' : `a ${typeof value}`})`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function checkScalar(type: FactDeclaration['type'], value: unknown, hideValue: boolean): string | undefined {
  switch (type) {
    case 'number':
      return typeof value === 'number' ? undefined : `expected a number, got ${describeValue(value, hideValue)}`;
    case 'integer':
      return Number.isInteger(value) ? undefined : `expected a whole number, got ${describeValue(value, hideValue)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `expected a text, got ${describeValue(value, hideValue)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${describeValue(value, hideValue)}`;
    case 'date':
      return typeof value === 'string' && isIsoDate(value)
        ? undefined
        : `expected an ISO 8601 date such as "2026-03-01", got ${describeValue(value, hideValue)}`;
    case 'array':
      return Array.isArray(value) ? undefined : `expected a list, got ${describeValue(value, hideValue)}`;
    case 'object':
      return isRecord(value) ? undefined : `expected an object, got ${describeValue(value, hideValue)}`;
  }
}

function checkType(declaration: FactDeclaration, value: unknown, hideValue: boolean): { code: string; at: number[]; message: string } | undefined {
  const problem = checkScalar(declaration.type, value, hideValue);
  if (problem !== undefined) return { code: 'invalid_type', at: [], message: `${problem}.` };
  if (declaration.enum !== undefined && !declaration.enum.includes(value as string)) {
    return { code: 'invalid_value', at: [], message: `${describeValue(value, hideValue)} is not one of the allowed values: ${declaration.enum.map((v) => JSON.stringify(v)).join(', ')}.` };
  }
  if (declaration.type === 'array' && declaration.items !== undefined) {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) {
      const itemProblem = checkScalar(declaration.items, items[i], hideValue);
      if (itemProblem !== undefined) return { code: 'invalid_type', at: [i], message: `${itemProblem}.` };
    }
  }
  return undefined;
}
