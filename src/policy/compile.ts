import type { Issue } from '../errors.js';
import { formatPath } from '../errors.js';
import { parseJsonPath, type PathSegments } from './json-path.js';
import type { FactDeclaration, JsonValue, PolicyDocument } from './schema.js';
import { comparisonOf } from './operators.js';
import { checkConstantValue, fits } from './condition-types.js';
import type { RegisteredOperator } from './custom-operators.js';
import { article, closest, OPERATOR_ALIASES } from './suggest.js';

/** An operator as json-rules-engine implements it (`Operator#evaluate`). @internal */
export interface EngineOperator {
  readonly name: string;
  evaluate(factValue: unknown, compareTo: unknown): boolean;
}

/** A read of a fact or parameter, with an optional path into it. @internal */
export interface FactRead {
  readonly fact: string;
  readonly path?: string;
  readonly segments?: PathSegments;
  /** The fact is a parameter: always known, never an input. */
  readonly parameter: boolean;
  /** The fact is declared `personal`: its value is redacted from traces. */
  readonly personal: boolean;
}

interface NodeBase {
  /** The priority json-rules-engine groups this node by inside its parent. */
  readonly groupPriority: number;
  readonly internal: boolean;
  readonly name?: string;
  /** Set when this node is a realised reference to a shared condition. */
  readonly ref?: string;
  /** With `ref`: its keys in a call's shared traces, not reached and reached ({@link sharedKey}), made once. */
  readonly sharedKeys?: readonly [string, string];
  /**
   * How many levels of `all`/`any`/`not` lie below this node, shared conditions included
   * (0 for a comparison): what {@link MAX_CONDITION_DEPTH} limits.
   */
  readonly height: number;
}

/** A compiled comparison. @internal */
export interface LeafNode extends NodeBase, FactRead {
  readonly kind: 'leaf';
  readonly operator: string;
  readonly op: EngineOperator;
  /** `op.evaluate`, as {@link comparisonOf} makes it. */
  readonly compare: (factValue: unknown, compareTo: unknown) => boolean;
  readonly params?: Readonly<Record<string, JsonValue>>;
  /** A constant right-hand side, or a fact to read. */
  readonly value: { readonly constant: JsonValue } | { readonly read: FactRead };
  /** Index of this leaf in the policy, for coverage and caches. */
  readonly id: number;
  /** The custom operator at the base of `operator` (`startsWith` of `not:startsWith`), when it is one. */
  readonly custom?: RegisteredOperator;
}

/** A compiled all/any/not. @internal */
export interface BoolNode extends NodeBase {
  readonly kind: 'all' | 'any' | 'not';
  readonly children: readonly CompiledNode[];
  /** Indexes of `children` grouped by priority, highest first, file order inside a group. */
  readonly groups: readonly (readonly number[])[];
}

/** A node of a compiled condition tree. @internal */
export type CompiledNode = LeafNode | BoolNode;

/** The key of a shared condition's full trace in a call's shared traces, by whether it was reached. @internal */
export function sharedKey(condition: string, evaluated: boolean): string {
  return evaluated ? `+${condition}` : `-${condition}`;
}

/**
 * The deepest condition nesting a policy may use, counted through shared conditions: a
 * reference nests the shared condition where it stands.
 */
export const MAX_CONDITION_DEPTH = 64;

interface Context {
  readonly doc: PolicyDocument;
  readonly operators: { get(name: string): EngineOperator | null };
  readonly issues: Issue[];
  readonly shared: Map<string, CompiledNode | 'compiling' | 'failed'>;
  /** Whether `doc.facts` and `doc.parameters` are the declared names, so an unknown name is an error. */
  readonly namesKnown: boolean;
  readonly custom: ReadonlyMap<string, RegisteredOperator>;
  leafCount: number;
}

