import { describe, expect, it } from 'vitest';
import { definePolicy, explain } from '../../src/index.js';
import { UNITS } from '../../src/policy/schema.js';

/**
 * Every unit of CONTRACT §1 in every built-in locale, through `{{name, unit}}`: what `Intl` says,
 * with a no-break space between the figure and its unit.
 */

const policyWith = (unit: (typeof UNITS)[number]) =>
  definePolicy({
    id: 'units',
    version: '1',
    facts: { amount: { type: 'number', unit, ...(unit === 'currency' ? { currency: 'EUR' } : {}) } },
    outcomes: { ok: { label: 'ok' } },
    rules: [{ name: 'any', conditions: { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 0 }] }, event: { type: 'ok' }, because: { en: 'E {{amount, unit}}', nl: 'N {{amount, unit}}', 'nl-BE': 'B {{amount, unit}}', de: 'D {{amount, unit}}', fr: 'F {{amount, unit}}' } }],
  });

const text = async (unit: (typeof UNITS)[number], amount: number, locale: string): Promise<string> =>
  ((await explain(policyWith(unit), { amount }, { locale })).reasons[0]?.text ?? '').slice(2);

describe('units', () => {
  it.each([
    ['month', 24, 'en', '24\u00a0months'],
    ['month', 24, 'nl', '24\u00a0maanden'],
    ['month', 1, 'nl-BE', '1\u00a0maand'],
    ['month', 24, 'de', '24\u00a0Monate'],
    ['month', 24, 'fr', '24\u00a0mois'],
    ['week', 2, 'nl', '2\u00a0weken'],
    ['week', 1, 'de', '1\u00a0Woche'],
    ['year', 3, 'fr', '3\u00a0ans'],
    ['year', 1, 'en', '1\u00a0year'],
    ['second', 30, 'de', '30\u00a0Sekunden'],
    ['day', 1.5, 'fr', '1,5\u00a0jour'],
    ['hour', 2.5, 'nl', '2\u00a0uur en 30\u00a0minuten'],
    ['minute', 179, 'en', '2\u00a0hours and 59\u00a0minutes'],
    ['km', 12.5, 'de', '12,5\u00a0km'],
    ['kg', 3, 'en', '3\u00a0kg'],
    ['percent', 20, 'nl', '20%'],
    ['currency', 12.5, 'nl', '€\u00a012,50'],
  ] as const)('%s: %d in %s reads "%s"', async (unit, amount, locale, expected) => {
    expect(await text(unit, amount, locale)).toBe(expected);
  });

  it.each(UNITS.filter((u) => u !== 'currency'))('%s is declared and rendered with a unit word or symbol in every locale', async (unit) => {
    for (const locale of ['en', 'nl', 'nl-BE', 'de', 'fr']) {
      const rendered = await text(unit, 7, locale);
      expect(rendered).toMatch(/^7\s?\S/u);
      expect(rendered).not.toBe('7');
    }
  });
});
