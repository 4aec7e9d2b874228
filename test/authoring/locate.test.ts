import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonPath, positionAt } from '../../src/authoring/index.js';
import { parsePath, scanJson } from '../../src/authoring/locate.js';
import { formatPath } from '../../src/errors.js';

/** Every path into a JSON value, with the value there. */
function pathsOf(value: unknown, base: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
  const out: { path: (string | number)[]; value: unknown }[] = [{ path: base, value }];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...base, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...base, k]));
  return out;
}

describe('locateJsonPath', () => {
  const text = '{\n  "id": "refund",\n  "rules": [\n    { "name": "a",\n      "conditions": { "all": [ { "fact": "x" } ] } }\n  ]\n}';

  it('points at the key of a member and at the start of a list item', () => {
    expect(locateJsonPath(text, 'id')).toEqual({ offset: 4, line: 2, column: 3, exact: true });
    expect(locateJsonPath(text, 'rules[0]')).toMatchObject({ line: 4, column: 5, exact: true });
    expect(locateJsonPath(text, 'rules[0].conditions.all[0].fact')).toMatchObject({ line: 5, column: 34, exact: true });
  });

  it('falls back to the deepest part that exists, saying so', () => {
    expect(locateJsonPath(text, 'rules[0].conditions.all[0].operator')).toMatchObject({ line: 5, column: 32, exact: false });
    expect(locateJsonPath(text, 'rules[7]')).toMatchObject({ line: 3, column: 3, exact: false });
    expect(locateJsonPath(text, '')).toMatchObject({ line: 1, column: 1, exact: true });
  });

  it('returns undefined for a text that is not JSON, and the scanner says where it stops', () => {
    expect(locateJsonPath('{ "a": 1, }', 'a')).toBeUndefined();
    const scanned = scanJson('{\n  "a": 1,\n}');
    expect(scanned.ok).toBe(false);
    if (!scanned.ok) {
      expect(positionAt('{\n  "a": 1,\n}', scanned.offset)).toMatchObject({ line: 3, column: 1 });
      expect(scanned.message).toMatch(/comma/);
    }
  });

  it('reads quoted path segments as formatPath writes them', () => {
    expect(parsePath('facts["a b"].label')).toEqual(['facts', 'a b', 'label']);
    expect(parsePath('rules[12].conditions')).toEqual(['rules', 12, 'conditions']);
    expect(parsePath('rules[')).toBeUndefined();
  });

  it('finds every path of any JSON document, however it is indented (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const source = JSON.stringify(value, null, indent);
        for (const { path, value: at } of pathsOf(value)) {
          const loc = locateJsonPath(source, formatPath(path));
          expect(loc?.exact).toBe(true);
          const rest = source.slice(loc?.offset);
          const last = path[path.length - 1];
          if (typeof last === 'string') expect(rest.startsWith(JSON.stringify(last))).toBe(true);
          else expect(rest.startsWith(JSON.stringify(at).slice(0, 1))).toBe(true);
          // line and column agree with the offset
          const lines = source.slice(0, loc?.offset).split('\n');
          expect(loc?.line).toBe(lines.length);
          expect(loc?.column).toBe((lines[lines.length - 1] ?? '').length + 1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('accepts exactly what JSON.parse accepts (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.json().map((j) => j.replace(/[,:\]}]/, ''))), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(scanJson(text).ok).toBe(parses);
      }),
      { numRuns: 500 },
    );
  });
});
