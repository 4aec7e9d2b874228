import { isOperatorError } from '../errors.js';
import type { CompiledRule, PolicyInternals } from '../policy/define.js';
import { sharedKey, type BoolNode, type CompiledNode, type FactRead, type LeafNode } from '../policy/compile.js';
import type { JsonValue } from '../policy/schema.js';
import { resolvePath } from '../policy/json-path.js';
import { factIndex } from './facts.js';
import { REDACTED, type BooleanTrace, type ConditionTrace, type LeafTrace, type Truth } from '../result/schema.js';

/**
 * The full trace of each shared condition in one evaluation, by {@link sharedKey}: what a
 * `repeated` stub stands for.
 * @internal
 */
export type SharedTraces = ReadonlyMap<string, BooleanTrace>;

export { sharedKey };

/**
 * Evaluation with three-valued logic and a complete trace.
 *
 * Every comparison is made by json-rules-engine's own operator objects, and the walk follows its
 * algorithm: children of an `all`/`any` are grouped by priority, the groups run highest first and
 * stop as soon as the result is settled (that is what `evaluated: false` records). Where
 * json-rules-engine would read a fact that was not given, this walk says `'unknown'` instead, and
 * `all`/`any`/`not` combine unknowns as Kleene logic does: false wins an `all`, true wins an `any`.
 * With every fact given, the rules that fire are exactly those `engine.run()` fires; the
 * differential property test in `test/core/differential.test.ts` holds us to that.
 *
 * A shared condition is evaluated once per call however often rules refer to it: the first
 * reference the walk reaches (rules in file order; inside a rule, json-rules-engine's order) is
 * traced in full, and every later one with the same `evaluated` is a {@link RepeatedTrace}
 * stub holding its result. A policy whose shared conditions refer to each other many times over
 * (a DAG) so costs time and trace in proportion to its size, not to the tree it unfolds to.
 * @internal
 */

/** The facts of one evaluation: given inputs and the policy's parameters. @internal */
export interface FactSource {
  /** Declared facts that were given, never null or undefined: `get` is `undefined` for the others. */
  readonly facts: Pick<ReadonlyMap<string, unknown>, 'get'>;
  readonly parameters: ReadonlyMap<string, unknown>;
}

/** The evaluation of one rule. @internal */
export interface RuleEvaluation {
  readonly rule: CompiledRule;
  readonly fired: Truth;
  readonly trace: ConditionTrace;
  /** The full traces of shared conditions that `repeated` stubs in `trace` stand for: one map per call. */
  readonly shared: SharedTraces;
}

/** The evaluation of a policy's rules. @internal */
export interface Evaluation {
  readonly rules: readonly RuleEvaluation[];
  /**
   * The facts (not parameters) that evaluated leaves read, in the order first read, with their
   * values; personal ones {@link REDACTED} when the evaluation redacts.
   */
  readonly factsUsed: Record<string, unknown>;
}

const UNKNOWN = Symbol('unknown');

interface Walk {
  readonly source: FactSource;
  readonly used: Record<string, unknown>;
  /** Whether the trace shows the values of personal facts as {@link REDACTED}. */
  readonly redact: boolean;
  readonly shared: Map<string, BooleanTrace>;
}

/**
 * Evaluates every rule of a policy against the facts.
 * @internal
 */
export function evaluateRules(
  rules: readonly CompiledRule[],
  source: FactSource,
  redact = false,
): Evaluation {
  const walk: Walk = { source, used: {}, redact, shared: new Map() };
  const results = rules.map((rule) => {
    const trace = evaluateNode(walk, rule.root, true);
    return { rule, fired: trace.result, trace, shared: walk.shared };
  });
  return { rules: results, factsUsed: walk.used };
}

/** Kleene conjunction. */
function and(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return true;
}

/** Kleene disjunction. */
function or(a: Truth, b: Truth): Truth {
  if (a === true || b === true) return true;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return false;
}

function negate(a: Truth): Truth {
  return a === 'unknown' ? 'unknown' : !a;
}

/** A node's trace; its `result` is the node's truth. */
function evaluateNode(walk: Walk, node: CompiledNode, evaluated: boolean): ConditionTrace {
  return node.kind === 'leaf' ? evaluateLeaf(walk, node, evaluated) : evaluateBoolean(walk, node, evaluated);
}

function evaluateBoolean(walk: Walk, node: BoolNode, evaluated: boolean): BooleanTrace {
  if (node.ref !== undefined) {
    // A shared condition's trace depends only on whether it was reached: its result is the same
    // wherever it stands.
    const key = node.sharedKeys === undefined ? sharedKey(node.ref, evaluated) : node.sharedKeys[evaluated ? 1 : 0];
    const full = walk.shared.get(key);
    if (full !== undefined) {
      const stub: BooleanTrace = { result: full.result, evaluated, condition: node.ref, repeated: true };
      if (node.internal) stub.internal = true;
      return stub;
    }
    const trace = traceBoolean(walk, node, evaluated);
    walk.shared.set(key, trace);
    return trace;
  }
  return traceBoolean(walk, node, evaluated);
}

