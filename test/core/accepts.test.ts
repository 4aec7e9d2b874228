import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyAccepted } from '../../src/policy/accepts.js';
import { PolicySchema } from '../../src/policy/schema.js';
import { definePolicy } from '../../src/index.js';
import { policyDocument } from '../helpers/arbitraries.js';

/**
 * `policyAccepted` is definePolicy's lean answer to "does PolicySchema accept this document?",
 * asked before zod runs (zod then runs only on a refused document, for its issues). It must give
 * zod's answer exactly: on the example policies, on generated ones, and on both after random
 * edits (a value replaced by one of many shapes, a key removed, added or renamed) anywhere in
 * the document, which make most of them invalid and leave many valid.
 */

const EXAMPLES = new URL('../../rules-examples/', import.meta.url);
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, EXAMPLES), 'utf8')) as Record<string, unknown>);

/** A document that uses every optional part of the schema, so that edits reach each of them. */
const everything = {
  $schema: 'https://example.com/policy.schema.json',
  description: 'all of it',
  id: 'every-part',
  version: '1.0',
  kind: 'refund',
  title: { en: 'Title', 'nl-BE': 'Titel' },
  subject: 'request',
  validFrom: '2026-01-01',
  validTo: null,
  facts: {
    days: { type: 'integer', unit: 'day', label: 'days', question: { en: 'How many days?' }, mutable: true, personal: false, internal: false, from: 'customer', description: 'd' },
    amount: { type: 'number', unit: 'currency', currency: 'EUR' },
    plan: { type: 'string', enum: ['basic', 'plus'], valueLabels: { basic: { en: 'Basic' }, plus: 'Plus' }, says: { basic: 'you have basic' } },
    tags: { type: 'array', items: 'string' },
    damaged: { type: 'boolean', says: { true: { en: 'it arrived damaged' }, false: 'it did not' } },
  },
  parameters: { limit: { value: 30, unit: 'day', label: 'the limit', internal: false, description: 'p' }, list: { value: ['a', 'b'] }, nothing: { value: null } },
  outcomes: {
    approve: { label: 'approved', tone: 'positive', message: { en: 'Yes {{because}}' }, subject: 'request' },
    deny: { adverse: true, tone: 'negative' },
    refer: { human: true, description: 'o' },
  },
  conditions: {
    late: { fact: 'days', operator: 'greaterThan', value: { fact: 'limit', path: '$.x', params: { a: 1 } }, name: 'late', internal: false },
    both: { all: [{ condition: 'late', priority: 2 }, { not: { fact: 'plan', operator: 'in', value: ['basic'] } }], priority: 1, description: 'c' },
  },
  decision: { strategy: 'priority', default: 'refer', description: 'x' },
  texts: { escalation: 'Call us.', disclosure: { en: 'A system decided.' }, confidentialReason: 'checks', description: 't' },
  rules: [
    {
      name: 'deny-late',
      priority: 10,
      conditions: { any: [{ condition: 'both' }, { fact: 'tags', operator: 'contains', value: 'x', path: '$', params: {} }] },
      event: { type: 'deny', params: { a: [1, { b: null }] }, description: 'e' },
      because: { en: 'it is late', fr: 'c’est tard' },
      source: { title: 'Terms', url: 'https://example.com/terms#2', section: '2', description: 's' },
      internal: false,
      description: 'r',
    },
    { name: 'approve', conditions: { all: [] }, event: { type: 'approve' } },
  ],
};

/** Values an edit puts in: each type, and strings that pass or fail the schema's patterns. */
const VALUES: unknown[] = [
  null, true, false, 0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1, 10,
  '', 'a', 'EUR', 'eur', 'en', 'nl-BE', 'not a locale!', 'day', 'hours', 'integer', 'string', 'refund', 'priority', 'first', 'positive', 'host', 'offers',
  'late', 'both', 'approve', 'deny', 'greaterThan', 'bad id', 'every-part', '2026-01-01', '2026-01-01T10:00:00Z', '01-01-2026', 'https://example.com', 'ftp://x.y', 'not a url', 'mailto:a@b.c',
  [], ['a'], [1], [{ fact: 'days', operator: 'equal', value: 1 }], [{ condition: 'late' }], [{}],
  {}, { en: 'x' }, { EN: 'x', nl: 'y' }, { en: 1 }, { 'bad key': 'x' }, { fact: 'days', operator: 'equal', value: 1 }, { fact: 'days', operator: 'equal' },
  { condition: 'late' }, { all: [] }, { any: [{ condition: 'late' }] }, { not: { condition: 'late' } }, { not: [] }, { type: 'string' }, { type: 'blob' },
  { value: 1 }, { value: 1, extra: true }, { title: 'T' }, { title: 'T', url: 'nope' }, { type: 'deny' }, { strategy: 'first' },
  JSON.parse('{"__proto__": {"en": "x"}}') as unknown, JSON.parse('{"en": "x", "__proto__": "y"}') as unknown,
];
const KEYS = [
  'description', 'label', 'unit', 'currency', 'type', 'value', 'fact', 'operator', 'path', 'params', 'condition', 'all', 'any', 'not', 'priority', 'name', 'internal',
  'title', 'url', 'because', 'source', 'event', 'conditions', 'en', 'nl-BE', 'x y', 'late', '$schema', 'enum', 'items', 'says', 'from', 'tone', 'subject', 'kind',
  '__proto__', 'constructor', 'toString', 'zz',
];

