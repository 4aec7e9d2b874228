import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../src/authoring/index.js';
import { definePolicy, explain, type DecisionResult } from '../../src/index.js';
import { foreignWords } from '../helpers/language.js';

/**
 * Every text a customer can read, for every case of every example in `rules-examples/`, in
 * every built-in locale, with why-not toward each other outcome: no template syntax, one
 * language, and good news only where the outcome's tone is positive; and every text the author
 * wrote is plain language (lint's B1 check).
 */

const DIR = new URL('../../rules-examples/', import.meta.url);
const LOCALES = ['en', 'nl', 'nl-BE', 'de', 'fr'] as const;
const GOOD_NEWS = /good news|goed nieuws|gute nachricht|bonne nouvelle/i;
const examples = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json')).map((f) => f.replace(/\.json$/, ''));

function customerTexts(r: DecisionResult): string[] {
  return [
    r.text,
    r.outcomeLabel,
    ...r.reasons.flatMap((x) => [x.text, ...(x.source === undefined ? [] : [x.source.title])]),
    ...r.counterfactuals.map((c) => c.text),
    ...(r.whyNot === undefined ? [] : [r.whyNot.text, ...r.whyNot.blockers.map((b) => b.text)]),
    ...r.missing.filter((m) => m.askCustomer).map((m) => m.question),
    r.escalation.text,
    r.disclosure,
  ].filter((t): t is string => typeof t === 'string');
}

describe.each(examples)('every customer text of %s', (name) => {
  const json = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as { outcomes: Record<string, { tone?: string }> };
  const policy = definePolicy(json);
  const cases = (JSON.parse(readFileSync(new URL(`${name}.tests.json`, DIR), 'utf8')) as { cases: { facts: Record<string, unknown>; at?: string }[] }).cases;

  it('is written in plain language (no text_not_plain finding)', () => {
    expect(lintPolicy(policy).filter((f) => f.code === 'text_not_plain')).toEqual([]);
  });

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