function traceBoolean(walk: Walk, node: BoolNode, evaluated: boolean): BooleanTrace {
  const children = node.children;
  let truth: Truth;
  const traces: ConditionTrace[] = new Array(children.length);
  if (node.kind === 'not') {
    const child = evaluateNode(walk, children[0] as CompiledNode, evaluated);
    traces[0] = child;
    truth = negate(child.result);
  } else if (children.length === 0) {
    truth = true; // json-rules-engine: an empty all *or* any passes
  } else if (children.length === 1) {
    const child = evaluateNode(walk, children[0] as CompiledNode, evaluated);
    traces[0] = child;
    truth = child.result;
  } else {
    const isAll = node.kind === 'all';
    let cursor: Truth = isAll;
    for (const group of node.groups) {
      // json-rules-engine skips the remaining groups once the result is settled.
      const skip = isAll ? cursor === false : cursor === true;
      let groupTruth: Truth = isAll;
      for (const index of group) {
        const child = evaluateNode(walk, children[index] as CompiledNode, evaluated && !skip);
        traces[index] = child;
        groupTruth = isAll ? and(groupTruth, child.result) : or(groupTruth, child.result);
      }
      if (!skip) cursor = isAll ? and(cursor, groupTruth) : or(cursor, groupTruth);
    }
    truth = cursor;
  }
  const trace: BooleanTrace =
    node.kind === 'not' ? { not: traces[0] as ConditionTrace, result: truth, evaluated } : node.kind === 'all' ? { all: traces, result: truth, evaluated } : { any: traces, result: truth, evaluated };
  if (node.internal) trace.internal = true;
  if (node.name !== undefined) trace.name = node.name;
  if (node.ref !== undefined) trace.condition = node.ref;
  return trace;
}

function readValue(walk: Walk, read: FactRead, evaluated: boolean): unknown {
  let value: unknown;
  if (read.parameter) {
    value = walk.source.parameters.get(read.fact);
  } else {
    // A given fact is never undefined: one lookup tells whether it was given.
    value = walk.source.facts.get(read.fact);
    if (value === undefined) return UNKNOWN;
    if (evaluated) walk.used[read.fact] = walk.redact && read.personal ? REDACTED : value;
  }
  return read.segments === undefined ? value : resolvePath(value, read.segments);
}

function evaluateLeaf(walk: Walk, node: LeafNode, evaluated: boolean): LeafTrace {
  const actual = readValue(walk, node, evaluated);
  const expected = 'constant' in node.value ? node.value.constant : readValue(walk, node.value.read, evaluated);
  let truth: Truth;
  if (actual === UNKNOWN || expected === UNKNOWN) {
    truth = 'unknown';
  } else {
    try {
      truth = node.compare(actual, expected);
    } catch (error) {
      // A custom operator that misbehaves is the host's to hear of, not a false condition.
      if (isOperatorError(error)) throw error;
      truth = false; // an operand json-rules-engine cannot compare (e.g. `in` against a non-list)
    }
  }
  const hasExpected = expected !== UNKNOWN && expected !== undefined;
  const hasActual = actual !== UNKNOWN && actual !== undefined;
  // A constant compared with a personal fact reveals that fact's value when they match.
  const expectedPersonal = 'read' in node.value ? node.value.read.personal : node.personal;
  const shownExpected = (hasExpected && walk.redact && expectedPersonal ? REDACTED : expected) as JsonValue;
  const shownActual = (hasActual && walk.redact && node.personal ? REDACTED : actual) as JsonValue;
  let trace: LeafTrace;
  if (hasExpected && hasActual && node.path === undefined && node.params === undefined && 'constant' in node.value) {
    // The common leaf in one literal: the same keys in the same order as below, without
    // growing the object key by key.
    trace = { fact: node.fact, operator: node.operator, result: truth, evaluated, expected: shownExpected, actual: shownActual };
  } else {
    trace = { fact: node.fact, operator: node.operator, result: truth, evaluated };
    if (node.path !== undefined) trace.path = node.path;
    if (node.params !== undefined) trace.params = node.params;
    if ('read' in node.value) trace.expectedFact = node.value.read.fact;
    if (hasExpected) trace.expected = shownExpected;
    if (hasActual) trace.actual = shownActual;
  }
  if (node.internal) trace.internal = true;
  if (node.name !== undefined) trace.name = node.name;
  if (node.ref !== undefined) trace.condition = node.ref;
  return trace;
}

/**
 * Counts the work of a search: one step per condition node looked at.
 * @internal
 */
export interface Meter {
  steps: number;
}

/**
 * The truth of a condition tree on a set of facts, as {@link evaluateRules} finds it, without
 * a trace: for the counterfactual search, which tries many fact sets and needs only outcomes.
 * A settled `all`/`any` stops here, where the trace would still record the skipped groups.
 * `test/core/three-valued.test.ts` holds the two to the same truth. `memo` keeps the truth of
 * each shared condition met (pass one map per set of facts), so each is evaluated once;
 * `meter` counts the nodes looked at.
 * @internal
 */
export function truthOf(node: CompiledNode, source: FactSource, memo: Map<string, Truth> = new Map(), meter?: Meter): Truth {
  if (meter !== undefined) meter.steps++;
  if (node.kind === 'leaf') {
    const actual = valueOf(node, source);
    const expected = 'constant' in node.value ? node.value.constant : valueOf(node.value.read, source);
    if (actual === UNKNOWN || expected === UNKNOWN) return 'unknown';
    try {
      return node.compare(actual, expected);
    } catch (error) {
      if (isOperatorError(error)) throw error;
      return false;
    }
  }
  if (node.ref !== undefined) {
    const known = memo.get(node.ref);
    if (known !== undefined) return known;
  }
  const children = node.children;
  let cursor: Truth;
  if (node.kind === 'not') {
    cursor = negate(truthOf(children[0] as CompiledNode, source, memo, meter));
  } else {
    // json-rules-engine: an empty all *or* any passes
    const isAll = node.kind === 'all';
    cursor = children.length === 0 || isAll;
    for (const group of node.groups) {
      if (isAll ? cursor === false : cursor === true) break;
      let groupTruth: Truth = isAll;
      for (const index of group) {
        const child = truthOf(children[index] as CompiledNode, source, memo, meter);
        groupTruth = isAll ? and(groupTruth, child) : or(groupTruth, child);
      }
      cursor = isAll ? and(cursor, groupTruth) : or(cursor, groupTruth);
    }
  }
  if (node.ref !== undefined) memo.set(node.ref, cursor);
  return cursor;
}

