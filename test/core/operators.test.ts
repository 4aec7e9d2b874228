import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { definePolicy, isPolicyError } from '../../src/index.js';
import { createOperatorMap } from '../../src/policy/operators.js';
import { DECORATORS, OPERATORS, scalar } from '../helpers/arbitraries.js';

/**
 * The core builds json-rules-engine's operator map from its three modules instead of loading
 * `Engine` (which would pull eventemitter2, jsonpath-plus, hash-it and clone into a browser
 * bundle). These tests keep that map equal to `new Engine().operators`, so an upgrade of
 * json-rules-engine that adds, drops or changes an operator shows up here.
 */

interface MapLike {
  operators: Map<string, unknown>;
  decorators: Map<string, unknown>;
  get(name: string): { name: string; evaluate(a: unknown, b: unknown): boolean } | null;
}
const engineMap = (): MapLike => (new Engine() as unknown as { operators: MapLike }).operators;
const ourMap = (): MapLike => createOperatorMap() as unknown as MapLike;

/** What an operator does with two operands: its result, or that it throws. */
function outcome(map: MapLike, name: string, a: unknown, b: unknown): boolean | 'throws' | 'unknown operator' {
  const op = map.get(name);
  if (op === null) return 'unknown operator';
  try {
    return op.evaluate(a, b);
  } catch {
    return 'throws';
  }
}

describe('the operator map', () => {
  it('has the operators and decorators of new Engine(), by name', () => {
    expect([...ourMap().operators.keys()].sort()).toEqual([...engineMap().operators.keys()].sort());
    expect([...ourMap().decorators.keys()].sort()).toEqual([...engineMap().decorators.keys()].sort());
    expect([...engineMap().operators.keys()].sort()).toEqual([...OPERATORS].sort());
    expect([...engineMap().decorators.keys()].sort()).toEqual([...DECORATORS].sort());
  });

  it('names the same operators in its messages', () => {
    try {
      definePolicy({ id: 'x', version: '1', facts: { a: { type: 'number' } }, outcomes: { y: {} }, rules: [{ name: 'r', conditions: { all: [{ fact: 'a', operator: 'matches', value: 1 }] }, event: { type: 'y' } }] });
      expect.unreachable();
    } catch (error) {
      expect(isPolicyError(error)).toBe(true);
      const message = (error as { issues: { message: string }[] }).issues[0]?.message ?? '';
      const listed = (message.split('Known operators: ')[1] ?? '').replace(/\.$/, '').split(', ');
      expect(listed.sort()).toEqual([...engineMap().operators.keys()].sort());
    }
  });

  it('behaves like new Engine().operators for every operator, decorated or not', () => {
    const operand = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.constant(undefined), fc.record({ a: scalar }));
    const name = fc
      .tuple(fc.array(fc.constantFrom(...DECORATORS), { maxLength: 3 }), fc.constantFrom(...OPERATORS))
      .map(([decorators, base]) => [...decorators, base].join(':'));
    const ours = ourMap();
    const theirs = engineMap();
    fc.assert(
      fc.property(name, operand, operand, (op, a, b) => {
        expect(outcome(ours, op, a, b)).toEqual(outcome(theirs, op, a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('knows the same names, and refuses the same unknown ones', () => {
    for (const name of ['equal', 'not:equal', 'everyFact:greaterThan', 'swap:contains', 'nope', 'not:nope', 'nope:equal', ':equal', 'equal:', '', 'not:', 'someFact:someValue:swap:not:in']) {
      expect(ourMap().get(name) === null, name).toBe(engineMap().get(name) === null);
    }
  });

  it('is fresh for each policy: decorated operators cached by one map are not in another', () => {
    const first = ourMap();
    first.get('not:everyFact:equal');
    expect(first.operators.has('not:everyFact:equal')).toBe(true);
    expect(ourMap().operators.has('not:everyFact:equal')).toBe(false);
  });
});
