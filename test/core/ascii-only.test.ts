import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../scripts/ascii-only.js';

/**
 * The build writes dist/ in ASCII (scripts/ascii-only.ts, tsup.config.ts): a module with one
 * other character is decoded and parsed by V8 as two-byte text, slower on import and for every
 * function compiled later. The escapes must mean what the characters meant: each regular
 * expression, string and template of the source with a character outside ASCII is held to its
 * escaped form.
 */

const SRC = new URL('../../src/', import.meta.url);
const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('studio'));

/** The tokens of the sources that hold a character outside ASCII: regular expressions, strings, templates. */
function nonAsciiLiterals(): { file: string; kind: 'regex' | 'string'; text: string }[] {
  const out: { file: string; kind: 'regex' | 'string'; text: string }[] = [];
  for (const file of files) {
    const text = readFileSync(new URL(file, SRC), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node) && /[^\x00-\x7f]/.test(node.text)) out.push({ file, kind: 'regex', text: node.text });
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /[^\x00-\x7f]/.test(node.getText(source))) out.push({ file, kind: 'string', text: node.getText(source) });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

const evaluate = (code: string): unknown => new Function(`return ${code};`)() as unknown;

describe('dist/ in ASCII', () => {
  const literals = nonAsciiLiterals();

  it('finds the literals outside ASCII in the sources (so the tests below test something)', () => {
    expect(literals.filter((l) => l.kind === 'regex').length).toBeGreaterThan(0);
    expect(literals.filter((l) => l.kind === 'string').length).toBeGreaterThan(0);
  });

  it('writes only ASCII, and strings and templates mean the same text', () => {
    for (const { text, kind } of literals) {
      const escaped = asciiOnly(text);
      expect(escaped).toMatch(/^[\x00-\x7f]*$/);
      if (kind === 'string') expect(evaluate(escaped)).toBe(evaluate(text));
    }
    expect(evaluate(asciiOnly('`a 😀 — b`'))).toBe('a 😀 — b');
    expect(asciiOnly('x')).toBe('x');
  });

  it('each regular expression of the sources matches as before on strings made of its own characters', () => {
    for (const { text, kind } of literals) {
      if (kind !== 'regex') continue;
      const [before, after] = [evaluate(text) as RegExp, evaluate(asciiOnly(text)) as RegExp];
      expect(after.flags).toBe(before.flags);
      // Strings from the characters the expression names, ASCII letters and spaces.
      const chars = [...new Set([...text.replace(/\\./g, ''), ...'aeiouAEIOU qQs.!?x1'])];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 24 }), (parts) => {
          const s = parts.join('');
          before.lastIndex = 0;
          after.lastIndex = 0;
          expect(s.replace(after, '<$&>')).toBe(s.replace(before, '<$&>'));
          expect(after.test(s)).toBe(before.test(s));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('a character outside the BMP becomes its surrogate pair, in strings and in expressions with or without the u flag', () => {
    expect(evaluate(asciiOnly('"😀"'))).toBe('😀');
    expect((evaluate(asciiOnly('/^[😀é]$/u')) as RegExp).test('😀')).toBe(true);
    expect((evaluate(asciiOnly('/^😀$/')) as RegExp).test('😀')).toBe(true);
    expect((evaluate(asciiOnly('/^[😀é]$/u')) as RegExp).test('\uD83D')).toBe(false);
  });

  const DIST = new URL('../../dist/', import.meta.url);
  it.skipIf(!existsSync(DIST))('the built dist/ is ASCII (when built)', () => {
    const outputs = readdirSync(DIST).filter((f) => /\.c?js$/.test(f));
    expect(outputs.length).toBeGreaterThan(0);
    for (const f of outputs) expect(/[^\x00-\x7f]/.test(readFileSync(new URL(f, DIST), 'utf8')), f).toBe(false);
  });
});
