import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, type DecisionResult } from '../../src/index.js';
import { BUILT_IN_LOCALES } from '../../src/explain/render.js';

/**
 * The built-in phrases in `locales/`: every language has every phrase of English, with the same
 * placeholders, really translated; and sentences rendered through `explain` read as the language
 * writes them (word order after "omdat"/"weil", separators, list words, plural forms, elision).
 */

const DIR = new URL('../../locales/', import.meta.url);
type Bundle = Record<string, string>;

/** A bundle as `{ "text.adverse": "…" }`. */
function flatten(node: unknown, prefix = ''): Bundle {
  const out: Bundle = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else Object.assign(out, flatten(value, `${prefix}${key}.`));
  }
  return out;
}

const bundles: Record<string, Bundle> = Object.fromEntries(
  readdirSync(DIR).map((l) => [l, flatten(JSON.parse(readFileSync(new URL(`${l}/because.json`, DIR), 'utf8')) as unknown)]),
);
const en = bundles['en'] as Bundle;
const translated = BUILT_IN_LOCALES.filter((l) => l !== 'en');
/** nl-BE holds only what Flemish says differently; everything else falls back to nl. */
const PARTIAL: Record<string, string> = { 'nl-BE': 'nl' };

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** English keys that i18next picks by plural form, by their base: `value.more` → ['one', 'other']. */
const pluralBases = new Set(Object.keys(en).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
const baseOf = (key: string): string => {
  const base = key.replace(PLURAL, '');
  return base !== key && pluralBases.has(base) ? base : key;
};

/** The keys a locale must have: English's, with each plural base in the locale's own plural forms. */
function expectedKeys(locale: string): string[] {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const plain = Object.keys(en).filter((k) => baseOf(k) === k);
  return [...plain, ...[...pluralBases].flatMap((b) => categories.map((c) => `${b}_${c}`))].sort();
}

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1] as string))].sort();

/** The English text a key translates; a plural form translates English's `_other`. */
const english = (key: string): string | undefined => en[key] ?? (baseOf(key) !== key ? en[`${baseOf(key)}_other`] : undefined);

