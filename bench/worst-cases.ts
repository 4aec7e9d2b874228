/**
 * The policies of issue 12's cost cases, each as small as its shape allows: what contract §7
 * bounds. `npm run bench -- --worst` runs them beside the refund example (see run.ts).
 */

/** A policy document around `rules`, with the facts and shared conditions given. */
function policy(id: string, facts: Record<string, unknown>, rules: unknown[], conditions?: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    version: '1',
    facts,
    outcomes: { allow: { label: 'allowed' }, deny: { label: 'denied', adverse: true } },
    decision: { default: 'allow' },
    ...(conditions === undefined ? {} : { conditions }),
    rules,
  };
}

/** One worst case: its policy, facts and explain options. */
export interface WorstCase {
  readonly name: string;
  readonly doc: Record<string, unknown>;
  readonly facts: Record<string, unknown>;
  readonly whyNot?: string;
}

/** Item 11: `c0 = {all: [x > 0]}`, `cK = {all: [{condition: cK-1}, {condition: cK-1}]}`; a rule reads `c{n}`. */
export function sharedDag(n: number): WorstCase {
  const conditions: Record<string, unknown> = { c0: { all: [{ fact: 'x', operator: 'greaterThan', value: 0 }] } };
  for (let k = 1; k <= n; k++) conditions[`c${k}`] = { all: [{ condition: `c${k - 1}` }, { condition: `c${k - 1}` }] };
  const rules = [{ name: 'dag', conditions: { all: [{ condition: `c${n}` }] }, event: { type: 'deny' } }];
  return { name: `shared-condition DAG, depth ${n}`, doc: policy('dag', { x: { type: 'number' } }, rules, conditions), facts: { x: 1 } };
}

/** Item 12: a chain of `n` shared conditions, each `{not: {condition: previous}}`. */
export function notChain(n: number): WorstCase {
  const conditions: Record<string, unknown> = { c0: { all: [{ fact: 'x', operator: 'greaterThan', value: 0 }] } };
  for (let k = 1; k <= n; k++) conditions[`c${k}`] = { not: { condition: `c${k - 1}` } };
  const rules = [{ name: 'chain', conditions: { all: [{ condition: `c${n}` }] }, event: { type: 'deny' } }];
  return { name: `chain of ${n} shared "not"`, doc: policy('chain', { x: { type: 'number' } }, rules, conditions), facts: { x: 1 } };
}

/** Item 13: `code notIn [n codes]`, the customer's code not among them. */
export function longList(n: number, operator: 'in' | 'notIn' = 'notIn'): WorstCase {
  const list = Array.from({ length: n }, (_, i) => `code-${i}`);
  const rules = [{ name: 'listed', conditions: { all: [{ fact: 'code', operator, value: list }] }, event: { type: 'deny' } }];
  return { name: `${operator} a list of ${n.toLocaleString('en-US')}`, doc: policy('list', { code: { type: 'string' } }, rules), facts: { code: 'other' } };
}

/** Item 13: one rule, `any` over `n` mutable number facts, none of them holding. */
export function wideAny(n: number): WorstCase {
  const facts: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  const leaves: unknown[] = [];
  for (let i = 0; i < n; i++) {
    facts[`f${i}`] = { type: 'integer' };
    values[`f${i}`] = 0;
    leaves.push({ fact: `f${i}`, operator: 'greaterThan', value: 10 });
  }
  const rules = [{ name: 'wide', conditions: { any: leaves }, event: { type: 'allow' } }];
  const doc = { ...policy('wide', facts, rules), decision: { default: 'deny' } };
  return { name: `any over ${n.toLocaleString('en-US')} mutable facts`, doc, facts: values };
}

/** Item 13: `n` rules that would each allow, none holding, asked `whyNot: 'allow'`. */
export function manyRules(n: number): WorstCase {
  const rules = Array.from({ length: n }, (_, i) => ({
    name: `r${i}`,
    conditions: { all: [{ fact: 'x', operator: 'greaterThan', value: i + 1 }] },
    event: { type: 'allow' },
  }));
  const doc = { ...policy('many', { x: { type: 'integer', mutable: false } }, rules), decision: { default: 'deny' } };
  return { name: `whyNot over ${n.toLocaleString('en-US')} rules`, doc, facts: { x: 0 }, whyNot: 'allow' };
}
