import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callTool } from '../../src/adapters/tool.js';
import { DecisionResultSchema, definePolicy, explain, type DecisionResult } from '../../src/index.js';

/**
 * Names and values reach the text engine (i18next) only as what they are: a fact named like an
 * option of `t()` is a fact like any other, and a customer's value is inserted as it is, never
 * read as a placeholder or a nesting (issue 12, items 6 and 7).
 */

/** Option names of i18next's `t()`, and other names with a meaning to it or to JavaScript. */
const ODD_NAMES = [
  'lngs', 'lng', 'returnDetails', 'returnObjects', 'skipInterpolation', 'count', 'context', 'ns', 'replace', 'defaultValue', 'defaultValue_one',
  'interpolation', 'postProcess', 'keySeparator', 'nsSeparator', 'joinArrays', 'ordinal', 'nest', 'fallbackLng', 'applyPostProcessor',
  'formatParams', 'interpolationkey', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'becauseRaw',
];
const resources = { en: { k: { a: 'the shop says hello', late: 'late by {{days, unit}}' } }, nl: { k: { a: 'de winkel zegt hallo', late: '{{days, unit}} te laat' } } };

function policyNaming(name: string, because: Record<string, string>) {
  return definePolicy(
    {
      id: 'odd-names',
      version: '1',
      kind: 'refund',
      facts: { [name]: { type: 'number', unit: 'day', label: { en: 'days', nl: 'dagen' } }, days: { type: 'integer', unit: 'day' }, note: { type: 'string' } },
      parameters: { limit: { value: 30, unit: 'day' } },
      outcomes: { approve: {}, deny: { adverse: true } },
      decision: { default: 'approve' },
      rules: [
        { name: 'named', priority: 2, conditions: { all: [{ fact: name, operator: 'greaterThan', value: { fact: 'limit' } }] }, event: { type: 'deny' }, because },
        { name: 'plain', conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 0 }] }, event: { type: 'deny' }, because: { en: 'it is {{note}}', nl: 'het {{note}} is' } },
      ],
    },
    { resources },
  );
}

function clean(result: DecisionResult): void {
  expect(() => DecisionResultSchema.parse(result)).not.toThrow();
  for (const text of [result.text, ...result.reasons.map((r) => r.text)]) {
    expect(typeof text).toBe('string');
    expect(text).not.toMatch(/\[object |\{\{|\}\}|\$t\(|\uE000|undefined|function /);
  }
}

describe('facts and parameters named like options of i18next (item 6)', () => {
  it.each(ODD_NAMES)('%s: rendered as a value, in texts that name it and in texts that do not', async (name) => {
    const policy = policyNaming(name, {
      en: `{{${name}}} days, {{${name}, unit}} in all, after $t(k.a) and $t(k.late)`,
      nl: `{{${name}}} dagen, {{${name}, unit}} in totaal, na $t(k.a) en $t(k.late)`,
    });
    const facts = { [name]: 45, days: 3, note: 'fine' };
    const en = await explain(policy, facts, { locale: 'en', audience: 'agent' });
    clean(en);
    expect(en.reasons[0]?.text).toContain('45 days, 45\u00a0days in all, after the shop says hello and late by 3\u00a0days');
    expect(en.reasons[1]?.text).toContain('it is fine');
    const nl = await explain(policy, facts, { locale: 'nl' });
    clean(nl);
    expect(nl.reasons[0]?.text).toBe('45 dagen, 45\u00a0dagen in totaal, na de winkel zegt hallo en 3\u00a0dagen te laat');
    // The model-facing result of the tool adapters too.
    const call = await callTool(policy, { ...facts, locale: 'en' });
    expect(call.ok).toBe(true);
    if (call.ok) expect(call.forModel.text).toContain('45 days, 45\u00a0days in all');
  });

  it('as placeholders without a value: never filled with an option of i18next', async () => {
    for (const name of ['ns', 'lngs', 'defaultValue', 'replace']) {
      const policy = definePolicy({
        id: 'unknown',
        version: '1',
        facts: { [name]: { type: 'string' }, days: { type: 'integer' } },
        outcomes: { approve: {}, deny: { adverse: true } },
        rules: [{ name: 'r', conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 0 }] }, event: { type: 'deny' }, because: `{{${name}}}: $t(k.a)` }],
      }, { resources });
      const result = await explain(policy, { days: 3 });
      expect(result.reasons[0]?.text).toBe(`{{${name}}}: the shop says hello`);
    }
  });
});

describe('a customer value is inserted as it is (item 7)', () => {
  const policy = definePolicy(
    {
      id: 'values',
      version: '1',
      facts: { note: { type: 'string' }, tags: { type: 'array', items: 'string' }, days: { type: 'integer', unit: 'day' } },
      outcomes: { approve: {}, deny: { adverse: true } },
      decision: { default: 'approve' },
      rules: [
        {
          name: 'r',
          conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 0 }] },
          event: { type: 'deny' },
          because: { en: 'you wrote “{{note}}” ({{tags}}) after {{days, unit}}; $t(k.a)', nl: 'u schreef “{{note}}” ({{tags}}) na {{days, unit}}; $t(k.a)' },
        },
      ],
    },
    { resources },
  );

  it.each(['$t(', '$t(k.a)', '{{days}}', '{{', '}}', '{{- note}}', '$t(k.a, {"lng": "nl"})', '\uE0000\uE001', '$t(k.late)'])('%s', async (value) => {
    for (const locale of ['en', 'nl']) {
      const result = await explain(policy, { note: value, tags: [value, 'b'], days: 3 }, { locale });
      const own = locale === 'en' ? 'the shop says hello' : 'de winkel zegt hallo';
      expect(result.reasons[0]?.text).toBe(
        locale === 'en' ? `you wrote “${value}” (${value} and b) after 3\u00a0days; ${own}` : `u schreef “${value}” (${value} en b) na 3\u00a0dagen; ${own}`,
      );
      expect(() => DecisionResultSchema.parse(result)).not.toThrow();
    }
  });

  it('any string, in any locale', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('$', 't', '(', ')', '{', '}', '-', ',', 'k', '.', 'a', ' ', '\uE000', '\uE001', '0') }), fc.constantFrom('en', 'nl', 'de', 'fr'), async (note, locale) => {
        const result = await explain(policy, { note, tags: [], days: 1 }, { locale });
        const text = result.reasons[0]?.text ?? '';
        expect(text).toContain(`“${note}”`);
        expect(text.endsWith('the shop says hello') || text.endsWith('de winkel zegt hallo')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
