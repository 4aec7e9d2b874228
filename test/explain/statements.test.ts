import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, type DecisionResult } from '../../src/index.js';
import type { PolicyDocument } from '../../src/policy/schema.js';
import { FACT_NAMES, OUTCOME_NAMES, generatedPolicy, partialFacts, policyDocument } from '../helpers/arbitraries.js';

const L = (en: string, nl: string, de: string, fr: string) => ({ en, nl, de, fr });

/** A cancellation: a yes/no fact and an enum with statements, a list, and one without statements. */
const policy = definePolicy({
  id: 'statements',
  version: '1',
  kind: 'service',
  facts: {
    proof: {
      type: 'boolean',
      label: L('proof', 'bewijs', 'Nachweis', 'justificatif'),
      says: {
        true: L('you have sent us proof', 'u ons een bewijs hebt gestuurd', 'Sie uns einen Nachweis geschickt haben', 'vous nous avez envoyé un justificatif'),
        false: L('you have not sent us proof yet', 'u ons nog geen bewijs hebt gestuurd', 'Sie uns noch keinen Nachweis geschickt haben', 'vous ne nous avez pas encore envoyé de justificatif'),
      },
    },
    reason: {
      type: 'string',
      enum: ['moving-abroad', 'other'],
      label: L('the reason', 'de reden', 'der Grund', 'le motif'),
      says: { 'moving-abroad': L('you are moving abroad', 'u naar het buitenland verhuist', 'Sie ins Ausland ziehen', 'vous déménagez à l’étranger') },
    },
    business: { type: 'boolean', mutable: false, label: L('business contract', 'zakelijk contract', 'Geschäftsvertrag', 'contrat professionnel') },
    extras: { type: 'array', items: 'string', label: L('your extras', 'uw extra’s', 'Ihre Extras', 'vos options') },
  },
  outcomes: {
    free: { label: L('cancelled free of charge', 'kosteloos opgezegd', 'kostenlos gekündigt', 'résilié sans frais') },
    fee: { label: L('cancelled with a fee', 'opgezegd met kosten', 'gegen Gebühr gekündigt', 'résilié avec frais'), adverse: true },
  },
  decision: { default: 'fee' },
  rules: [
    {
      name: 'abroad',
      conditions: { all: [{ fact: 'reason', operator: 'in', value: ['moving-abroad'] }, { fact: 'proof', operator: 'equal', value: true }] },
      event: { type: 'free' },
    },
    { name: 'no-tv', conditions: { all: [{ fact: 'extras', operator: 'contains', value: 'tv' }, { fact: 'business', operator: 'equal', value: false }] }, event: { type: 'free' } },
  ],
});

const at = '2026-03-01';
const run = (facts: Record<string, unknown>, locale: string, whyNot?: string) => explain(policy, facts, { locale, at, ...(whyNot === undefined ? {} : { whyNot }) });

