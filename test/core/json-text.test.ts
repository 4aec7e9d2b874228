import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, PolicyError } from '../../src/index.js';
import { parseTestSuite } from '../../src/authoring/index.js';
import { duplicateKeys, parseJsonText } from '../../src/policy/json-text.js';
import { formatPath } from '../../src/errors.js';

/** JSON text as authors write it: a byte order mark is fine, a key written twice is not (issue 12, items 8 and 10). */

const policyText = (parameters: string): string =>
  `{\n  "id": "p",\n  "version": "1",\n  "facts": { "days": { "type": "integer" } },\n  "parameters": {\n${parameters}\n  },\n  "outcomes": { "approve": {}, "deny": { "adverse": true } },\n  "rules": [{ "name": "late", "conditions": { "all": [{ "fact": "days", "operator": "greaterThan", "value": { "fact": "returnPeriodDays" } }] }, "event": { "type": "deny" } }]\n}`;

describe('a key written twice', () => {
  it('in a policy: a PolicyError at the path of the key, naming both places', () => {
    const text = policyText('    "returnPeriodDays": { "value": 30 },\n    "returnPeriodDays": { "value": 3650 }');
    let error: unknown;
    try {
      definePolicy(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues).toEqual([
      {
        code: 'duplicate_key',
        path: 'parameters.returnPeriodDays',
        message: '"returnPeriodDays" is written twice in the same object, at line 6, column 5 and at line 7, column 5; JSON readers keep only the last one, so remove one of them.',
      },
    ]);
    // Parsed already, the second value has won and nothing can tell: why loaders read text.
    expect(definePolicy(JSON.parse(text)).document.parameters?.['returnPeriodDays']?.value).toBe(3650);
  });

  it.each<[string, string, string]>([
    ['at the top', '{"a": 1, "a": 2}', 'a'],
    ['in a list', '{"l": [0, {"k": 1, "x": 2, "k": 3}]}', 'l[1].k'],
    ['spelled with an escape', '{"ab": 1, "a\\u0062": 2}', 'ab'],
    ['an odd key', '{"o": {"a b": 1, "a b": 2}}', 'o["a b"]'],
    ['after strings holding braces and quotes', '{"s": "{\\"a\\": [", "a": {"a": 1}, "a": 2}', 'a'],
    ['the empty key', '{"": 1, "": 2}', '[""]'],
  ])('%s', (_what, text, path) => {
    expect(duplicateKeys(text)).toEqual([expect.objectContaining({ code: 'duplicate_key', path })]);
  });

  it('never in JSON that JSON.stringify wrote, and always where one is added', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom(0, 2), (value, pick, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(duplicateKeys(text)).toEqual([]);
        // Write the first key of some object a second time, at its end.
        const objects: { path: (string | number)[]; value: Record<string, unknown> }[] = [];
        const visit = (v: unknown, path: (string | number)[]): void => {
          if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
          else if (v !== null && typeof v === 'object') {
            if (Object.keys(v).length > 0) objects.push({ path, value: v as Record<string, unknown> });
            for (const [k, x] of Object.entries(v)) visit(x, [...path, k]);
          }
        };
        visit(value, []);
        fc.pre(objects.length > 0);
        const target = objects[pick % objects.length] as (typeof objects)[number];
        const key = Object.keys(target.value)[0] as string;
        const marker = '"\u0000marker"';
        const replaceIn = (v: unknown, path: (string | number)[]): unknown =>
          path.length === 0 ? { ...(v as object), [marker]: 1 } : Array.isArray(v) ? v.map((x, i) => (i === path[0] ? replaceIn(x, path.slice(1)) : x)) : Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, k === path[0] ? replaceIn(x, path.slice(1)) : x]));
        const marked = JSON.stringify(replaceIn(value, target.path), null, indent).replace(`${JSON.stringify(marker)}:`, () => `${JSON.stringify(key)}:`);
        expect(duplicateKeys(marked)).toEqual([expect.objectContaining({ path: formatPath([...target.path, key]) })]);
      }),
      { numRuns: 500 },
    );
  });

  it('in a tests file: a TestsFileError', () => {
    expect(() => parseTestSuite('[{"name": "a", "name": "b", "facts": {}, "expect": {"outcome": "x"}}]')).toThrow(expect.objectContaining({ code: 'duplicate_key', issues: [expect.objectContaining({ path: '[0].name' })] }));
  });
});

describe('a byte order mark at the start', () => {
  it('is read as no part of the text, in policies, tests files and any JSON text', () => {
    const text = policyText('    "returnPeriodDays": { "value": 30 }');
    expect(definePolicy(`\uFEFF${text}`).hash).toBe(definePolicy(text).hash);
    expect(parseTestSuite('\uFEFF[]')).toEqual({ cases: [] });
    expect(parseJsonText('\uFEFF{"a": 1}', 'facts')).toEqual({ ok: true, value: { a: 1 } });
    // Anywhere else it is a character JSON does not allow.
    expect(parseJsonText('{"a": 1}\uFEFF\uFEFF', 'facts')).toMatchObject({ ok: false, issues: [{ code: 'invalid_json' }] });
  });
});