/** How to compile a document whose structure has problems (see `lenient.ts`). @internal */
export interface CompileOptions {
  /** Indices of rules that are not objects: their conditions are not compiled. */
  readonly skipRules?: ReadonlySet<number>;
  /**
   * `false` when the facts or parameters section is malformed: a name read by a condition cannot
   * be checked then, and reporting every read as undeclared would bury the real problem.
   * @default true
   */
  readonly namesKnown?: boolean;
  /** The policy's custom operators (also in the operator map), for their type checks and messages. */
  readonly custom?: ReadonlyMap<string, RegisteredOperator>;
}

/**
 * Compiles every rule's conditions, collecting every problem found on the way.
 * @internal
 */
export function compileConditions(
  doc: PolicyDocument,
  operators: { get(name: string): EngineOperator | null },
  options: CompileOptions = {},
): { rules: (CompiledNode | undefined)[]; issues: Issue[]; leafCount: number } {
  const ctx: Context = { doc, operators, issues: [], shared: new Map(), namesKnown: options.namesKnown ?? true, custom: options.custom ?? new Map(), leafCount: 0 };
  for (const name of Object.keys(doc.conditions ?? {})) compileShared(ctx, name, ['conditions', name], 0);
  const rules = doc.rules.map((rule, i) =>
    options.skipRules?.has(i) === true
      ? undefined
      : rule.conditions === undefined
        ? void issue(ctx, ['rules', i, 'conditions'], 'missing_property', 'This rule has no "conditions"; they start with "all", "any", "not" or a { "condition": "name" } reference.')
        : compileNode(ctx, rule.conditions, ['rules', i, 'conditions'], 0, true),
  );
  return { rules, issues: ctx.issues, leafCount: ctx.leafCount };
}

/**
 * The most conditions (comparisons and `all`/`any`/`not`) the rules may hold in all, a shared
 * condition's counted once for each rule that reads it: what bounds the reasons, missing facts
 * and whyNot of one call.
 */
export const MAX_RULE_CONDITIONS = 100_000;
/**
 * The most JSON characters the values those comparisons compare with (constants and
 * parameters) may take in all, counted as {@link MAX_RULE_CONDITIONS} counts: a result repeats
 * a compared value in the trace and in each reason that names it.
 */
export const MAX_RULE_VALUES = 8_000_000;

/**
 * The problem with a policy whose rules, once shared conditions are counted for each rule that
 * reads them, exceed {@link MAX_RULE_CONDITIONS} or {@link MAX_RULE_VALUES}; for a policy that
 * is valid otherwise. Stops counting as soon as a limit is passed, so the check costs at most
 * about the limit.
 * @internal
 */
export function sizeIssues(doc: PolicyDocument, rules: readonly (CompiledNode | undefined)[]): Issue[] {
  const ctx = { doc, issues: [] as Issue[] } as unknown as Context;
  checkSize(ctx, rules);
  return ctx.issues;
}

function checkSize(ctx: Context, rules: readonly (CompiledNode | undefined)[]): void {
  const sizes = new Map<unknown, number>();
  const sizeOf = (value: unknown): number => {
    if (value === null || typeof value !== 'object') return String(value).length;
    let size = sizes.get(value);
    if (size === undefined) {
      size = JSON.stringify(value).length;
      sizes.set(value, size);
    }
    return size;
  };
  const parameterSize = (read: FactRead): number => (read.parameter ? sizeOf(ctx.doc.parameters?.[read.fact]?.value) : 0);
  let conditions = 0;
  let values = 0;
  for (const [i, root] of rules.entries()) {
    if (root === undefined) continue; // a rule that is not an object: reported elsewhere
    for (const node of nodesOnce(root)) {
      conditions++;
      if (node.kind === 'leaf') values += parameterSize(node) + ('constant' in node.value ? sizeOf(node.value.constant) : parameterSize(node.value.read));
      if (conditions > MAX_RULE_CONDITIONS) {
        issue(ctx, ['rules', i, 'conditions'], 'too_many_conditions', `The rules hold more than ${MAX_RULE_CONDITIONS.toLocaleString('en-US')} conditions in all (from here on), counting a shared condition once for each rule that reads it. Split the policy, or share fewer large conditions among many rules.`);
        return;
      }
      if (values > MAX_RULE_VALUES) {
        issue(ctx, ['rules', i, 'conditions'], 'values_too_large', `The values the rules compare with come to more than ${MAX_RULE_VALUES.toLocaleString('en-US')} characters of JSON in all (from here on), counting a list once for each comparison and each rule that reads it. Compare fewer rules with long lists, or split the policy.`);
        return;
      }
    }
  }
}

