import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, type DecisionResult } from '../../src/index.js';
import { foreignWords } from '../helpers/language.js';

/**
 * Every text a customer can read, for every case of every example in `rules-examples/`, in
 * every built-in locale, with why-not toward each other outcome: no template syntax, one
 * language, and good news only where the outcome's tone is positive.
 */

const DIR = new URL('../../rules-examples/', import.meta.url);
const LOCALES = ['en', 'nl', 'nl-BE', 'de', 'fr'] as const;
const GOOD_NEWS = /good news|goed nieuws|gute nachricht|bonne nouvelle/i;
const examples = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json')).map((f) => f.replace(/\.json$/, ''));

function customerTexts(r: DecisionResult): string[] {
  const view = r;
  return [
    view.text,
    view.outcomeLabel,
    ...view.reasons.flatMap((x) => [x.text, ...(x.source === undefined ? [] : [x.source.title])]),
    ...view.counterfactuals.map((c) => c.text),
    ...(view.whyNot === undefined ? [] : [view.whyNot.text, ...view.whyNot.blockers.map((b) => b.text)]),
    ...view.missing.filter((m) => m.askCustomer).map((m) => m.question),
    view.escalation.text,
    view.disclosure,
  ].filter((t): t is string => typeof t === 'string');
}

describe.each(examples)('every customer text of %s', (name) => {
  const json = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as { outcomes: Record<string, { tone?: string }> };
  const policy = definePolicy(json);
  const cases = (JSON.parse(readFileSync(new URL(`${name}.tests.json`, DIR), 'utf8')) as { cases: { facts: Record<string, unknown>; at?: string }[] }).cases;

  it.each(LOCALES)('in %s', async (locale) => {
    let checked = 0;
    for (const c of cases) {
      for (const whyNot of [undefined, ...Object.keys(json.outcomes)]) {
        const r = await explain(policy, c.facts, { locale, ...(c.at === undefined ? {} : { at: c.at }), ...(whyNot === undefined ? {} : { whyNot }) });
        for (const text of customerTexts(r)) {
          expect(text, text).not.toMatch(/\{\{|\}\}|\$t\(/);
          expect(foreignWords(text, r.locale), text).toEqual([]);
          checked++;
        }
        if (GOOD_NEWS.test(r.text)) expect(json.outcomes[r.outcome]?.tone, r.text).toBe('positive');
      }
    }
    expect(checked).toBeGreaterThan(cases.length * 5);
  });
});