/** A fact or parameter's value, or {@link UNKNOWN}; as `readValue` without recording the read. */
function valueOf(read: FactRead, source: FactSource): unknown {
  const value = read.parameter ? source.parameters.get(read.fact) : source.facts.get(read.fact);
  if (value === undefined && !read.parameter) return UNKNOWN;
  return read.segments === undefined ? value : resolvePath(value, read.segments);
}

/**
 * The facts one compiled truth ({@link TruthProgram}) reads, and its working state: `given` seen
 * through at most two changed facts (`fact1`/`fact2`, unset as `undefined`), not copied. One
 * scope serves a whole search: it is reset between sets of facts by {@link nextFacts}.
 * @internal
 */
export interface TruthScope {
  readonly given: Pick<ReadonlyMap<string, unknown>, 'get'>;
  fact1: string | undefined;
  value1: unknown;
  fact2: string | undefined;
  value2: unknown;
  /** The nodes looked at, as {@link truthOf}'s `meter` counts them. */
  steps: number;
  /** The set of facts the memo is valid for: a shared condition's truth counts where `memoAt` holds it. */
  generation: number;
  readonly memoAt: number[];
  readonly memo: Truth[];
}

/** One node's truth on a scope's facts. @internal */
export type TruthFn = (scope: TruthScope) => Truth;

/**
 * Each rule's condition tree made into functions once per policy, for a search that evaluates
 * many sets of facts: the same truth and the same count of nodes looked at as {@link truthOf}
 * (with one memo per set of facts), without walking the tree's data. Shared conditions are
 * numbered (`slots`), so their memo is an array. `test/explain/counterfactuals-fast.test.ts`
 * holds the two to the same truths and steps.
 * @internal
 */
export interface TruthProgram {
  readonly rules: readonly TruthFn[];
  /** How many shared conditions the memo has room for. */
  readonly slots: number;
}

/** The {@link TruthProgram} of `rules`, their parameters read once (a policy's never change). @internal */
export function truthProgram(rules: readonly CompiledRule[], parameters: ReadonlyMap<string, unknown>): TruthProgram {
  const shared = new Map<string, TruthFn>();
  const compiled = rules.map((rule) => truthFnOf(rule.root, parameters, shared));
  return { rules: compiled, slots: shared.size };
}

/** A scope on `given`, nothing changed, for a program of `slots` shared conditions. @internal */
export function truthScope(given: Pick<ReadonlyMap<string, unknown>, 'get'>, slots: number): TruthScope {
  const memoAt: number[] = [];
  const memo: Truth[] = [];
  for (let i = 0; i < slots; i++) {
    memoAt.push(0);
    memo.push(false);
  }
  return { given, fact1: undefined, value1: undefined, fact2: undefined, value2: undefined, steps: 0, generation: 1, memoAt, memo };
}

/** Sets a scope to `given` with up to two facts changed: shared conditions are evaluated anew. @internal */
export function nextFacts(scope: TruthScope, fact1: string, value1: unknown, fact2?: string, value2?: unknown): void {
  scope.fact1 = fact1;
  scope.value1 = value1;
  scope.fact2 = fact2;
  scope.value2 = value2;
  scope.generation++;
}

/**
 * A node's truth function; a shared condition's is made once (in `shared`, by name) and serves
 * every reference to it, as the references share their condition's nodes.
 */
function truthFnOf(node: CompiledNode, parameters: ReadonlyMap<string, unknown>, shared: Map<string, TruthFn>): TruthFn {
  if (node.kind === 'leaf') return leafTruthFn(node, parameters);
  if (node.ref === undefined) return boolTruthFn(node, parameters, shared);
  let fn = shared.get(node.ref);
  if (fn === undefined) {
    // Its slot is taken before the conditions it refers to take theirs (shared conditions never refer back).
    const slot = shared.size;
    shared.set(node.ref, PENDING);
    fn = boolTruthFn(node, parameters, shared, slot);
    shared.set(node.ref, fn);
  }
  return fn;
}

const PENDING: TruthFn = () => {
  throw new Error('A shared condition refers to itself.');
};