function issue(ctx: Context, path: readonly (string | number)[], code: string, message: string): void {
  ctx.issues.push({ code, path: formatPath(path), message });
}

/**
 * The compiled shared condition `name`, compiled once. `depth` is where it is first met, so a
 * chain of references that nests too deep stops there rather than exhausting the stack.
 */
function compileShared(ctx: Context, name: string, path: (string | number)[], depth: number): CompiledNode | undefined {
  const state = ctx.shared.get(name);
  if (state === 'compiling') {
    issue(ctx, path, 'circular_condition_reference', `The shared condition "${name}" refers back to itself.`);
    ctx.shared.set(name, 'failed');
    return undefined;
  }
  if (state === 'failed') return undefined;
  if (state !== undefined) return state;
  const definition = ctx.doc.conditions?.[name];
  if (definition === undefined) return undefined;
  ctx.shared.set(name, 'compiling');
  const node = compileNode(ctx, definition, ['conditions', name], depth, true);
  if (ctx.shared.get(name) === 'failed' || node === undefined) {
    ctx.shared.set(name, 'failed');
    return undefined;
  }
  ctx.shared.set(name, node);
  return node;
}

const BOOLEAN_KEYS = ['all', 'any', 'not'] as const;
type BooleanKey = (typeof BOOLEAN_KEYS)[number];
const EXTRAS = ['priority', 'name', 'internal', 'description'] as const;
const LEAF_KEYS = ['fact', 'operator', 'value', 'path', 'params', ...EXTRAS];
const REFERENCE_KEYS = ['condition', ...EXTRAS];
const BOOLEAN_NODE_KEYS: Record<BooleanKey, readonly string[]> = {
  all: ['all', ...EXTRAS],
  any: ['any', ...EXTRAS],
  not: ['not', ...EXTRAS],
};
const FACT_REFERENCE_KEYS = ['fact', 'path', 'params', 'description'];

/**
 * Checks the properties every kind of condition node may carry besides its own: no unknown
 * property, `priority` a whole number of at least 1 (as json-rules-engine requires of rules),
 * `name` a string, `internal` a boolean, `params` an object. Returns whether all is well.
 */
function checkExtras(ctx: Context, node: Record<string, unknown>, path: (string | number)[], allowed: readonly string[] | undefined): boolean {
  let ok = true;
  if (allowed !== undefined) {
    for (const key of Object.keys(node)) {
      if (allowed.includes(key)) continue;
      const close = closest(key, allowed);
      issue(ctx, [...path, key], 'unknown_property', `"${key}" is not a known property of ${allowed === LEAF_KEYS ? 'a comparison' : 'this condition'}; ${close === undefined ? `the known ones are ${allowed.map((k) => `"${k}"`).join(', ')}.` : `did you mean "${close}"?`}`);
      ok = false;
    }
  }
  const priority = node['priority'];
  if (priority !== undefined) {
    if (typeof priority !== 'number' || !Number.isInteger(priority)) {
      issue(ctx, [...path, 'priority'], 'invalid_type', `A priority is a whole number of at least 1, not ${describeValue(priority)}.`);
      ok = false;
    } else if (priority < 1) {
      issue(ctx, [...path, 'priority'], 'too_small', `A priority is a whole number of at least 1, not ${priority}.`);
      ok = false;
    }
  }
  const typed: [string, string, (v: unknown) => boolean][] = [
    ['name', 'a string', (v) => typeof v === 'string'],
    ['description', 'a string', (v) => typeof v === 'string'],
    ['internal', 'true or false', (v) => typeof v === 'boolean'],
    ['params', 'an object of { name: value }', (v) => v !== null && typeof v === 'object' && !Array.isArray(v)],
  ];
  for (const [key, expected, test] of typed) {
    if (Object.hasOwn(node, key) && !test(node[key])) {
      issue(ctx, [...path, key], 'invalid_type', `Expected ${expected} here, but found ${describeValue(node[key])}.`);
      ok = false;
    }
  }
  return ok;
}