describe('facts that say themselves', () => {
  it.each([
    ['en', 'Your request has been cancelled free of charge because you are moving abroad and you have sent us proof.'],
    ['nl', 'Uw verzoek is kosteloos opgezegd omdat u naar het buitenland verhuist en u ons een bewijs hebt gestuurd.'],
    ['nl-BE', 'Uw aanvraag werd kosteloos opgezegd omdat u naar het buitenland verhuist en u ons een bewijs hebt gestuurd.'],
    ['de', 'Ihr Antrag wurde kostenlos gekündigt, weil Sie ins Ausland ziehen und Sie uns einen Nachweis geschickt haben.'],
    ['fr', 'Votre dossier a été résilié sans frais parce que vous déménagez à l’étranger et vous nous avez envoyé un justificatif.'],
  ])('a reason in %s is the facts’ own clauses', async (locale, text) => {
    expect((await run({ reason: 'moving-abroad', proof: true, extras: [], business: true }, locale)).text).toBe(text);
  });

  it.each([
    ['en', 'we still need to know whether you have sent us proof', 'Could you tell us whether you have sent us proof?'],
    ['nl', 'het volgende weten: of u ons een bewijs hebt gestuurd', 'Kunt u ons laten weten of u ons een bewijs hebt gestuurd?'],
    ['nl-BE', 'het volgende weten: of u ons een bewijs hebt gestuurd', 'Kunt u ons meedelen of u ons een bewijs hebt gestuurd?'],
    ['de', 'folgende Angaben: ob Sie uns einen Nachweis geschickt haben', 'Können Sie uns sagen, ob Sie uns einen Nachweis geschickt haben?'],
    ['fr', 'besoin de savoir : si vous nous avez envoyé un justificatif', 'Pourriez-vous nous dire si vous nous avez envoyé un justificatif ?'],
  ])('a missing yes/no fact in %s is asked with "whether"', async (locale, text, question) => {
    const result = await run({ reason: 'moving-abroad', extras: [], business: true }, locale);
    expect(result.outcome).toBe('undecided');
    expect(result.text).toContain(text);
    expect(result.missing.map((m) => m.question)).toEqual([question]);
  });

  it.each([
    ['en', 'Your request can be cancelled free of charge if you have sent us proof.'],
    ['nl', 'Uw verzoek kan kosteloos opgezegd worden als u ons een bewijs hebt gestuurd.'],
    ['nl-BE', 'Uw aanvraag kan kosteloos opgezegd worden als u ons een bewijs hebt gestuurd.'],
    ['de', 'Ihr Antrag kann kostenlos gekündigt werden, wenn Sie uns einen Nachweis geschickt haben.'],
    ['fr', 'Votre dossier peut être résilié sans frais si vous nous avez envoyé un justificatif.'],
  ])('why-not and the counterfactual in %s are advice', async (locale, advice) => {
    const result = await run({ reason: 'moving-abroad', proof: false, extras: [], business: true }, locale, 'free');
    // The other rule is an alternative ("…, or if …"): the easiest way comes first.
    expect(result.whyNot?.text.startsWith(advice.slice(0, -1))).toBe(true);
    expect(result.counterfactuals.map((c) => c.text)).toContain(advice);
  });

  it.each([
    ['en', 'if you add tv to your extras'],
    ['nl', 'als u tv toevoegt aan uw extra’s'],
    ['de', 'wenn Sie unter „Ihre Extras“ tv hinzufügen'],
    ['fr', 'si vous ajoutez tv dans « vos options »'],
  ])('a list counterfactual in %s says what to add', async (locale, change) => {
    const result = await run({ reason: 'other', proof: false, extras: ['sport'], business: false }, locale);
    expect(result.counterfactuals.map((c) => c.text)).toContainEqual(expect.stringContaining(change));
  });

  it('a yes/no fact without statements reads "… applies", never "is yes"', async () => {
    const result = await run({ reason: 'other', proof: false, extras: ['tv'], business: true }, 'en', 'free');
    expect(result.whyNot?.text).toContain('“business contract” does not apply');
    expect(result.whyNot?.text).not.toMatch(/\b(yes|no)\b/);
  });
});

/** Labels and statements that can be counted in a text: `LBL-n`, `SAYS-b-true`. */
function withStatements(doc: PolicyDocument): PolicyDocument {
  const facts = Object.fromEntries(FACT_NAMES.map((name) => [name, { ...doc.facts[name], label: `LBL-${name}` }]));
  facts['b'] = { ...facts['b'], says: { true: 'SAYS-b-true', false: 'SAYS-b-false' } } as (typeof facts)['b'];
  facts['s'] = { ...facts['s'], says: { a: 'SAYS-s-a', b: 'SAYS-s-b' } } as (typeof facts)['s'];
  return { ...doc, facts } as PolicyDocument;
}

const FORBIDDEN = ['{{', '}}', '$t(', 'the answer to', 'instead of nothing', 'in plaats van niets', 'statt nichts', 'au lieu de rien'];

function customerTexts(r: DecisionResult): string[] {
  return [r.text, r.escalation.text, ...r.reasons.map((x) => x.text), ...r.counterfactuals.map((c) => c.text), r.whyNot?.text ?? '', ...(r.whyNot?.blockers ?? []).map((b) => b.text), ...r.missing.filter((m) => m.askCustomer).map((m) => m.question)];
}

/** The conditions a why-not sentence names: one subject label or statement each, or the internal check, or "other conditions". */
const clausesOf = (sentence: string): number =>
  (sentence.match(/LBL-\w+(?= \(| is| does| includes| meets)|SAYS-[\w-]+|an internal check allows it|other conditions are met too|“LBL-\w+” (?:applies|does not apply)/g) ?? []).length;

describe('generated policies with statements', () => {
  it('never show raw syntax or "the answer to", and a why-not sentence names at most three conditions', async () => {
    await fc.assert(
      fc.asyncProperty(policyDocument, partialFacts, fc.constantFrom('en', 'nl', 'nl-BE', 'de', 'fr'), fc.constantFrom(...OUTCOME_NAMES), async (doc, facts, locale, whyNot) => {
        const p = generatedPolicy(withStatements(doc));
        if (p === undefined) return;
        const result = await explain(p, facts, { locale, at, whyNot });
        for (const text of customerTexts(result)) for (const word of FORBIDDEN) expect(text).not.toContain(word);
        if (locale === 'en') {
          for (const text of [result.whyNot?.text ?? '', ...(result.whyNot?.blockers ?? []).map((b) => b.text)]) {
            for (const sentence of text.split(/(?<=\.) (?=[A-Z])/)) if (/ can (?:still )?be /.test(sentence)) expect(clausesOf(sentence), sentence).toBeLessThanOrEqual(3);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