function boolTruthFn(node: BoolNode, parameters: ReadonlyMap<string, unknown>, shared: Map<string, TruthFn>, slot?: number): TruthFn {
  const children = node.children.map((child) => truthFnOf(child, parameters, shared));
  // Each function counts its own node; a shared condition's counts it whether remembered or not.
  let body: TruthFn;
  if (node.kind === 'not') {
    const child = children[0] as TruthFn;
    body = (scope) => {
      scope.steps++;
      const truth = child(scope);
      return truth === 'unknown' ? 'unknown' : !truth;
    };
  } else if (children.length === 0) {
    body = (scope) => {
      scope.steps++;
      return true; // json-rules-engine: an empty all *or* any passes
    };
  } else if (node.groups.length === 1) {
    // One group (no priorities among the children): every child, in Kleene logic.
    const group = (node.groups[0] as readonly number[]).map((index) => children[index] as TruthFn);
    body =
      node.kind === 'all'
        ? (scope) => {
            scope.steps++;
            let unknown = false;
            let failed = false;
            for (let i = 0; i < group.length; i++) {
              const truth = (group[i] as TruthFn)(scope);
              if (truth === false) failed = true;
              else if (truth === 'unknown') unknown = true;
            }
            return failed ? false : unknown ? 'unknown' : true;
          }
        : (scope) => {
            scope.steps++;
            let unknown = false;
            let held = false;
            for (let i = 0; i < group.length; i++) {
              const truth = (group[i] as TruthFn)(scope);
              if (truth === true) held = true;
              else if (truth === 'unknown') unknown = true;
            }
            return held ? true : unknown ? 'unknown' : false;
          };
  } else {
    // As truthOf: the groups in turn until the result is settled, every child of a group.
    const groups = node.groups.map((group) => group.map((index) => children[index] as TruthFn));
    body =
      node.kind === 'all'
        ? (scope) => {
            scope.steps++;
            let cursor: Truth = true;
            for (let g = 0; g < groups.length; g++) {
              if (cursor === false) break;
              const group = groups[g] as TruthFn[];
              let groupTruth: Truth = true;
              for (let i = 0; i < group.length; i++) groupTruth = and(groupTruth, (group[i] as TruthFn)(scope));
              cursor = and(cursor, groupTruth);
            }
            return cursor;
          }
        : (scope) => {
            scope.steps++;
            let cursor: Truth = false;
            for (let g = 0; g < groups.length; g++) {
              if (cursor === true) break;
              const group = groups[g] as TruthFn[];
              let groupTruth: Truth = false;
              for (let i = 0; i < group.length; i++) groupTruth = or(groupTruth, (group[i] as TruthFn)(scope));
              cursor = or(cursor, groupTruth);
            }
            return cursor;
          };
  }
  if (slot === undefined) return body;
  const at = slot;
  return (scope) => {
    if (scope.memoAt[at] === scope.generation) {
      scope.steps++;
      return scope.memo[at] as Truth;
    }
    const truth = body(scope);
    scope.memoAt[at] = scope.generation;
    scope.memo[at] = truth;
    return truth;
  };
}

/** A read of a fact or parameter, or {@link UNKNOWN}; as {@link valueOf}, a parameter read once. */
function readFn(read: FactRead, parameters: ReadonlyMap<string, unknown>): (scope: TruthScope) => unknown {
  const segments = read.segments;
  if (read.parameter) {
    const whole = parameters.get(read.fact);
    const value = segments === undefined ? whole : resolvePath(whole, segments);
    return () => value;
  }
  const name = read.fact;
  if (segments === undefined) {
    return (scope) => {
      const value = name === scope.fact1 ? scope.value1 : name === scope.fact2 ? scope.value2 : scope.given.get(name);
      return value === undefined ? UNKNOWN : value;
    };
  }
  return (scope) => {
    const value = name === scope.fact1 ? scope.value1 : name === scope.fact2 ? scope.value2 : scope.given.get(name);
    return value === undefined ? UNKNOWN : resolvePath(value, segments);
  };
}

function leafTruthFn(node: LeafNode, parameters: ReadonlyMap<string, unknown>): TruthFn {
  const actualOf = readFn(node, parameters);
  const compare = node.compare;
  const check = (actual: unknown, expected: unknown): Truth => {
    try {
      return compare(actual, expected);
    } catch (error) {
      if (isOperatorError(error)) throw error;
      return false;
    }
  };
  if ('constant' in node.value && !node.parameter && node.segments === undefined) {
    // The common comparison: a fact read whole against a constant.
    const expected = node.value.constant;
    const name = node.fact;
    return (scope) => {
      scope.steps++;
      const actual = name === scope.fact1 ? scope.value1 : name === scope.fact2 ? scope.value2 : scope.given.get(name);
      return actual === undefined ? 'unknown' : check(actual, expected);
    };
  }
  if ('constant' in node.value) {
    const expected = node.value.constant;
    return (scope) => {
      scope.steps++;
      const actual = actualOf(scope);
      return actual === UNKNOWN ? 'unknown' : check(actual, expected);
    };
  }
  const expectedOf = readFn(node.value.read, parameters);
  return (scope) => {
    scope.steps++;
    const actual = actualOf(scope);
    if (actual === UNKNOWN) return 'unknown';
    const expected = expectedOf(scope);
    return expected === UNKNOWN ? 'unknown' : check(actual, expected);
  };
}

/**
 * The full traces of shared conditions in a call's rule traces (a result's `trace`, read back):
 * what its `repeated` stubs stand for.
 * @internal
 */
export function sharedTracesOf(traces: readonly ConditionTrace[]): SharedTraces {
  const shared = new Map<string, BooleanTrace>();
  const stack = [...traces];
  while (stack.length > 0) {
    const node = stack.pop() as ConditionTrace;
    if ('fact' in node) continue;
    if (node.condition !== undefined && node.repeated !== true) shared.set(sharedKey(node.condition, node.evaluated), node);
    if (node.not !== undefined) stack.push(node.not);
    else for (const child of node.all ?? node.any ?? []) stack.push(child);
  }
  return shared;
}