/** A value as a message names it: `"gold"`, `a list`, `null`. @internal */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function compileNode(
  ctx: Context,
  raw: unknown,
  path: (string | number)[],
  depth: number,
  topLevel: boolean,
): CompiledNode | undefined {
  if (depth > MAX_CONDITION_DEPTH) {
    issue(ctx, path, 'too_deep', `Conditions are nested more than ${MAX_CONDITION_DEPTH} levels deep; split them into shared conditions.`);
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    issue(ctx, path, 'invalid_condition', 'A condition must be an object.');
    return undefined;
  }
  const node = raw as Record<string, unknown>;
  const present = BOOLEAN_KEYS.filter((k) => Object.hasOwn(node, k));
  const isReference = Object.hasOwn(node, 'condition') && present.length === 0;
  const isLeaf = !isReference && present.length === 0 && !topLevel;
  const extrasOk = checkExtras(ctx, node, path, isReference ? REFERENCE_KEYS : isLeaf ? LEAF_KEYS : present.length === 1 ? BOOLEAN_NODE_KEYS[present[0] as BooleanKey] : undefined);
  const internal = node['internal'] === true;
  const name = typeof node['name'] === 'string' ? node['name'] : undefined;
  const priority = typeof node['priority'] === 'number' ? node['priority'] : undefined;
  if (!extrasOk) {
    // Still look inside, so problems further down are reported in the same run.
    if (present.length === 1) compileNode(ctx, { [present[0] as BooleanKey]: node[present[0] as BooleanKey] }, path, depth, topLevel);
    else if (isLeaf) compileLeaf(ctx, node, path, undefined, false, undefined);
    return undefined;
  }

  if (isReference) {
    const refName = node['condition'];
    if (typeof refName !== 'string') {
      issue(ctx, [...path, 'condition'], 'invalid_condition', 'A condition reference names a shared condition: { "condition": "name" }.');
      return undefined;
    }
    if (!Object.hasOwn(ctx.doc.conditions ?? {}, refName)) {
      issue(ctx, [...path, 'condition'], 'unknown_condition_reference', `There is no shared condition "${refName}" under "conditions".`);
      return undefined;
    }
    const target = compileShared(ctx, refName, [...path, 'condition'], depth);
    if (target === undefined) return undefined;
    if (depth + target.height > MAX_CONDITION_DEPTH) {
      issue(ctx, [...path, 'condition'], 'too_deep', `Conditions are nested more than ${MAX_CONDITION_DEPTH} levels deep here, counting the levels inside the shared condition "${refName}" (${target.height}) and the conditions it refers to.`);
      return undefined;
    }
    // json-rules-engine groups the reference by its own priority, then projects the shared
    // condition onto it.
    return { ...target, groupPriority: priority ?? 1, ref: refName, sharedKeys: [sharedKey(refName, false), sharedKey(refName, true)], internal: internal || target.internal };
  }

  if (present.length > 1) {
    issue(ctx, path, 'invalid_condition', `A condition has one of "all", "any" or "not", not ${present.map((k) => `"${k}"`).join(' and ')}.`);
    return undefined;
  }
  const kind = present[0];
  if (kind !== undefined) {
    const base = { groupPriority: priority ?? 1, internal, ...(name === undefined ? {} : { name }) };
    if (kind === 'not') {
      const child = node['not'];
      if (Array.isArray(child)) {
        issue(ctx, [...path, 'not'], 'invalid_condition', '"not" takes one condition, not a list.');
        return undefined;
      }
      const compiled = compileNode(ctx, child, [...path, 'not'], depth + 1, false);
      return compiled === undefined ? undefined : { kind, children: [compiled], groups: [[0]], height: compiled.height + 1, ...base };
    }
    const list = node[kind];
    if (!Array.isArray(list)) {
      issue(ctx, [...path, kind], 'invalid_condition', `"${kind}" takes a list of conditions.`);
      return undefined;
    }
    const children: CompiledNode[] = [];
    let ok = true;
    list.forEach((c, i) => {
      const compiled = compileNode(ctx, c, [...path, kind, i], depth + 1, false);
      if (compiled === undefined) ok = false;
      else children.push(compiled);
    });
    return ok ? { kind, children, groups: priorityGroups(children), height: 1 + children.reduce((h, c) => Math.max(h, c.height), 0), ...base } : undefined;
  }

  if (topLevel) {
    issue(ctx, path, 'invalid_condition', 'The conditions of a rule start with "all", "any", "not" or a { "condition": "name" } reference.');
    return undefined;
  }
  return compileLeaf(ctx, node, path, priority, internal, name);
}

