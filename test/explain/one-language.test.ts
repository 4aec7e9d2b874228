import { describe, expect, it } from 'vitest';
import { definePolicy, explain } from '../../src/index.js';
import { foreignWords } from '../helpers/language.js';

/** One language per result (CONTRACT §2): the best locale the policy's texts cover, frames included. */

const json = (texts: Record<string, Record<string, string>>) => ({
  id: 'lang',
  version: '1',
  facts: { late: { type: 'boolean', label: texts['label'] } },
  outcomes: { deny: { label: texts['deny'], adverse: true }, ok: { label: texts['ok'] } },
  rules: [{ name: 'late', conditions: { all: [{ fact: 'late', operator: 'equal', value: true }] }, event: { type: 'deny' }, because: texts['because'] }],
  decision: { default: 'ok' },
});
const enNl = definePolicy(
  json({
    label: { en: 'late', nl: 'te laat' },
    deny: { en: 'declined', nl: 'afgewezen' },
    ok: { en: 'accepted', nl: 'geaccepteerd' },
    because: { en: 'the subscriber has died', nl: 'de abonnee is overleden' },
  }),
);

describe('one language per result', () => {
  it.each([
    ['fr', 'en'],
    ['de-AT', 'en'],
    ['nl', 'nl'],
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl-BE'],
    ['en-GB', 'en'],
    [undefined, 'en'],
  ])('a %s request to a policy written in en and nl is answered in %s', async (requested, expected) => {
    const r = await explain(enNl, { late: true }, requested === undefined ? {} : { locale: requested });
    expect(r.locale).toBe(expected);
    for (const text of [r.text, r.escalation.text, r.disclosure, ...r.reasons.map((x) => x.text)]) expect(foreignWords(text, r.locale)).toEqual([]);
  });

  it('answers a French request to an English and Dutch policy all in English', async () => {
    const r = await explain(enNl, { late: true }, { locale: 'fr' });
    expect(r.text).toBe('Unfortunately, your request has been declined because the subscriber has died. If you disagree or would like to discuss it, a member of our team will be happy to help.');
  });

  it('chooses a locale every text covers over one that some texts lack', async () => {
    const partial = definePolicy(
      json({ label: { en: 'late', nl: 'te laat' }, deny: { en: 'declined', nl: 'afgewezen' }, ok: { en: 'accepted' }, because: { en: 'it was late', nl: 'het te laat was' } }),
    );
    const r = await explain(partial, { late: false }, { locale: 'nl' });
    expect(r.locale).toBe('en');
    expect(r.text).toBe('Your request has been accepted.');
  });

  it('finds the words of a second language', () => {
    expect(foreignWords('Bonne nouvelle : votre dossier a été accepted free of charge parce que the subscriber has died', 'fr')).not.toEqual([]);
    expect(foreignWords('Uw verzoek is afgewezen omdat de abonnee is overleden.', 'nl')).toEqual([]);
    expect(foreignWords('Uw verzoek is afgewezen because the subscriber has died.', 'nl')).toContain('because');
  });
});