/**
 * The trace a node stands for: a `repeated` stub's full trace, any other node itself; `undefined`
 * for a shared condition already walked (`seen`, with `tag` telling walks apart), so each is
 * walked once.
 * @internal
 */
export function resolve(node: ConditionTrace, shared: SharedTraces | undefined, seen: Set<string>, tag = ''): ConditionTrace | undefined {
  if ('fact' in node || node.condition === undefined || shared === undefined) return node;
  const key = sharedKey(node.condition, node.evaluated);
  if (seen.has(key + tag)) return undefined;
  seen.add(key + tag);
  return node.repeated === true ? shared.get(key) : node;
}

/**
 * The leaves of a trace, in order; with `shared` (the evaluation's), the leaves of a shared
 * condition are listed once, where it is first met, whether in full or as a `repeated` stub;
 * `meter` counts the nodes looked at.
 * @internal
 */
export function leavesOf(trace: ConditionTrace, shared?: SharedTraces, meter?: Meter): LeafTrace[] {
  const out: LeafTrace[] = [];
  let seen: Set<string> | undefined;
  const stack: ConditionTrace[] = [trace];
  while (stack.length > 0) {
    if (meter !== undefined) meter.steps++;
    let node: ConditionTrace | undefined = stack.pop() as ConditionTrace;
    if (!('fact' in node) && node.condition !== undefined) {
      seen ??= new Set();
      node = resolve(node, shared, seen);
      if (node === undefined) continue;
    }
    if ('fact' in node) out.push(node);
    else if (node.not !== undefined) stack.push(node.not);
    else {
      const list = node.all ?? node.any ?? [];
      for (let i = list.length - 1; i >= 0; i--) stack.push(list[i] as ConditionTrace);
    }
  }
  return out;
}

/**
 * The leaves that made a node come out as `want`: for an `all` that holds, every child; for an
 * `any` that holds, the children that hold; through a `not`, the child's leaves with the
 * opposite wish. With `shared`, as for {@link leavesOf}: each shared condition once per wish;
 * `meter` counts the nodes looked at.
 * @internal
 */
export function decisiveLeaves(trace: ConditionTrace, want: Truth, shared?: SharedTraces, meter?: Meter): LeafTrace[] {
  const out: LeafTrace[] = [];
  collectDecisive(trace, want, { shared, meter, seen: undefined }, out);
  return out;
}

/** The walk of {@link decisiveLeaves}; its set of shared conditions seen is made when first needed. */
function collectDecisive(
  trace: ConditionTrace,
  want: Truth,
  walk: { readonly shared: SharedTraces | undefined; readonly meter: Meter | undefined; seen: Set<string> | undefined },
  out: LeafTrace[],
): void {
  if (walk.meter !== undefined) walk.meter.steps++;
  if ('fact' in trace) {
    if (trace.result === want) out.push(trace);
    return;
  }
  let node: ConditionTrace | undefined = trace;
  if (trace.condition !== undefined && walk.shared !== undefined) {
    walk.seen ??= new Set();
    node = resolve(trace, walk.shared, walk.seen, String(want));
    if (node === undefined || 'fact' in node) return;
  }
  if (node.not !== undefined) {
    collectDecisive(node.not, negate(want), walk, out);
    return;
  }
  const list = node.all ?? node.any ?? [];
  const isAll = node.all !== undefined;
  // An all that holds needs every child; an any that fails needs every child too.
  const needsEvery = (isAll && want === true) || (!isAll && want === false);
  for (const child of list) if (needsEvery || child.result === want) collectDecisive(child, want, walk, out);
}

/**
 * One node's trace on a call's facts, as {@link evaluateRules}'s walk makes it: a function made
 * once per policy ({@link tracedProgram}).
 */
type TraceFn = (walk: TraceWalk, evaluated: boolean) => ConditionTrace;

/** The state of one traced evaluation: {@link Walk} without the parameters, read at compile time. */
interface TraceWalk {
  /** The given facts by declaration index, as `readFactValues` reads them: `undefined` when not given. */
  readonly values: readonly unknown[];
  readonly used: Record<string, unknown>;
  readonly redact: boolean;
  readonly shared: Map<string, BooleanTrace>;
}

/**
 * A policy's rules made into trace functions once: {@link evaluateProgram} gives the very
 * evaluation {@link evaluateRules} gives (the same traces, key for key, the same facts used in
 * the same order), without walking the tree's data or dispatching on node kinds, parameters
 * read once. `test/core/decide-fast.test.ts` holds the two to the same evaluations.
 * @internal
 */
export interface TracedProgram {
  readonly rules: readonly CompiledRule[];
  readonly fns: readonly TraceFn[];
  /** Whether any rule refers to a shared condition: else a call needs no map of shared traces. */
  readonly hasShared: boolean;
  /** Where each declared fact is in a list of fact values (`readFactValues`). */
  readonly factIndex: ReadonlyMap<string, number>;
}

/** What the making of a {@link TracedProgram} keeps: whether it met a shared condition, and where each fact is given. */
interface Compiling {
  hasShared: boolean;
  readonly factIndex: ReadonlyMap<string, number>;
}

/** A map of shared traces that stays empty: for a policy without shared conditions. */
const NO_SHARED: Map<string, BooleanTrace> = new Map();

/** The {@link TracedProgram} of `rules`, their parameters read once (a policy's never change). @internal */
export function tracedProgram(rules: readonly CompiledRule[], parameters: ReadonlyMap<string, unknown>, factIndex: ReadonlyMap<string, number>): TracedProgram {
  const made = new Map<CompiledNode, TraceFn>();
  const state: Compiling = { hasShared: false, factIndex };
  const fns = rules.map((rule) => traceFnOf(rule.root, parameters, made, state));
  return { rules, fns, hasShared: state.hasShared, factIndex };
}