/** Indexes of `children` grouped by priority, highest first, file order inside a group. */
function priorityGroups(children: readonly CompiledNode[]): number[][] {
  const byPriority = new Map<number, number[]>();
  children.forEach((child, i) => {
    const group = byPriority.get(child.groupPriority);
    if (group === undefined) byPriority.set(child.groupPriority, [i]);
    else group.push(i);
  });
  return [...byPriority.entries()].sort((a, b) => b[0] - a[0]).map(([, group]) => group);
}

function compileLeaf(
  ctx: Context,
  node: Record<string, unknown>,
  path: (string | number)[],
  priority: number | undefined,
  internal: boolean,
  name: string | undefined,
): LeafNode | undefined {
  let ok = true;
  for (const key of ['fact', 'operator', 'value'] as const) {
    if (!Object.hasOwn(node, key)) {
      issue(ctx, [...path, key], 'missing_property', `This condition has no "${key}"; a comparison needs "fact", "operator" and "value".`);
      ok = false;
    }
  }
  if (!ok) return undefined;

  const read = compileRead(ctx, node['fact'], node['path'], path, 'fact');
  const operatorName = node['operator'];
  let op: EngineOperator | null = null;
  if (typeof operatorName !== 'string') {
    issue(ctx, [...path, 'operator'], 'invalid_type', 'The operator is a name such as "greaterThan".');
  } else {
    op = ctx.operators.get(operatorName);
    if (op === null) issue(ctx, [...path, 'operator'], 'unknown_operator', unknownOperatorMessage(operatorName, [...ctx.custom.keys()]));
  }

  const rawValue = node['value'];
  let value: LeafNode['value'] | undefined;
  if (rawValue !== null && typeof rawValue === 'object' && !Array.isArray(rawValue) && Object.hasOwn(rawValue, 'fact')) {
    // json-rules-engine reads any object with a "fact" as a reference to that fact.
    const ref = rawValue as Record<string, unknown>;
    const refOk = checkExtras(ctx, ref, [...path, 'value'], FACT_REFERENCE_KEYS);
    const valueRead = compileRead(ctx, ref['fact'], ref['path'], [...path, 'value'], 'fact');
    if (valueRead !== undefined && refOk) value = { read: valueRead };
  } else {
    value = { constant: rawValue as JsonValue };
  }

  if (read === undefined || op === null || value === undefined || typeof operatorName !== 'string') return undefined;
  checkOperands(ctx, path, operatorName, read, value);
  const params = node['params'] as Record<string, JsonValue> | undefined;
  const custom = ctx.custom.get(operatorName.slice(operatorName.lastIndexOf(':') + 1));
  return {
    kind: 'leaf',
    ...(custom === undefined ? {} : { custom }),
    ...read,
    operator: operatorName,
    op,
    // An undecorated custom operator is its own guarded comparison, without json-rules-engine's wrapper.
    compare: custom !== undefined && custom.name === operatorName ? custom.compare : comparisonOf(op, ctx.operators),
    value,
    ...(params === undefined ? {} : { params }),
    groupPriority: priority ?? 1,
    internal,
    ...(name === undefined ? {} : { name }),
    id: ctx.leafCount++,
    height: 0,
  };
}

