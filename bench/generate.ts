/**
 * Generated policies and facts for the benchmarks: deterministic (seeded), valid for
 * `definePolicy`, and readable by json-rules-engine as they are.
 */

/** A small seeded generator (mulberry32): the same seed gives the same policy on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTEGERS = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
const AMOUNTS = ['m0', 'm1', 'm2', 'm3'];
const BOOLEANS = ['b0', 'b1', 'b2', 'b3'];
const STRINGS = ['s0', 's1', 's2', 's3'];
const ENUM = ['red', 'green', 'blue', 'amber', 'violet'];
const PARAMETERS = ['p0', 'p1', 'p2', 'p3'];

export interface GeneratedOptions {
  /** Whether the customer could change the facts (`mutable`): counterfactuals search only mutable facts. @default true */
  readonly mutable?: boolean;
}

/**
 * A policy of `rules` rules over 20 facts (8 whole numbers, 4 amounts, 4 booleans, 4 enums) and
 * 4 parameters. Each rule has one to four comparisons under `all`, sometimes a nested `any` or a
 * `not`; about half deny or escalate, and every rule has a `because` text with a placeholder.
 */
export function generatePolicy(rules: number, seed = 1, options: GeneratedOptions = {}): Record<string, unknown> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const mutable = options.mutable ?? true;
  const facts: Record<string, unknown> = {};
  INTEGERS.forEach((f, i) => {
    facts[f] = { type: 'integer', unit: 'day', label: { en: `days ${i}`, nl: `dagen ${i}` }, ...(mutable && i >= 4 ? {} : { mutable: false }) };
  });
  for (const f of AMOUNTS) facts[f] = { type: 'number', unit: 'currency', currency: 'EUR', label: { en: `amount ${f}` }, ...(mutable ? {} : { mutable: false }) };
  for (const f of BOOLEANS) facts[f] = { type: 'boolean', label: { en: `flag ${f}` }, ...(mutable ? {} : { mutable: false }) };
  for (const f of STRINGS) facts[f] = { type: 'string', enum: ENUM, label: { en: `colour ${f}` }, mutable: false };
  const parameters: Record<string, unknown> = {};
  PARAMETERS.forEach((p, i) => {
    parameters[p] = { value: 20 + i * 15, unit: 'day', label: { en: `limit ${i}` } };
  });

  const leaf = (): Record<string, unknown> => {
    const kind = rnd();
    if (kind < 0.45) {
      const fact = pick(INTEGERS);
      const operator = pick(['greaterThan', 'lessThan', 'greaterThanInclusive', 'lessThanInclusive']);
      return rnd() < 0.2 ? { fact, operator, value: { fact: pick(PARAMETERS) } } : { fact, operator, value: Math.floor(rnd() * 100) };
    }
    if (kind < 0.65) return { fact: pick(AMOUNTS), operator: pick(['greaterThan', 'lessThanInclusive']), value: Math.floor(rnd() * 1000) };
    if (kind < 0.85) return { fact: pick(BOOLEANS), operator: 'equal', value: rnd() < 0.5 };
    return rnd() < 0.5
      ? { fact: pick(STRINGS), operator: 'equal', value: pick(ENUM) }
      : { fact: pick(STRINGS), operator: 'in', value: [pick(ENUM), pick(ENUM)] };
  };
  const list: Record<string, unknown>[] = [];
  for (let i = 0; i < rules; i++) {
    const size = 1 + Math.floor(rnd() * 4);
    const all: Record<string, unknown>[] = [];
    for (let j = 0; j < size; j++) {
      const shape = rnd();
      if (shape < 0.1) all.push({ any: [leaf(), leaf()] });
      else if (shape < 0.15) all.push({ not: leaf() });
      else all.push(leaf());
    }
    const roll = rnd();
    const outcome = roll < 0.4 ? 'deny' : roll < 0.5 ? 'escalate' : 'approve';
    const first = all.find((c) => typeof c['fact'] === 'string' && INTEGERS.includes(c['fact'] as string));
    list.push({
      name: `rule-${i}`,
      priority: 1 + Math.floor(rnd() * 100),
      conditions: { all },
      event: { type: outcome, params: { code: `R${i}` } },
      because: first === undefined ? { en: `rule ${i} applies`, nl: `regel ${i} geldt` } : { en: `it has been {{${first['fact'] as string}}} (rule ${i})`, nl: `het is {{${first['fact'] as string}}} (regel ${i})` },
    });
  }
  return {
    id: `generated-${rules}`,
    version: '1',
    kind: 'other',
    facts,
    parameters,
    outcomes: {
      approve: { label: { en: 'approved', nl: 'goedgekeurd' } },
      deny: { label: { en: 'declined', nl: 'afgewezen' }, adverse: true },
      escalate: { label: { en: 'passed to a colleague' }, human: true },
    },
    decision: { strategy: 'priority', default: 'approve' },
    rules: list,
  };
}

/** `count` sets of facts for a generated policy, every fact given. */
export function generateFacts(count: number, seed = 2): Record<string, unknown>[] {
  const rnd = random(seed);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const facts: Record<string, unknown> = {};
    for (const f of INTEGERS) facts[f] = Math.floor(rnd() * 100);
    for (const f of AMOUNTS) facts[f] = Math.round(rnd() * 100000) / 100;
    for (const f of BOOLEANS) facts[f] = rnd() < 0.5;
    for (const f of STRINGS) facts[f] = ENUM[Math.floor(rnd() * ENUM.length)];
    out.push(facts);
  }
  return out;
}