/** The policy's rules made into trace functions, once per policy (`internals.traced`). @internal */
export function tracedProgramOf(internals: PolicyInternals): TracedProgram {
  return (internals.traced ??= tracedProgram(internals.rules, internals.parameters, factIndex(internals.document)));
}

/** Evaluates every rule of a {@link TracedProgram}: what {@link evaluateRules} returns for its rules. @internal */
export function evaluateProgram(program: TracedProgram, values: readonly unknown[], redact = false): Evaluation {
  const walk: TraceWalk = { values, used: {}, redact, shared: program.hasShared ? new Map() : NO_SHARED };
  const fns = program.fns;
  const rules = program.rules;
  const results: RuleEvaluation[] = new Array(fns.length);
  for (let i = 0; i < fns.length; i++) {
    const trace = (fns[i] as TraceFn)(walk, true);
    results[i] = { rule: rules[i] as CompiledRule, fired: trace.result, trace, shared: walk.shared };
  }
  return { rules: results, factsUsed: walk.used };
}

/** One rule's entry in a result's `trace`, as {@link runProgram} makes it. @internal */
export interface RuleRun {
  readonly rule: string;
  readonly priority: number;
  readonly outcome: string;
  readonly fired: Truth;
  readonly conditions: ConditionTrace;
}

/** The traces of a {@link TracedProgram}'s rules on one call's facts, as {@link runProgram} makes them. @internal */
export interface ProgramRun {
  /** Each rule's entry of a result's `trace`, in the program's order. */
  readonly rules: RuleRun[];
  readonly factsUsed: Record<string, unknown>;
  /** The full traces of shared conditions that `repeated` stubs in the traces stand for. */
  readonly shared: SharedTraces;
}

/**
 * The rule traces of a {@link TracedProgram}, each straight in its entry of a result's `trace`
 * (`{ rule, priority, outcome, fired, conditions }`), without a {@link RuleEvaluation} for each:
 * what {@link evaluateProgram} holds, for `decide`.
 * @internal
 */
export function runProgram(program: TracedProgram, values: readonly unknown[], redact = false): ProgramRun {
  const walk: TraceWalk = { values, used: {}, redact, shared: program.hasShared ? new Map() : NO_SHARED };
  const fns = program.fns;
  const rules = program.rules;
  const runs: RuleRun[] = new Array(fns.length);
  for (let i = 0; i < fns.length; i++) {
    const rule = rules[i] as CompiledRule;
    const conditions = (fns[i] as TraceFn)(walk, true);
    runs[i] = { rule: rule.name, priority: rule.priority, outcome: rule.outcome, fired: conditions.result, conditions };
  }
  return { rules: runs, factsUsed: walk.used, shared: walk.shared };
}

/** A node's trace function; a node met again (the nodes of a shared condition) gets the one made. */
function traceFnOf(node: CompiledNode, parameters: ReadonlyMap<string, unknown>, made: Map<CompiledNode, TraceFn>, state: Compiling): TraceFn {
  let fn = made.get(node);
  if (fn === undefined) {
    fn = node.kind === 'leaf' ? leafTraceFn(node, parameters, state.factIndex) : boolTraceFn(node, parameters, made, state);
    made.set(node, fn);
  }
  return fn;
}

/** Adds a node's `internal`, `name` and `condition` to its trace, as the walk does last. */
function extrasOf(node: CompiledNode): ((trace: ConditionTrace) => ConditionTrace) | undefined {
  const internal = node.internal;
  const name = node.name;
  const ref = node.ref;
  if (!internal && name === undefined && ref === undefined) return undefined;
  return (trace) => {
    if (internal) trace.internal = true;
    if (name !== undefined) trace.name = name;
    if (ref !== undefined) trace.condition = ref;
    return trace;
  };
}

