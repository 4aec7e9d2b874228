import { Engine } from 'json-rules-engine';
import type { Issue } from '../errors.js';
import { formatPath } from '../errors.js';
import { parseJsonPath, type PathSegments } from './json-path.js';
import type { FactDeclaration, JsonValue, PolicyDocument } from './schema.js';

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
}

interface NodeBase {
  /** The priority json-rules-engine groups this node by inside its parent. */
  readonly groupPriority: number;
  readonly internal: boolean;
  readonly name?: string;
  /** Set when this node is a realised reference to a shared condition. */
  readonly ref?: string;
}

/** A compiled comparison. @internal */
export interface LeafNode extends NodeBase, FactRead {
  readonly kind: 'leaf';
  readonly operator: string;
  readonly op: EngineOperator;
  readonly params?: Readonly<Record<string, JsonValue>>;
  /** A constant right-hand side, or a fact to read. */
  readonly value: { readonly constant: JsonValue } | { readonly read: FactRead };
  /** Index of this leaf in the policy, for coverage and caches. */
  readonly id: number;
}

/** A compiled all/any/not. @internal */
export interface BoolNode extends NodeBase {
  readonly kind: 'all' | 'any' | 'not';
  readonly children: readonly CompiledNode[];
}

/** A node of a compiled condition tree. @internal */
export type CompiledNode = LeafNode | BoolNode;

/** The deepest condition nesting a policy may use. */
export const MAX_CONDITION_DEPTH = 64;

interface Context {
  readonly doc: PolicyDocument;
  readonly operators: { get(name: string): EngineOperator | null };
  readonly issues: Issue[];
  readonly shared: Map<string, CompiledNode | 'compiling' | 'failed'>;
  leafCount: number;
}

/**
 * Builds a json-rules-engine `Engine` holding the policy's rules, shared conditions and
 * parameters. It is the reference semantics: its operator map evaluates every comparison.
 * @internal
 */
export function createEngine(doc: PolicyDocument): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
  for (const [name, condition] of Object.entries(doc.conditions ?? {})) {
    engine.setCondition(name, condition as never);
  }
  for (const [name, parameter] of Object.entries(doc.parameters ?? {})) {
    engine.addFact(name, parameter.value as never);
  }
  for (const rule of doc.rules) engine.addRule(rule as never);
  return engine;
}

/**
 * Compiles every rule's conditions, collecting every problem found on the way.
 * @internal
 */
export function compileConditions(
  doc: PolicyDocument,
  operators: { get(name: string): EngineOperator | null },
): { rules: (CompiledNode | undefined)[]; issues: Issue[]; leafCount: number } {
  const ctx: Context = { doc, operators, issues: [], shared: new Map(), leafCount: 0 };
  for (const name of Object.keys(doc.conditions ?? {})) compileShared(ctx, name, ['conditions', name]);
  const rules = doc.rules.map((rule, i) => compileNode(ctx, rule.conditions, ['rules', i, 'conditions'], 0, true));
  return { rules, issues: ctx.issues, leafCount: ctx.leafCount };
}

function issue(ctx: Context, path: readonly (string | number)[], code: string, message: string): void {
  ctx.issues.push({ code, path: formatPath(path), message });
}

function compileShared(ctx: Context, name: string, path: (string | number)[]): CompiledNode | undefined {
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
  const node = compileNode(ctx, definition, ['conditions', name], 0, true);
  if (ctx.shared.get(name) === 'failed' || node === undefined) {
    ctx.shared.set(name, 'failed');
    return undefined;
  }
  ctx.shared.set(name, node);
  return node;
}