type Json = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** Every container in `doc` (itself included), for an edit to pick one. */
function containers(doc: unknown): Json[] {
  const out: Json[] = [];
  const walk = (v: unknown): void => {
    if (!isContainer(v)) return;
    out.push(v);
    for (const child of Object.values(v)) walk(child);
  };
  walk(doc);
  return out;
}

interface Edit {
  readonly at: number;
  readonly kind: 'replace' | 'delete' | 'add' | 'rename' | 'tweak';
  readonly key: number;
  readonly value: number;
  readonly name: number;
}
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'add', 'rename', 'tweak', 'tweak'),
  key: fc.nat(),
  value: fc.nat({ max: VALUES.length - 1 }),
  name: fc.nat({ max: KEYS.length - 1 }),
});

/** Own property assignment, so that a `__proto__` key is a key and not the prototype. */
const put = (o: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
};

/** A value near `v`: a number or string at the edge of what its place allows. */
function tweak(v: unknown, n: number): unknown {
  if (typeof v === 'number') return [0, -1, v - 1, v + 0.5, 2 ** 53, v + 1][n % 6];
  if (typeof v === 'string') return ['', v.toUpperCase(), `${v} x`, v.slice(0, -1), `x${v}`, `${v}-1`, v.toLowerCase()][n % 7];
  if (typeof v === 'boolean') return n % 2 === 0 ? String(v) : !v;
  if (v === null) return n % 2 === 0 ? 'null' : undefined;
  return Array.isArray(v) ? v.slice(1) : { ...v };
}

function applyEdit(doc: Record<string, unknown>, e: Edit): void {
  const all = containers(doc);
  const target = all[e.at % all.length] as Json;
  const value = copy(VALUES[e.value]);
  if (Array.isArray(target)) {
    const i = target.length === 0 ? 0 : e.key % target.length;
    if (e.kind === 'tweak') target[i] = tweak(target[i], e.value);
    else if (e.kind === 'delete') target.splice(i, 1);
    else if (e.kind === 'add') target.push(value);
    else target[i] = value;
    return;
  }
  const keys = Object.keys(target);
  const key = keys.length === 0 ? undefined : keys[e.key % keys.length];
  const name = KEYS[e.name] as string;
  if (e.kind === 'add' || key === undefined) put(target, name, value);
  else if (e.kind === 'tweak') target[key] = tweak(target[key], e.value);
  else if (e.kind === 'delete') delete target[key];
  else if (e.kind === 'rename') {
    const moved = target[key];
    delete target[key];
    put(target, name, moved);
  } else target[key] = value;
}

/** A deep copy that keeps own `__proto__` keys (JSON.parse makes them own properties). */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const zodAccepts = (doc: unknown): boolean => PolicySchema.safeParse(doc).success;

describe('policyAccepted, the lean check before zod', () => {
  it('accepts every example policy, and the document using every part of the schema', () => {
    for (const doc of [...examples, everything]) {
      expect(zodAccepts(doc)).toBe(true);
      expect(policyAccepted(doc)).toBe(true);
    }
  });

  it('gives PolicySchema’s answer on generated policies and on randomly edited ones', () => {
    let accepted = 0;
    let refused = 0;
    const seeds = fc.oneof(fc.constantFrom(...examples, everything).map(copy), policyDocument.map(copy));
    fc.assert(
      fc.property(seeds, fc.array(edit, { maxLength: 3 }), (seed, edits) => {
        const doc = seed as unknown as Record<string, unknown>;
        for (const e of edits) applyEdit(doc, e);
        const expected = zodAccepts(doc);
        expect(policyAccepted(doc)).toBe(expected);
        if (expected) accepted++;
        else refused++;
      }),
      { numRuns: 3_000 },
    );
    // Both answers are common, so a check that always says yes or always no fails here.
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });

  it('gives PolicySchema’s answer after each single tweak of each value of the full document and an example', () => {
    let checked = 0;
    for (const seed of [everything, examples[0] ?? everything]) {
      const count = containers(seed).reduce((n, c) => n + Object.keys(c).length, 0);
      for (let at = 0; at < containers(seed).length; at++) {
        for (let key = 0; key < Object.keys(containers(seed)[at] as Json).length; key++) {
          for (let value = 0; value < 7; value++) {
            const doc = copy(seed) as Record<string, unknown>;
            applyEdit(doc, { at, kind: 'tweak', key, value, name: 0 });
            expect(policyAccepted(doc), JSON.stringify(doc)).toBe(zodAccepts(doc));
            checked++;
          }
        }
      }
      expect(count).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(1_500);
  });

  it('gives PolicySchema’s answer on values that are not policies', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.constantFrom(...VALUES)), (value) => {
        expect(policyAccepted(value)).toBe(zodAccepts(value));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves definePolicy’s errors as they were: a refused document still gets zod’s issues', () => {
    const doc = copy(everything) as Record<string, unknown>;
    (doc['facts'] as Record<string, unknown>)['days'] = { type: 'integer', unit: 'days' };
    expect(policyAccepted(doc)).toBe(false);
    expect(() => definePolicy(doc)).toThrow(/facts\.days\.unit/);
  });
});
