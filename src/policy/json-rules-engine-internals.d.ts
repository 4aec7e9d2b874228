/**
 * Types of the json-rules-engine 7.3 modules the core loads directly, so that a browser bundle
 * carries the operator map and not the whole `Engine` (eventemitter2, jsonpath-plus, hash-it,
 * clone). Each module is CommonJS with `exports.default`.
 */

declare module 'json-rules-engine/dist/operator-map.js' {
  /** An operator object: `evaluate` runs the fact-value validator, then the comparison. */
  interface JreOperator {
    readonly name: string;
    evaluate(factValue: unknown, compareTo: unknown): boolean;
  }
  /** The registry an `Engine` keeps in `engine.operators`; `get` applies decorators (`not:equal`). */
  export default class OperatorMap {
    addOperator(operator: unknown, callback?: (factValue: unknown, compareTo: unknown) => boolean): void;
    addOperatorDecorator(decorator: unknown): void;
    get(name: string): JreOperator | null;
  }
}

declare module 'json-rules-engine/dist/engine-default-operators.js' {
  /** The operators every `Engine` registers: equal, notEqual, in, notIn, contains, … */
  const operators: readonly { readonly name: string }[];
  export default operators;
}

declare module 'json-rules-engine/dist/engine-default-operator-decorators.js' {
  /** The decorators every `Engine` registers: someFact, someValue, everyFact, everyValue, swap, not. */
  const decorators: readonly { readonly name: string }[];
  export default decorators;
}
