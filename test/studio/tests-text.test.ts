import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTestSuite } from '../../src/authoring/index.js';
import { appendCase } from '../../src/studio/tests-text.js';

/** Adding the Try case to a tests file's text: the file stays valid, its other cases and layout as they were. */

const REFUND_TESTS = readFileSync(new URL('../../rules-examples/refund.tests.json', import.meta.url), 'utf8');
const CASE = { name: 'new', facts: { days: 3, tier: 'gold' }, locale: 'en', expect: { outcome: 'approve', decidedBy: null, missing: [] } };

const arbCase = fc.record({
  name: fc.string({ minLength: 1 }),
  facts: fc.dictionary(fc.string(), fc.jsonValue()),
  expect: fc.record({ outcome: fc.string({ minLength: 1 }) }),
});

describe('appendCase', () => {
  it('adds the case after the last one of refund.tests.json and keeps the text before it byte for byte', () => {
    const out = appendCase(REFUND_TESTS, CASE, 'refund.json');
    const before = JSON.parse(REFUND_TESTS) as { cases: unknown[] };
    const after = JSON.parse(out) as { cases: unknown[] };
    expect(after.cases).toEqual([...before.cases, CASE]);
    const end = REFUND_TESTS.lastIndexOf('}', REFUND_TESTS.lastIndexOf(']')) + 1;
    expect(out.startsWith(REFUND_TESTS.slice(0, end))).toBe(true);
    expect(out.endsWith(REFUND_TESTS.slice(end))).toBe(true);
    expect(parseTestSuite(out).cases).toHaveLength(before.cases.length + 1);
  });

  it('starts a new file (empty text) with the policy and the case', () => {
    const out = appendCase('', CASE, 'rules/shipping.json');
    expect(JSON.parse(out)).toEqual({ policy: './shipping.json', cases: [CASE] });
    expect(parseTestSuite(out).cases[0]?.name).toBe('new');
  });

  it('appends to any tests file, however it is laid out: an object or a bare list, empty or not', () => {
    fc.assert(
      fc.property(fc.array(arbCase, { maxLength: 4 }), arbCase, fc.boolean(), fc.constantFrom(undefined, 0, 2, 4, '\t'), (cases, added, bare, space) => {
        const value = bare ? cases : { description: 'x ] } [ {', cases };
        const text = JSON.stringify(value, null, space);
        const out = appendCase(text, added, 'p.json');
        const parsed = JSON.parse(out) as unknown;
        expect(bare ? parsed : (parsed as { cases: unknown }).cases).toEqual([...cases, added].map((c) => JSON.parse(JSON.stringify(c)) as unknown));
        if (!bare) expect((parsed as { description: string }).description).toBe('x ] } [ {');
      }),
    );
  });

  it('says what is wrong instead of writing a broken file', () => {
    expect(() => appendCase('{ "cases": [', CASE, 'p.json')).toThrow(/not valid JSON/);
    expect(() => appendCase('{ "policy": "./p.json" }', CASE, 'p.json')).toThrow(/no "cases" list/);
  });
});
