import OperatorMapModule from 'json-rules-engine/dist/operator-map.js';
import defaultOperatorsModule from 'json-rules-engine/dist/engine-default-operators.js';
import defaultDecoratorsModule from 'json-rules-engine/dist/engine-default-operator-decorators.js';
import type { EngineOperator } from './compile.js';
import type { RegisteredOperator } from './custom-operators.js';

/**
 * json-rules-engine's operators, without its `Engine`.
 *
 * An `Engine` builds its operator map from three modules: the `OperatorMap` class, the default
 * operators and the default decorators. Loading those three directly gives the very same
 * operator objects while leaving the rest of json-rules-engine (and eventemitter2, jsonpath-plus,
 * hash-it, clone) out of a browser bundle. Those files are no public API, so package.json pins
 * json-rules-engine's exact version; `test/core/json-rules-engine-pin.test.ts` fails loudly when
 * another version is installed or the files move, and `test/core/operators.test.ts` compares
 * the result with `new Engine().operators`, so an upgrade that changes them shows.
 * @internal
 */

/** Looks an operator up by name, decorators included (`everyFact:greaterThan`); `null` when unknown. @internal */
export interface OperatorLookup {
  get(name: string): EngineOperator | null;
}

/**
 * The default export of a CommonJS module with `exports.default`: bundlers and the CJS build
 * hand over `exports.default`, while Node's ESM loader hands over `module.exports` itself.
 */
function defaultOf<T>(module: T): T {
  const m = module as unknown as { default?: T } | null;
  return m !== null && typeof m === 'object' && !Array.isArray(m) && m.default !== undefined ? m.default : module;
}

/**
 * A fresh operator map as `new Engine()` has it, with the policy's custom operators added as
 * `engine.addOperator` adds them. Fresh per policy, because json-rules-engine's map caches every
 * decorated operator it is asked for, and a policy's custom operators are its own.
 * @internal
 */
export function createOperatorMap(custom: Iterable<RegisteredOperator> = []): OperatorLookup {
  const OperatorMap = defaultOf(OperatorMapModule);
  const map = new OperatorMap();
  for (const operator of defaultOf(defaultOperatorsModule)) map.addOperator(operator);
  for (const decorator of defaultOf(defaultDecoratorsModule)) map.addOperatorDecorator(decorator);
  for (const operator of custom) map.addOperator(operator.name, operator.compare);
  return map;
}

/** What json-rules-engine's `Operator` holds besides its name: the callback and the validator. */
interface OperatorParts {
  readonly cb?: (factValue: unknown, compareTo: unknown) => unknown;
  readonly factValueValidator?: (factValue: unknown) => unknown;
}

/**
 * How a leaf compares, exactly as `operator.evaluate(fact, value)` does (the operator's fact
 * validator, then its callback), but without the validator where its answer is known: the
 * numeric operators' validator, `Number.parseFloat(v).toString() !== 'NaN'`, passes every
 * number except NaN, and costs two number-to-text conversions per comparison.
 * `operators` is the map the operator came from.
 * @internal
 */
export function comparisonOf(operator: EngineOperator, operators: OperatorLookup): (factValue: unknown, compareTo: unknown) => boolean {
  const { cb, factValueValidator } = operator as EngineOperator & OperatorParts;
  // json-rules-engine's `in`/`notIn` (`b.indexOf(a)`) and `contains`/`doesNotContain`
  // (`a.indexOf(b)`, on a list fact): a lookup in a set instead of a scan of a long list.
  if (operator === operators.get('in')) return (a, b) => (Array.isArray(b) ? listed(b, a) : operator.evaluate(a, b) === true);
  if (operator === operators.get('notIn')) return (a, b) => (Array.isArray(b) ? !listed(b, a) : operator.evaluate(a, b) === true);
  if (operator === operators.get('contains')) return (a, b) => (Array.isArray(a) ? listed(a, b) : operator.evaluate(a, b) === true);
  if (operator === operators.get('doesNotContain')) return (a, b) => (Array.isArray(a) ? !listed(a, b) : operator.evaluate(a, b) === true);
  const numeric = (operators.get('lessThan') as (EngineOperator & OperatorParts) | null)?.factValueValidator;
  if (cb !== undefined && numeric !== undefined && factValueValidator === numeric) {
    return (factValue, compareTo) =>
      typeof factValue === 'number' && !Number.isNaN(factValue) ? cb(factValue, compareTo) === true : operator.evaluate(factValue, compareTo) === true;
  }
  return (factValue, compareTo) => operator.evaluate(factValue, compareTo) === true;
}

/** Lists shorter than this are scanned: a set costs more than it saves. */
const SCANNED = 16;

/**
 * The items of each long list that has been searched, as a set. Keyed by the list itself: a
 * policy's lists are frozen, and a fact's list is a fresh copy per call, so an entry lives as
 * long as its list and never goes stale.
 */
const sets = new WeakMap<readonly unknown[], ReadonlySet<unknown>>();

/**
 * `list.indexOf(item) > -1`, exactly: strict equality, so NaN is never listed (a set would find
 * it) and an object only when it is the very same object.
 * @internal
 */
export function listed(list: readonly unknown[], item: unknown): boolean {
  if (list.length < SCANNED) return list.indexOf(item) > -1;
  if (typeof item === 'number' && Number.isNaN(item)) return false;
  let set = sets.get(list);
  if (set === undefined) {
    set = new Set(list);
    sets.set(list, set);
  }
  return set.has(item);
}