/**
 * Phrases that are rightly the same as English in a language: only placeholders, or a symbol
 * that language writes the same way. Anything else equal to English is an untranslated copy.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  'condition.subject': ['nl', 'de', 'fr'],
  'condition.subject_unknown': ['nl', 'de', 'fr'],
  // A second reason after "because": French repeats "que" ("parce que A et que B"), the others do not.
  'text.further_reason': ['nl', 'de'],
};

describe('locale bundles', () => {
  it('exist for exactly the built-in locales', () => {
    expect(Object.keys(bundles).sort()).toEqual([...BUILT_IN_LOCALES].sort());
  });

  it.each(translated.filter((l) => PARTIAL[l] === undefined))('%s has exactly the keys of en, in its own plural forms', (locale) => {
    expect(Object.keys(bundles[locale] as Bundle).sort()).toEqual(expectedKeys(locale));
  });

  it.each(Object.entries(PARTIAL))('%s holds only keys of en, and only what differs from %s', (locale, parent) => {
    const bundle = bundles[locale] as Bundle;
    const allowed = new Set(expectedKeys(locale));
    expect(Object.keys(bundle).filter((k) => !allowed.has(k))).toEqual([]);
    expect(Object.keys(bundle).length).toBeGreaterThanOrEqual(5);
    for (const [key, value] of Object.entries(bundle)) expect(value, key).not.toBe((bundles[parent] as Bundle)[key]);
  });

  it.each(translated)('%s keeps the placeholders of every English phrase', (locale) => {
    for (const [key, value] of Object.entries(bundles[locale] as Bundle)) {
      const source = english(key);
      expect(source, `${locale}: ${key} has no English counterpart`).toBeDefined();
      expect(placeholders(value), `${locale}: ${key}`).toEqual(placeholders(source as string));
    }
  });

  it.each(translated)('%s translates every phrase, except the few that are rightly the same', (locale) => {
    for (const [key, value] of Object.entries(bundles[locale] as Bundle)) {
      const same = value === english(key);
      expect(same, `${locale}: ${key} is ${same ? 'still English' : 'translated but allow-listed as the same'}`).toBe(
        SAME_AS_ENGLISH[key]?.includes(locale) ?? false,
      );
    }
  });

  it('addresses the customer formally: u/uw, Sie/Ihr, vous/votre', () => {
    const words = (...w: string[]): RegExp => new RegExp(`(?<![\\p{L}])(${w.join('|')})(?![\\p{L}])`, 'iu');
    const informal: Record<string, RegExp> = {
      nl: words('je', 'jij', 'jou', 'jouw', 'jullie'),
      'nl-BE': words('je', 'jij', 'jou', 'jouw', 'jullie', 'ge', 'gij'),
      de: words('du', 'dich', 'dir', 'dein', 'deine', 'deinen', 'deinem', 'deiner', 'euch', 'euer'),
      fr: words('tu', 'toi', 'ton', 'ta', 'tes', 'te'),
    };
    for (const [locale, pattern] of Object.entries(informal)) {
      for (const [key, value] of Object.entries(bundles[locale] as Bundle)) expect(value, `${locale}: ${key}`).not.toMatch(pattern);
    }
    expect(bundles['nl']?.['frame.neutral.request']).toMatch(/\buw\b/i);
    expect(bundles['de']?.['frame.neutral.request']).toMatch(/\bIhr\b/);
    expect(bundles['fr']?.['frame.neutral.request']).toMatch(/\bvotre\b/i);
  });
});

// A policy without `because` texts, so that reasons are phrased from the built-in phrases.
const L = (en: string, nl: string, de: string, fr: string): Record<string, string> => ({ en, nl, de, fr });
const policy = definePolicy({
  id: 'delay',
  version: '1',
  kind: 'other',
  facts: {
    delay: { type: 'integer', unit: 'minute', label: L('your delay', 'uw vertraging', 'Ihre Verspätung', 'votre retard') },
    fare: { type: 'number', unit: 'currency', currency: 'EUR', label: L('the fare', 'de ritprijs', 'der Fahrpreis', 'le prix du billet') },
    share: { type: 'number', unit: 'percent', label: L('the share used', 'het gebruikte deel', 'der genutzte Anteil', 'la part utilisée') },
    days: { type: 'number', unit: 'day', label: L('the waiting time', 'de wachttijd', 'die Wartezeit', 'le délai d’attente') },
  },
  parameters: {
    limit: { value: 180, unit: 'minute', label: L('the limit', 'de grens', 'die Grenze', 'la limite') },
    maxFare: { value: 1000, unit: 'currency', currency: 'EUR' },
  },
  outcomes: {
    pay: { label: L('approved', 'goedgekeurd', 'genehmigt', 'accepté') },
    no: { label: L('declined', 'afgewezen', 'abgelehnt', 'refusé'), adverse: true },
  },
  decision: { default: 'pay' },
  rules: [
    {
      name: 'short-delay',
      conditions: { all: [{ fact: 'delay', operator: 'lessThan', value: { fact: 'limit' } }, { fact: 'share', operator: 'lessThanInclusive', value: 30 }] },
      event: { type: 'no' },
    },
    {
      name: 'fare-too-high',
      conditions: { all: [{ fact: 'fare', operator: 'greaterThan', value: { fact: 'maxFare' } }] },
      event: { type: 'no' },
      because: L('the fare is above {{maxFare}}', 'de ritprijs ({{fare}}) boven {{maxFare}} ligt', 'der Fahrpreis über {{maxFare}} liegt', 'il y a un plafond de {{maxFare}}'),
    },
    { name: 'waited', conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 0 }] }, event: { type: 'no' } },
  ],
});

const run = (facts: Record<string, unknown>, locale: string, whyNot?: string): Promise<DecisionResult> =>
  explain(policy, facts, { locale, ...(whyNot === undefined ? {} : { whyNot }) });
const short = { delay: 179, share: 30, fare: 10, days: 0 };

describe('rendered in each language', () => {
  it('Dutch: the verb comes last after "omdat", conditions joined with "en"', async () => {
    const r = await run(short, 'nl');
    expect(r.text).toMatch(/^Helaas is uw verzoek afgewezen omdat /);
    expect(r.text).toContain('omdat uw vertraging (2\u00a0uur en 59\u00a0minuten) minder is dan 3\u00a0uur en het gebruikte deel (30%) niet meer is dan 30%.');
    expect(r.text).not.toMatch(/omdat [^.]*\bis (minder|niet meer)\b/);
  });

  it('German: the verb comes last after "weil", with the comma German needs, joined with "und"', async () => {
    const r = await run(short, 'de');
    expect(r.text).toMatch(/^Leider wurde Ihr Antrag abgelehnt, weil /);
    expect(r.text).toContain('weil Ihre Verspätung (2\u00a0Stunden und 59\u00a0Minuten) weniger als 3\u00a0Stunden beträgt und der genutzte Anteil (30\u00a0%) höchstens 30\u00a0% beträgt.');
  });

  it('French: "parce que" in normal order, joined with "et", "%" after a no-break space', async () => {
    const r = await run(short, 'fr');
    expect(r.text).toMatch(/^Malheureusement, votre dossier a été refusé parce que /);
    expect(r.text).toContain('parce que votre retard (2\u00a0heures et 59\u00a0minutes) n’atteint pas 3\u00a0heures et la part utilisée (30\u00a0%) ne dépasse pas 30\u00a0%.');
  });

  it('Flemish: its own frames, with the Dutch phrases for what it does not say differently', async () => {
    const r = await run(short, 'nl-BE');
    expect(r.locale).toBe('nl-BE');
    expect(r.text).toMatch(/^Helaas werd uw aanvraag afgewezen omdat uw vertraging \(2\u00a0uur en 59\u00a0minuten\) minder is dan 3\u00a0uur/);
    expect(r.text).not.toBe((await run(short, 'nl')).text);
  });

  it('formats amounts the way each language writes them, inside a policy text', async () => {
    const facts = { delay: 500, share: 90, fare: 1249.5, days: 0 };
    expect((await run(facts, 'nl')).reasons[0]?.text).toMatch(/^de ritprijs \(€\s1\.249,50\) boven €\s1\.000,00 ligt$/);
    expect((await run(facts, 'de')).text).toMatch(/, weil der Fahrpreis über 1\.000,00\s€ liegt\./);
    expect((await run(facts, 'fr')).text).toMatch(/parce qu’il y a un plafond de 1\s000,00\s€\./);
  });

  it('French elides "que" before a vowel, and only there', async () => {
    const elided = await run({ delay: 500, share: 90, fare: 1249.5, days: 0 }, 'fr');
    expect(elided.text).toContain('parce qu’il y a');
    expect(elided.text).not.toMatch(/\bque il\b/);
    const plain = await run(short, 'fr');
    expect(plain.text).toContain('parce que votre retard');
  });

  it('French uses its plural forms: one below two, "many" for millions', async () => {
    const days = async (n: number): Promise<string> => (await run({ delay: 500, share: 90, fare: 10, days: n }, 'fr')).text;
    expect(await days(1.5)).toContain('le délai d’attente (1,5\u00a0jour) dépasse 0\u00a0jour');
    expect(await days(2)).toContain('(2\u00a0jours)');
    expect(await days(1_000_000)).toMatch(/\(1\s000\s000\sjours\)/);
  });

  it('phrases what would be needed in the word order of each language', async () => {
    const facts = { delay: 500, share: 90, fare: 10, days: 0 };
    const nl = (await run({ ...facts, delay: 100, share: 20 }, 'nl', 'pay')).whyNot?.text;
    expect(nl).toContain('Uw verzoek zou anders goedgekeurd worden, maar dat kan niet omdat uw vertraging (1\u00a0uur en 40\u00a0minuten) minder is dan 3\u00a0uur');
    const de = (await run({ ...facts, days: 3 }, 'de', 'pay')).whyNot?.text;
    expect(de).toMatch(/weil die Wartezeit \(3\u00a0Tage\) mehr als 0\u00a0Tage beträgt\.$/);
    const deNeeds = (await run(facts, 'de', 'no')).whyNot?.text;
    expect(deNeeds).toBe('Ihr Antrag kann abgelehnt werden, wenn der Fahrpreis (10,00\u00a0€) mehr als 1.000,00\u00a0€ beträgt, oder wenn die Wartezeit (0\u00a0Tage) mehr als 0\u00a0Tage beträgt.');
    const frNeeds = (await run(facts, 'fr', 'no')).whyNot?.text;
    expect(frNeeds).toMatch(/^Votre dossier peut être refusé si le prix du billet \(10,00\s€\) dépasse 1\s000,00\s€, ou si le délai d’attente \(0\s?jour\) dépasse 0\s?jour\.$/u);
  });

  it('never leaves a placeholder, a key or an English frame in any language', async () => {
    const english = new RegExp(['because', 'your request', 'would have', 'colleague'].join('|'), 'i');
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            delay: fc.integer({ min: 0, max: 2000 }),
            share: fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
            fare: fc.integer({ min: 0, max: 500_000 }).map((n) => n / 100),
            days: fc.integer({ min: 0, max: 3 }),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom(...translated),
        fc.constantFrom('pay', 'no'),
        async (facts, locale, whyNot) => {
          const r = await run(facts, locale, whyNot);
          const shown = [r.text, ...r.reasons.map((x) => x.text), ...r.counterfactuals.map((c) => c.text), r.whyNot?.text ?? '', ...r.missing.map((m) => m.question), r.escalation.text, r.disclosure];
          for (const s of shown) {
            expect(s).not.toMatch(/\{\{|\}\}|undefined|NaN|\b(text|condition|needs|whyNot|counterfactual|unit|value|escalation)\.[a-z]/);
            expect(s).not.toMatch(english);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