function compileRead(
  ctx: Context,
  fact: unknown,
  rawPath: unknown,
  path: (string | number)[],
  key: string,
): FactRead | undefined {
  if (typeof fact !== 'string') {
    issue(ctx, [...path, key], 'invalid_type', 'A fact is named by a string.');
    return undefined;
  }
  const isFact = Object.hasOwn(ctx.doc.facts, fact);
  const isParameter = Object.hasOwn(ctx.doc.parameters ?? {}, fact);
  if (!isFact && !isParameter) {
    if (ctx.namesKnown) {
      const close = closest(fact, [...Object.keys(ctx.doc.facts), ...Object.keys(ctx.doc.parameters ?? {})]);
      issue(ctx, [...path, key], 'undeclared_fact', `"${fact}" is not declared under "facts" or "parameters"${close === undefined ? '.' : `; did you mean "${close}"?`}`);
    }
    return undefined;
  }
  const personal = isFact && ctx.doc.facts[fact]?.personal === true;
  // The declaration's own key (an internalised string): every read of the fact then finds it in
  // the maps of facts and parameters by identity, without comparing characters.
  const name = nameOf(isFact ? ctx.doc.facts : (ctx.doc.parameters ?? {}), fact);
  if (rawPath === undefined) return { fact: name, parameter: !isFact, personal };
  if (typeof rawPath !== 'string') {
    issue(ctx, [...path, 'path'], 'invalid_path', 'A path is a string such as "$.address.country".');
    return undefined;
  }
  const segments = parseJsonPath(rawPath);
  if (segments === undefined) {
    issue(
      ctx,
      [...path, 'path'],
      'invalid_path',
      `"${rawPath}" is not a plain path. Use "$" followed by .name, ['name'] or [index]; wildcards, filters and scripts are not allowed.`,
    );
    return undefined;
  }
  return { fact: name, path: rawPath, segments, parameter: !isFact, personal };
}

const ownKeys = new WeakMap<object, Map<string, string>>();

/** `name` as the key string of `record` that equals it. */
function nameOf(record: object, name: string): string {
  let keys = ownKeys.get(record);
  if (keys === undefined) ownKeys.set(record, (keys = new Map(Object.keys(record).map((k) => [k, k]))));
  return keys.get(name) ?? name;
}

const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const LIST_VALUE = new Set(['in', 'notIn']);
const LIST_FACT = new Set(['contains', 'doesNotContain']);

function declaredType(ctx: Context, read: FactRead): FactDeclaration['type'] | 'parameter' | undefined {
  if (read.path !== undefined) return undefined; // the type inside an object is not declared
  if (read.parameter) return 'parameter';
  return ctx.doc.facts[read.fact]?.type;
}