function boolTraceFn(node: BoolNode, parameters: ReadonlyMap<string, unknown>, made: Map<CompiledNode, TraceFn>, state: Compiling): TraceFn {
  const children = node.children.map((child) => traceFnOf(child, parameters, made, state));
  const extras = extrasOf(node);
  const kind = node.kind;
  let body: TraceFn;
  if (kind === 'not') {
    const child = children[0] as TraceFn;
    body = (walk, evaluated) => {
      const trace = child(walk, evaluated);
      const truth = trace.result;
      return { not: trace, result: truth === 'unknown' ? 'unknown' : !truth, evaluated };
    };
  } else if (children.length === 0) {
    // json-rules-engine: an empty all *or* any passes
    body = kind === 'all' ? (_walk, evaluated) => ({ all: [], result: true, evaluated }) : (_walk, evaluated) => ({ any: [], result: true, evaluated });
  } else if (children.length === 1) {
    const child = children[0] as TraceFn;
    body =
      kind === 'all'
        ? (walk, evaluated) => {
            const trace = child(walk, evaluated);
            return { all: [trace], result: trace.result, evaluated };
          }
        : (walk, evaluated) => {
            const trace = child(walk, evaluated);
            return { any: [trace], result: trace.result, evaluated };
          };
  } else if (node.groups.length === 1) {
    // One group (no priorities among the children): every child, in file order, in Kleene logic.
    const group = node.groups[0] as readonly number[];
    const count = children.length;
    const inOrder = group.every((index, i) => index === i);
    if (!inOrder) body = groupedTraceFn(node, children);
    else
      body =
        kind === 'all'
          ? (walk, evaluated) => {
              const traces: ConditionTrace[] = new Array(count);
              let unknown = false;
              let failed = false;
              for (let i = 0; i < count; i++) {
                const trace = (children[i] as TraceFn)(walk, evaluated);
                traces[i] = trace;
                const truth = trace.result;
                if (truth === false) failed = true;
                else if (truth === 'unknown') unknown = true;
              }
              return { all: traces, result: failed ? false : unknown ? 'unknown' : true, evaluated };
            }
          : (walk, evaluated) => {
              const traces: ConditionTrace[] = new Array(count);
              let unknown = false;
              let held = false;
              for (let i = 0; i < count; i++) {
                const trace = (children[i] as TraceFn)(walk, evaluated);
                traces[i] = trace;
                const truth = trace.result;
                if (truth === true) held = true;
                else if (truth === 'unknown') unknown = true;
              }
              return { any: traces, result: held ? true : unknown ? 'unknown' : false, evaluated };
            };
  } else {
    body = groupedTraceFn(node, children);
  }
  const full: TraceFn = extras === undefined ? body : (walk, evaluated) => extras(body(walk, evaluated));
  const ref = node.ref;
  if (ref === undefined) return full;
  state.hasShared = true;
  // A shared condition's trace depends only on whether it was reached: the first reference the
  // walk reaches is traced in full, every later one is a stub holding its result.
  const [notReached, reached] = node.sharedKeys ?? [sharedKey(ref, false), sharedKey(ref, true)];
  const internal = node.internal;
  return (walk, evaluated) => {
    const key = evaluated ? reached : notReached;
    const known = walk.shared.get(key);
    if (known !== undefined) {
      const stub: BooleanTrace = { result: known.result, evaluated, condition: ref, repeated: true };
      if (internal) stub.internal = true;
      return stub;
    }
    const trace = full(walk, evaluated) as BooleanTrace;
    walk.shared.set(key, trace);
    return trace;
  };
}

/** An `all`/`any` whose children run in priority groups: as `traceBoolean`, group by group. */
function groupedTraceFn(node: BoolNode, children: readonly TraceFn[]): TraceFn {
  const isAll = node.kind === 'all';
  const groups = node.groups.map((group) => [...group]);
  const count = children.length;
  return (walk, evaluated) => {
    const traces: ConditionTrace[] = new Array(count);
    let cursor: Truth = isAll;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as number[];
      // json-rules-engine skips the remaining groups once the result is settled.
      const skip = isAll ? cursor === false : cursor === true;
      let groupTruth: Truth = isAll;
      for (let i = 0; i < group.length; i++) {
        const index = group[i] as number;
        const trace = (children[index] as TraceFn)(walk, evaluated && !skip);
        traces[index] = trace;
        groupTruth = isAll ? and(groupTruth, trace.result) : or(groupTruth, trace.result);
      }
      if (!skip) cursor = isAll ? and(cursor, groupTruth) : or(cursor, groupTruth);
    }
    return isAll ? { all: traces, result: cursor, evaluated } : { any: traces, result: cursor, evaluated };
  };
}

/** A read of a fact or parameter as `readValue` makes it (recording a fact read), a parameter read once. */
function traceReadFn(read: FactRead, parameters: ReadonlyMap<string, unknown>, factIndex: ReadonlyMap<string, number>): (walk: TraceWalk, evaluated: boolean) => unknown {
  const segments = read.segments;
  if (read.parameter) {
    const whole = parameters.get(read.fact);
    const value = segments === undefined ? whole : resolvePath(whole, segments);
    return () => value;
  }
  const name = read.fact;
  const personal = read.personal;
  const slot = factIndex.get(name);
  // A fact not declared is never given.
  if (slot === undefined) return () => UNKNOWN;
  return (walk, evaluated) => {
    const value = walk.values[slot];
    if (value === undefined) return UNKNOWN;
    if (evaluated) walk.used[name] = walk.redact && personal ? REDACTED : value;
    return segments === undefined ? value : resolvePath(value, segments);
  };
}