const BOOLEAN_KEYS = ['all', 'any', 'not'] as const;

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
  const internal = node['internal'] === true;
  const name = typeof node['name'] === 'string' ? node['name'] : undefined;
  const priority = typeof node['priority'] === 'number' ? node['priority'] : undefined;

  if (Object.hasOwn(node, 'condition') && present.length === 0) {
    const refName = node['condition'];
    if (typeof refName !== 'string') {
      issue(ctx, [...path, 'condition'], 'invalid_condition', 'A condition reference names a shared condition: { "condition": "name" }.');
      return undefined;
    }
    if (!Object.hasOwn(ctx.doc.conditions ?? {}, refName)) {
      issue(ctx, [...path, 'condition'], 'unknown_condition_reference', `There is no shared condition "${refName}" under "conditions".`);
      return undefined;
    }
    const target = compileShared(ctx, refName, [...path, 'condition']);
    if (target === undefined) return undefined;
    // json-rules-engine groups the reference by its own priority, then projects the shared
    // condition onto it.
    return { ...target, groupPriority: priority ?? 1, ref: refName, internal: internal || target.internal };
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
      return compiled === undefined ? undefined : { kind, children: [compiled], ...base };
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
    return ok ? { kind, children, ...base } : undefined;
  }

  if (topLevel) {
    issue(ctx, path, 'invalid_condition', 'The conditions of a rule start with "all", "any", "not" or a { "condition": "name" } reference.');
    return undefined;
  }
  return compileLeaf(ctx, node, path, priority, internal, name);
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
    if (op === null) issue(ctx, [...path, 'operator'], 'unknown_operator', unknownOperatorMessage(operatorName));
  }

  const rawValue = node['value'];
  let value: LeafNode['value'] | undefined;
  if (rawValue !== null && typeof rawValue === 'object' && !Array.isArray(rawValue) && Object.hasOwn(rawValue, 'fact')) {
    const ref = rawValue as Record<string, unknown>;
    const valueRead = compileRead(ctx, ref['fact'], ref['path'], [...path, 'value'], 'fact');
    if (valueRead !== undefined) value = { read: valueRead };
  } else {
    value = { constant: rawValue as JsonValue };
  }

  if (read === undefined || op === null || value === undefined || typeof operatorName !== 'string') return undefined;
  checkOperands(ctx, path, operatorName, read, value);
  const params = node['params'] as Record<string, JsonValue> | undefined;
  return {
    kind: 'leaf',
    ...read,
    operator: operatorName,
    op,
    value,
    ...(params === undefined ? {} : { params }),
    groupPriority: priority ?? 1,
    internal,
    ...(name === undefined ? {} : { name }),
    id: ctx.leafCount++,
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
    issue(ctx, [...path, key], 'undeclared_fact', `"${fact}" is not declared under "facts" or "parameters".`);
    return undefined;
  }
  if (rawPath === undefined) return { fact, parameter: !isFact };
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
  return { fact, path: rawPath, segments, parameter: !isFact };
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

  if ((factIsList || (LIST_FACT.has(base) && !swapped)) && type !== undefined && type !== 'array' && type !== 'parameter') {
    issue(ctx, [...path, 'operator'], 'operator_type_mismatch', `"${operatorName}" needs a list fact, but "${read.fact}" is a ${type}.`);
  }
  const needsListValue = valueIsList || (LIST_VALUE.has(base) && !swapped);
  if (needsListValue && valueType !== undefined && valueType !== 'array' && valueType !== 'string') {
    issue(ctx, [...path, 'value'], 'operator_type_mismatch', `"${operatorName}" compares against a list, such as ["a", "b"].`);
  }
  if (NUMERIC.has(base) && !factIsList && !swapped && type !== undefined && !['number', 'integer', 'date', 'parameter'].includes(type)) {
    issue(ctx, [...path, 'operator'], 'operator_type_mismatch', `"${operatorName}" compares numbers or dates, but "${read.fact}" is a ${type}.`);
  }
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

function unknownOperatorMessage(name: string): string {
  const parts = name.split(':');
  const base = parts[parts.length - 1] ?? '';
  const badDecorator = parts.slice(0, -1).find((d) => !KNOWN_DECORATORS.includes(d));
  if (badDecorator !== undefined) {
    return `"${badDecorator}" is not an operator decorator. Known decorators: ${KNOWN_DECORATORS.join(', ')}.`;
  }
  const close = KNOWN_OPERATORS.find((k) => k.toLowerCase() === base.toLowerCase());
  return close !== undefined
    ? `"${base}" is not an operator; did you mean "${close}"?`
    : `"${base}" is not an operator. Known operators: ${KNOWN_OPERATORS.join(', ')}.`;
}