/** Catches operand types that make a comparison always false or throw inside json-rules-engine. */
function checkOperands(
  ctx: Context,
  path: (string | number)[],
  operatorName: string,
  read: FactRead,
  value: LeafNode['value'],
): void {
  const parts = operatorName.split(':');
  const base = parts[parts.length - 1] ?? operatorName;
  const decorators = parts.slice(0, -1);
  const factIsList = decorators.some((d) => d === 'someFact' || d === 'everyFact');
  const valueIsList = decorators.some((d) => d === 'someValue' || d === 'everyValue');
  const swapped = decorators.includes('swap');
  const type = declaredType(ctx, read);
  const constant = 'constant' in value ? value.constant : undefined;
  const valueType =
    'read' in value
      ? value.read.parameter
        ? jsonType(ctx.doc.parameters?.[value.read.fact]?.value)
        : value.read.path === undefined
          ? ctx.doc.facts[value.read.fact]?.type
          : undefined
      : jsonType(constant);

  const custom = ctx.custom.get(base);
  if (custom !== undefined) {
    checkCustomOperands(ctx, path, operatorName, custom, read, type, valueType, value, { factIsList, valueIsList, swapped });
    return;
  }
  if ((factIsList || (LIST_FACT.has(base) && !swapped)) && type !== undefined && type !== 'array' && type !== 'parameter') {
    issue(ctx, [...path, 'operator'], 'operator_type_mismatch', `"${operatorName}" needs a list fact, but "${read.fact}" is ${article(type)}.`);
  }
  const needsListValue = valueIsList || (LIST_VALUE.has(base) && !swapped);
  if (needsListValue && valueType !== undefined && valueType !== 'array' && valueType !== 'string') {
    issue(ctx, [...path, 'value'], 'operator_type_mismatch', `"${operatorName}" compares against a list, such as ["a", "b"].`);
  }
  if (NUMERIC.has(base) && !factIsList && !swapped && type !== undefined && !['number', 'integer', 'date', 'parameter'].includes(type)) {
    issue(ctx, [...path, 'operator'], 'operator_type_mismatch', `"${operatorName}" compares numbers or dates, but "${read.fact}" is ${article(type)}.`);
    return;
  }
  if ('constant' in value && read.path === undefined && !read.parameter) {
    for (const p of checkConstantValue(ctx.doc, read.fact, operatorName, value.constant)) issue(ctx, [...path, ...p.at], p.code, p.message);
  }
}

/**
 * A custom operator's declared `factTypes` and `valueTypes` against the declared fact and the
 * value: a condition that could only ever be false (its operator is never called off its types).
 */
function checkCustomOperands(
  ctx: Context,
  path: (string | number)[],
  operatorName: string,
  custom: RegisteredOperator,
  read: FactRead,
  type: FactDeclaration['type'] | 'parameter' | undefined,
  valueType: FactDeclaration['type'] | undefined,
  value: LeafNode['value'],
  how: { factIsList: boolean; valueIsList: boolean; swapped: boolean },
): void {
  const { factTypes, valueTypes } = custom.definition;
  const words = (types: readonly string[]): string => types.map((t) => article(t)).join(' or ');
  // swap: compares the value with the fact; someFact/everyFact: each item of a list fact.
  const [factSide, valueSide] = how.swapped ? [valueTypes, factTypes] : [factTypes, valueTypes];
  if (type !== undefined && type !== 'parameter') {
    const declared = ctx.doc.facts[read.fact];
    const itemType = how.factIsList ? (type === 'array' ? declared?.items : type) : type;
    if (how.factIsList && type !== 'array') {
      issue(ctx, [...path, 'operator'], 'operator_type_mismatch', `"${operatorName}" needs a list fact, but "${read.fact}" is ${article(type)}.`);
    } else if (itemType !== undefined && !typeAccepted(factSide, itemType)) {
      issue(ctx, [...path, 'operator'], 'operator_type_mismatch', `The custom operator "${custom.name}" takes ${words(factSide)}${how.factIsList ? ' in each item' : ''}, but "${read.fact}" is ${article(itemType)}, so the condition can never hold.`);
    }
  }
  if (how.valueIsList) return;
  if ('constant' in value) {
    if (!valueSide.some((t) => fits(t, value.constant))) {
      issue(ctx, [...path, 'value'], 'operator_type_mismatch', `The custom operator "${custom.name}" compares with ${words(valueSide)}, not ${describeValue(value.constant)}, so the condition can never hold.`);
    }
  } else if (valueType !== undefined && !typeAccepted(valueSide, valueType)) {
    issue(ctx, [...path, 'value'], 'operator_type_mismatch', `The custom operator "${custom.name}" compares with ${words(valueSide)}, but "${value.read.fact}" is ${article(valueType)}, so the condition can never hold.`);
  }
}

