import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listJoin, memoNumber } from '../../src/explain/format.js';
import { BUILT_IN_LOCALES } from '../../src/explain/render.js';
import { cloneJson } from '../../src/policy/json.js';
import { canonicalLocale, LOCALE_SHAPE } from '../../src/policy/locale.js';

/**
 * The renderer's fast paths (src/explain/format.ts) against the slow paths they replace:
 * `Intl.ListFormat#format` and `Intl.NumberFormat#format` on every call, `structuredClone`.
 */

// Items as texts really are (labels, figures with no-break spaces), and odd ones: empty, spaces, the
// private-use characters the pattern is read with.
const item = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', 'i', 'Ida', 'hier', '€\u00a012,50', '30\u00a0Tage', '\uE100', '\uE101', ', and', ' et '),
);

describe('lists joined by the pattern read once', () => {
  // The other locales a policy may be written in take the Intl path; they are held to it too.
  const locales = [...BUILT_IN_LOCALES, 'en-GB', 'de-AT', 'fr-CA', 'es', 'it', 'he', 'pl'];
  for (const locale of locales) {
    for (const type of ['conjunction', 'disjunction'] as const) {
      it(`${locale} ${type}: what Intl.ListFormat gives, for 0 to 6 items`, () => {
        const intl = new Intl.ListFormat(locale, { style: 'long', type });
        const join = listJoin(locale, type);
        fc.assert(
          fc.property(fc.array(item, { minLength: 0, maxLength: 6 }), (items) => {
            expect(join(items)).toBe(items.length === 0 ? '' : intl.format(items));
          }),
          { numRuns: 300 },
        );
        for (let n = 0; n <= 6; n++) {
          const items = Array.from({ length: n }, (_, i) => `item ${i}`);
          expect(join(items)).toBe(n === 0 ? '' : intl.format(items));
        }
      });
    }
  }
  it('reads the pattern of the built-in languages (the words differ per language)', () => {
    expect(listJoin('en', 'conjunction')(['a', 'b', 'c'])).toBe('a, b, and c');
    expect(listJoin('nl', 'disjunction')(['a', 'b'])).toBe('a of b');
    expect(listJoin('de', 'conjunction')(['a', 'b', 'c'])).toBe('a, b und c');
  });
});

describe('numbers formatted once per formatter and value', () => {
  const formats = BUILT_IN_LOCALES.flatMap((locale) => [
    new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }),
    new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }),
  ]);
  it('gives what the formatter gives, the first time and every later time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...formats),
        fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0)),
        (format, n) => {
          const first = memoNumber(format, n, () => format.format(n));
          const again = memoNumber(format, n, () => 'made again');
          expect(first).toBe(format.format(n));
          // -0 is never cached: a Map does not tell it from 0.
          expect(again).toBe(Object.is(n, -0) ? 'made again' : first);
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('keeps separate caches per formatter', () => {
    const [a, b] = formats as [Intl.NumberFormat, Intl.NumberFormat];
    expect(memoNumber(a, 1234.5, () => a.format(1234.5))).toBe(a.format(1234.5));
    expect(memoNumber(b, 1234.5, () => b.format(1234.5))).toBe(b.format(1234.5));
  });
});

describe('cloneJson', () => {
  it('gives what structuredClone gives for JSON, a fresh copy sharing nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = cloneJson(value);
        expect(copy).toStrictEqual(structuredClone(value));
        if (value !== null && typeof value === 'object') expect(copy).not.toBe(value);
      }),
      { numRuns: 500 },
    );
  });
  it('copies a "__proto__" key as an own key', () => {
    const value = JSON.parse('{"__proto__": {"polluted": 1}, "a": [1, {"b": 2}]}') as Record<string, unknown>;
    const copy = cloneJson(value);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('canonicalLocale, kept per tag', () => {
  const direct = (tag: string): string | undefined => {
    if (!LOCALE_SHAPE.test(tag)) return undefined;
    try {
      return Intl.getCanonicalLocales(tag)[0];
    } catch {
      return undefined;
    }
  };
  it('gives what Intl gives, on the first call and on later ones', () => {
    const tag = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,9}$/), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('-')),
      fc.constantFrom('nl-be', 'NL-BE', 'en-12', 'en-US-US', 'en_US', 'nl-BE-x-acme', 'en-u-nu-arab', 'constructor', '__proto__'),
    );
    fc.assert(
      fc.property(tag, (t) => {
        expect(canonicalLocale(t)).toBe(direct(t));
        expect(canonicalLocale(t)).toBe(direct(t));
      }),
      { numRuns: 1000 },
    );
  });
});