function leafTraceFn(node: LeafNode, parameters: ReadonlyMap<string, unknown>, factIndex: ReadonlyMap<string, number>): TraceFn {
  const slot = factIndex.get(node.fact);
  const compare = node.compare;
  const fact = node.fact;
  const operator = node.operator;
  const personal = node.personal;
  const extras = extrasOf(node);
  const check = (actual: unknown, expected: unknown): Truth => {
    try {
      return compare(actual, expected);
    } catch (error) {
      // A custom operator that misbehaves is the host's to hear of, not a false condition.
      if (isOperatorError(error)) throw error;
      return false; // an operand json-rules-engine cannot compare (e.g. `in` against a non-list)
    }
  };
  const failed = (error: unknown): false => {
    if (isOperatorError(error)) throw error;
    return false;
  };
  if (slot !== undefined && 'constant' in node.value && node.value.constant !== undefined && !node.parameter && node.segments === undefined && node.path === undefined && node.params === undefined) {
    // The common comparison: a fact read whole against a constant, in one literal each way.
    const expected = node.value.constant;
    const body: TraceFn = (walk, evaluated) => {
      const actual = walk.values[slot];
      const hide = walk.redact && personal;
      if (actual === undefined) return { fact, operator, result: 'unknown', evaluated, expected: hide ? REDACTED : expected };
      if (evaluated) walk.used[fact] = hide ? REDACTED : actual;
      let truth: Truth;
      try {
        truth = compare(actual, expected);
      } catch (error) {
        truth = failed(error);
      }
      return { fact, operator, result: truth, evaluated, expected: hide ? REDACTED : expected, actual: (hide ? REDACTED : actual) as JsonValue };
    };
    return extras === undefined ? body : (walk, evaluated) => extras(body(walk, evaluated));
  }
  if (
    slot !== undefined &&
    'read' in node.value &&
    node.value.read.parameter &&
    node.value.read.segments === undefined &&
    parameters.get(node.value.read.fact) !== undefined &&
    !node.parameter &&
    node.segments === undefined &&
    node.path === undefined &&
    node.params === undefined
  ) {
    // A fact read whole against a parameter (a policy's limit): the parameter read once.
    const expectedFact = node.value.read.fact;
    const expected = parameters.get(expectedFact) as JsonValue;
    const expectedPersonal = node.value.read.personal;
    const body: TraceFn = (walk, evaluated) => {
      const actual = walk.values[slot];
      const shownExpected = walk.redact && expectedPersonal ? REDACTED : expected;
      if (actual === undefined) return { fact, operator, result: 'unknown', evaluated, expectedFact, expected: shownExpected };
      const hide = walk.redact && personal;
      if (evaluated) walk.used[fact] = hide ? REDACTED : actual;
      let truth: Truth;
      try {
        truth = compare(actual, expected);
      } catch (error) {
        truth = failed(error);
      }
      return { fact, operator, result: truth, evaluated, expectedFact, expected: shownExpected, actual: (hide ? REDACTED : actual) as JsonValue };
    };
    return extras === undefined ? body : (walk, evaluated) => extras(body(walk, evaluated));
  }
  const otherSlot = 'read' in node.value && !node.value.read.parameter ? factIndex.get(node.value.read.fact) : undefined;
  if (
    slot !== undefined &&
    otherSlot !== undefined &&
    'read' in node.value &&
    node.value.read.segments === undefined &&
    !node.parameter &&
    node.segments === undefined &&
    node.path === undefined &&
    node.params === undefined
  ) {
    // A fact read whole against another fact read whole: both recorded as read, in that order.
    const expectedFact = node.value.read.fact;
    const expectedPersonal = node.value.read.personal;
    const body: TraceFn = (walk, evaluated) => {
      const actual = walk.values[slot];
      const expected = walk.values[otherSlot];
      const redact = walk.redact;
      if (evaluated) {
        if (actual !== undefined) walk.used[fact] = redact && personal ? REDACTED : actual;
        if (expected !== undefined) walk.used[expectedFact] = redact && expectedPersonal ? REDACTED : expected;
      }
      if (actual === undefined) {
        return expected === undefined
          ? { fact, operator, result: 'unknown', evaluated, expectedFact }
          : { fact, operator, result: 'unknown', evaluated, expectedFact, expected: (redact && expectedPersonal ? REDACTED : expected) as JsonValue };
      }
      const shownActual = (redact && personal ? REDACTED : actual) as JsonValue;
      if (expected === undefined) return { fact, operator, result: 'unknown', evaluated, expectedFact, actual: shownActual };
      let truth: Truth;
      try {
        truth = compare(actual, expected);
      } catch (error) {
        truth = failed(error);
      }
      return { fact, operator, result: truth, evaluated, expectedFact, expected: (redact && expectedPersonal ? REDACTED : expected) as JsonValue, actual: shownActual };
    };
    return extras === undefined ? body : (walk, evaluated) => extras(body(walk, evaluated));
  }
  const actualOf = traceReadFn(node, parameters, factIndex);
  const constant = 'constant' in node.value;
  const constantValue = 'constant' in node.value ? node.value.constant : undefined;
  const expectedOf = 'read' in node.value ? traceReadFn(node.value.read, parameters, factIndex) : undefined;
  const expectedFact = 'read' in node.value ? node.value.read.fact : undefined;
  // A constant compared with a personal fact reveals that fact's value when they match.
  const expectedPersonal = 'read' in node.value ? node.value.read.personal : personal;
  const path = node.path;
  const params = node.params;
  const plain = path === undefined && params === undefined && constant;
  return (walk, evaluated) => {
    const actual = actualOf(walk, evaluated);
    const expected = expectedOf === undefined ? constantValue : expectedOf(walk, evaluated);
    const truth: Truth = actual === UNKNOWN || expected === UNKNOWN ? 'unknown' : check(actual, expected);
    const hasExpected = expected !== UNKNOWN && expected !== undefined;
    const hasActual = actual !== UNKNOWN && actual !== undefined;
    const shownExpected = (hasExpected && walk.redact && expectedPersonal ? REDACTED : expected) as JsonValue;
    const shownActual = (hasActual && walk.redact && personal ? REDACTED : actual) as JsonValue;
    let trace: LeafTrace;
    if (hasExpected && hasActual && plain) {
      trace = { fact, operator, result: truth, evaluated, expected: shownExpected, actual: shownActual };
    } else {
      trace = { fact, operator, result: truth, evaluated };
      if (path !== undefined) trace.path = path;
      if (params !== undefined) trace.params = params;
      if (expectedFact !== undefined) trace.expectedFact = expectedFact;
      if (hasExpected) trace.expected = shownExpected;
      if (hasActual) trace.actual = shownActual;
    }
    return extras === undefined ? trace : extras(trace);
  };
}