/**
 * Whether some values of a declared type can be values of one of `accepted`: the same type, or
 * one inside the other (an integer is a number, a date a string, and a string may be a date).
 */
function typeAccepted(accepted: readonly string[], type: string): boolean {
  const overlapping: Readonly<Record<string, readonly string[]>> = { integer: ['number'], number: ['integer'], date: ['string'], string: ['date'] };
  return accepted.includes(type) || (overlapping[type] ?? []).some((t) => accepted.includes(t));
}

function jsonType(value: unknown): FactDeclaration['type'] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'number' || t === 'string' || t === 'boolean' ? t : 'object';
}

const KNOWN_OPERATORS = [
  'equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain',
  'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
];
const KNOWN_DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];

function unknownOperatorMessage(name: string, custom: readonly string[]): string {
  const parts = name.split(':');
  const base = parts[parts.length - 1] ?? '';
  const decorators = parts.slice(0, -1);
  const known = [...KNOWN_OPERATORS, ...custom];
  const fixedBase = known.includes(base) ? base : (OPERATOR_ALIASES[base] ?? closest(base, known));
  const fixedDecorators = decorators.map((d) => (KNOWN_DECORATORS.includes(d) ? d : closest(d, KNOWN_DECORATORS)));
  const badDecorator = decorators.find((d) => !KNOWN_DECORATORS.includes(d));
  const suggestion =
    fixedBase !== undefined && fixedDecorators.every((d) => d !== undefined) ? [...fixedDecorators, fixedBase].join(':') : undefined;
  if (badDecorator !== undefined && (suggestion === undefined || suggestion === name)) {
    return `"${badDecorator}" is not an operator decorator. Known decorators: ${KNOWN_DECORATORS.join(', ')}.`;
  }
  if (suggestion !== undefined && suggestion !== name) return `"${name}" is not an operator; did you mean "${suggestion}"?`;
  // json-rules-engine's `engine.addOperator` has its counterpart in the options of definePolicy.
  return `"${base}" is not an operator. A custom operator (json-rules-engine's addOperator) is passed to definePolicy(json, { operators: { ${base}: … } }), or on the command line with --operators ./operators.mjs. Known operators: ${known.join(', ')}.`;
}

/**
 * The comparisons under a node, each shared condition's once however often it is referred to,
 * in file order.
 * @internal
 */
export function leavesUnder(root: CompiledNode, skip?: (node: CompiledNode) => boolean): LeafNode[] {
  const out: LeafNode[] = [];
  for (const node of nodesOnce(root, skip)) if (node.kind === 'leaf') out.push(node);
  return out;
}

/**
 * Every node under `root`, `root` included, in file order, each shared condition once however
 * often it is referred to; `skip` leaves out a node and everything under it.
 * @internal
 */
export function* nodesOnce(root: CompiledNode, skip?: (node: CompiledNode) => boolean): Generator<CompiledNode> {
  const seen = new Set<string>();
  const stack: CompiledNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as CompiledNode;
    if (skip?.(node) === true) continue;
    if (node.ref !== undefined) {
      if (seen.has(node.ref)) continue;
      seen.add(node.ref);
    }
    yield node;
    if (node.kind !== 'leaf') for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as CompiledNode);
  }
}
