import OperatorMapModule from 'json-rules-engine/dist/operator-map.js';
import defaultOperatorsModule from 'json-rules-engine/dist/engine-default-operators.js';
import defaultDecoratorsModule from 'json-rules-engine/dist/engine-default-operator-decorators.js';
import type { EngineOperator } from './compile.js';

/**
 * json-rules-engine's operators, without its `Engine`.
 *
 * An `Engine` builds its operator map from three modules: the `OperatorMap` class, the default
 * operators and the default decorators. Loading those three directly gives the very same
 * operator objects while leaving the rest of json-rules-engine (and eventemitter2, jsonpath-plus,
 * hash-it, clone) out of a browser bundle. `test/core/operators.test.ts` compares the result
 * with `new Engine().operators`, so an upgrade of json-rules-engine that changes them shows.
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
 * A fresh operator map as `new Engine()` has it. Fresh per policy, because json-rules-engine's
 * map caches every decorated operator it is asked for.
 * @internal
 */
export function createOperatorMap(): OperatorLookup {
  const OperatorMap = defaultOf(OperatorMapModule);
  const map = new OperatorMap();
  for (const operator of defaultOf(defaultOperatorsModule)) map.addOperator(operator);
  for (const decorator of defaultOf(defaultDecoratorsModule)) map.addOperatorDecorator(decorator);
  return map;
}
