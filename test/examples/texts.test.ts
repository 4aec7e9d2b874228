import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, type DecisionResult, type Policy } from '../../src/index.js';

/**
 * Every text a customer (or a colleague) reads, for representative cases of each example policy
 * in `rules-examples/`, in every built-in locale: the sentence frames of `locales/` filled with
 * the policy's own texts. Each snapshot has been read, sentence by sentence, in each language;
 * when one changes, read it again before accepting it.
 */

const DIR = new URL('../../rules-examples/', import.meta.url);
const CUSTOMER_LOCALES = ['en', 'nl', 'nl-BE', 'de', 'fr'] as const;
const AGENT_LOCALES = ['en', 'nl'] as const;

interface Case {
  name: string;
  facts: Record<string, unknown>;
  at?: string;
  expect: { outcome: string };
}

const policies = new Map<string, { policy: Policy; cases: Case[] }>();

/** The example policy `name` (`rules-examples/<name>.json`) and the cases of its tests file. */
function example(name: string): { policy: Policy; cases: Case[] } {
  let loaded = policies.get(name);
  if (loaded === undefined) {
    const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as unknown;
    loaded = { policy: definePolicy(read(`${name}.json`)), cases: (read(`${name}.tests.json`) as { cases: Case[] }).cases };
    policies.set(name, loaded);
  }
  return loaded;
}

/** Every text field of a result; fields the result lacks are left out. */
function textsOf(r: DecisionResult): Record<string, unknown> {
  return {
    outcome: r.outcomeLabel,
    text: r.text,
    ...(r.reasons.length === 0 ? {} : { reasons: r.reasons.map((x) => ({ text: x.text, ...(x.source === undefined ? {} : { source: x.source.title }) })) }),
    ...(r.counterfactuals.length === 0 ? {} : { counterfactuals: r.counterfactuals.map((c) => c.text) }),
    ...(r.whyNot === undefined ? {} : { whyNot: r.whyNot.text }),
    ...(r.missing.length === 0 ? {} : { missing: r.missing.map((m) => m.question) }),
    escalation: r.escalation.text,
    disclosure: r.disclosure,
  };
}

/**
 * The texts of one case of a policy's tests file (at the case's date), keyed by locale. The
 * outcome is checked first: a snapshot of the wrong decision would read well and mean nothing.
 */
async function texts(
  name: string,
  caseName: string,
  options: { audience?: 'customer' | 'agent'; whyNot?: string } = {},
): Promise<Record<string, Record<string, unknown>>> {
  const { policy, cases } = example(name);
  const c = cases.find((x) => x.name === caseName);
  if (c === undefined) throw new Error(`${name}.tests.json has no case "${caseName}"`);
  const locales = options.audience === 'agent' ? AGENT_LOCALES : CUSTOMER_LOCALES;
  const out: Record<string, Record<string, unknown>> = {};
  for (const locale of locales) {
    const result = await explain(policy, c.facts, { locale, ...options, ...(c.at === undefined ? {} : { at: c.at }) });
    expect(result.outcome, `${caseName} (${locale})`).toBe(c.expect.outcome);
    expect(result.locale).toBe(locale);
    out[locale] = textsOf(result);
  }
  return out;
}

describe('refund', () => {
  it('declined after the return period, and why it was not approved', async () => {
    expect(await texts('refund', 'declined one day after the return period (31 days)', { whyNot: 'approve' })).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Wenn Sie nicht einverstanden sind oder darüber sprechen möchten, hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "abgelehnt",
          "reasons": [
            {
              "source": "Rückgabebedingungen, Abschnitt 2.1",
              "text": "die Rückgabefrist von 30 Tagen abgelaufen ist",
            },
          ],
          "text": "Leider können wir Ihnen den Betrag für diese Bestellung nicht erstatten, weil die Rückgabefrist von 30 Tagen abgelaufen ist. Wenn Sie nicht einverstanden sind oder darüber sprechen möchten, hilft Ihnen jemand aus unserem Team gern weiter.",
          "whyNot": "Ihr Antrag kann genehmigt werden, wenn der Artikel beschädigt angekommen ist. Ihr Antrag würde sonst genehmigt werden, doch das ist nicht möglich, weil die Rückgabefrist von 30 Tagen abgelaufen ist.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "outcome": "declined",
          "reasons": [
            {
              "source": "Returns policy, section 2.1",
              "text": "the return period of 30 days has passed",
            },
          ],
          "text": "We can't refund this order because the return period of 30 days has passed. If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "whyNot": "Your request can be approved if the item arrived damaged. Your request would otherwise be approved, but that is not possible because the return period of 30 days has passed.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Si vous n’êtes pas d’accord ou si vous souhaitez en parler, l’un de nos conseillers se tient à votre disposition.",
          "outcome": "refusé",
          "reasons": [
            {
              "source": "Conditions de retour, article 2.1",
              "text": "le délai de retour de 30 jours est dépassé",
            },
          ],
          "text": "Nous ne pouvons malheureusement pas rembourser cette commande parce que le délai de retour de 30 jours est dépassé. Si vous n’êtes pas d’accord ou si vous souhaitez en parler, l’un de nos conseillers se tient à votre disposition.",
          "whyNot": "Votre dossier peut être accepté si l’article est arrivé endommagé. Votre dossier serait en principe accepté, mais ce n’est pas possible parce que le délai de retour de 30 jours est dépassé.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "outcome": "afgewezen",
          "reasons": [
            {
              "source": "Retourbeleid, artikel 2.1",
              "text": "de retourtermijn van 30 dagen is verstreken",
            },
          ],
          "text": "Helaas krijgt u voor deze bestelling geen geld terug omdat de retourtermijn van 30 dagen is verstreken. Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "whyNot": "Uw verzoek kan goedgekeurd worden als het artikel beschadigd is aangekomen. Uw verzoek zou anders goedgekeurd worden, maar dat kan niet omdat de retourtermijn van 30 dagen is verstreken.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u er graag over praten? Dan bekijkt een van onze medewerkers het graag nog eens.",
          "outcome": "afgewezen",
          "reasons": [
            {
              "source": "Retourbeleid, artikel 2.1",
              "text": "de retourtermijn van 30 dagen is verstreken",
            },
          ],
          "text": "Helaas krijgt u voor deze bestelling geen geld terug omdat de retourtermijn van 30 dagen is verstreken. Bent u het er niet mee eens of wilt u er graag over praten? Dan bekijkt een van onze medewerkers het graag nog eens.",
          "whyNot": "Uw aanvraag kan goedgekeurd worden als het artikel beschadigd is aangekomen. Uw aanvraag zou anders goedgekeurd worden, maar dat kan niet omdat de retourtermijn van 30 dagen is verstreken.",
        },
      }
    `);
  });

  it('approved because the item arrived damaged', async () => {
    expect(await texts('refund', 'damaged on arrival approved even from a final sale after the return period')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Bei Fragen hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "genehmigt",
          "reasons": [
            {
              "source": "Rückgabebedingungen, Abschnitt 1.2",
              "text": "der Artikel beschädigt angekommen ist",
            },
          ],
          "text": "Gute Nachrichten: Ihr Antrag wurde genehmigt, weil der Artikel beschädigt angekommen ist.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you have any questions, a member of our team will be happy to help.",
          "outcome": "approved",
          "reasons": [
            {
              "source": "Returns policy, section 1.2",
              "text": "the item arrived damaged",
            },
          ],
          "text": "Good news: your request has been approved because the item arrived damaged.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Pour toute question, nos conseillers restent à votre disposition.",
          "outcome": "accepté",
          "reasons": [
            {
              "source": "Conditions de retour, article 1.2",
              "text": "l’article est arrivé endommagé",
            },
          ],
          "text": "Bonne nouvelle : votre dossier a été accepté parce que l’article est arrivé endommagé.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag.",
          "outcome": "goedgekeurd",
          "reasons": [
            {
              "source": "Retourbeleid, artikel 1.2",
              "text": "het artikel beschadigd is aangekomen",
            },
          ],
          "text": "Goed nieuws: uw verzoek is goedgekeurd omdat het artikel beschadigd is aangekomen.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag verder.",
          "outcome": "goedgekeurd",
          "reasons": [
            {
              "source": "Retourbeleid, artikel 1.2",
              "text": "het artikel beschadigd is aangekomen",
            },
          ],
          "text": "Goed nieuws: uw aanvraag werd goedgekeurd omdat het artikel beschadigd is aangekomen.",
        },
      }
    `);
  });

  it('undecided while only the purchase date is known', async () => {
    expect(await texts('refund', 'undecided with only the purchase date known')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Wenn Sie möchten, kann sich stattdessen auch jemand aus unserem Team Ihr Anliegen ansehen.",
          "missing": [
            "War der Artikel beschädigt, als er bei Ihnen ankam?",
            "Haben Sie den Artikel im Ausverkauf gekauft?",
            "Wurde das Hygienesiegel geöffnet?",
            "Wie hoch war der Bestellwert?",
          ],
          "outcome": "noch nicht entschieden",
          "text": "Wir können über Ihren Antrag noch nicht entscheiden, denn uns fehlen noch folgende Angaben: ob der Artikel beschädigt angekommen ist, ob der Artikel im Ausverkauf gekauft wurde, ob das Hygienesiegel geöffnet wurde und der Bestellwert. Wenn Sie möchten, kann sich stattdessen auch jemand aus unserem Team Ihr Anliegen ansehen.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you prefer, a member of our team can look into it instead.",
          "missing": [
            "Was the item damaged when it arrived?",
            "Was the item bought in a final sale?",
            "Has the hygiene seal been broken?",
            "What was the order total?",
          ],
          "outcome": "not decided yet",
          "text": "We can't decide on your request yet: we still need to know whether the item arrived damaged, whether the item was bought in a final sale, whether the hygiene seal has been broken, and the order total. If you prefer, a member of our team can look into it instead.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Si vous le préférez, l’un de nos conseillers peut examiner votre dossier.",
          "missing": [
            "L’article était-il endommagé à son arrivée ?",
            "Avez-vous acheté l’article en liquidation ?",
            "Le scellé d’hygiène a-t-il été rompu ?",
            "Quel était le montant de la commande ?",
          ],
          "outcome": "en attente de décision",
          "text": "Nous ne pouvons pas encore nous prononcer sur votre dossier, car nous avons encore besoin de savoir : si l’article est arrivé endommagé, si l’article a été acheté en liquidation, si le scellé d’hygiène a été rompu et le montant de la commande. Si vous le préférez, l’un de nos conseillers peut examiner votre dossier.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Wilt u liever dat een medewerker ernaar kijkt? Dat kan ook.",
          "missing": [
            "Was het artikel beschadigd toen het aankwam?",
            "Is het artikel gekocht in een uitverkoop zonder retourrecht?",
            "Is het hygiënezegel verbroken?",
            "Wat was het orderbedrag?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw verzoek beslissen, want we moeten nog het volgende weten: of het artikel beschadigd is aangekomen, of het artikel in een uitverkoop zonder retourrecht is gekocht, of het hygiënezegel is verbroken en het orderbedrag. Wilt u liever dat een medewerker ernaar kijkt? Dat kan ook.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Verkiest u dat een medewerker ernaar kijkt? Dat kan ook.",
          "missing": [
            "Was het artikel beschadigd toen het aankwam?",
            "Is het artikel gekocht in een uitverkoop zonder retourrecht?",
            "Is het hygiënezegel verbroken?",
            "Wat was het orderbedrag?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw aanvraag beslissen, want we moeten nog het volgende weten: of het artikel beschadigd is aangekomen, of het artikel in een uitverkoop zonder retourrecht is gekocht, of het hygiënezegel is verbroken en het orderbedrag. Verkiest u dat een medewerker ernaar kijkt? Dat kan ook.",
        },
      }
    `);
  });

  it('agent view: the declined refund with its conditions and figures', async () => {
    expect(await texts('refund', 'declined one day after the return period (31 days)', { audience: 'agent', whyNot: 'approve' })).toMatchInlineSnapshot(`
      {
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "outcome": "declined",
          "reasons": [
            {
              "source": "Returns policy, section 2.1",
              "text": "the return period of 30 days has passed (the number of days since purchase (31 days) is more than 30 days and your loyalty tier (Silver) is not Gold)",
            },
          ],
          "text": "We can't refund this order because the return period of 30 days has passed (the number of days since purchase (31 days) is more than 30 days and your loyalty tier (Silver) is not Gold). If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "whyNot": "Your request can be approved if the item arrived damaged. Your request would otherwise be approved, but that is not possible because the return period of 30 days has passed (the number of days since purchase (31 days) is more than 30 days and your loyalty tier (Silver) is not Gold).",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "outcome": "afgewezen",
          "reasons": [
            {
              "source": "Retourbeleid, artikel 2.1",
              "text": "de retourtermijn van 30 dagen is verstreken (het aantal dagen sinds de aankoop (31 dagen) meer is dan 30 dagen en uw klantniveau (zilver) niet goud is)",
            },
          ],
          "text": "Helaas krijgt u voor deze bestelling geen geld terug omdat de retourtermijn van 30 dagen is verstreken (het aantal dagen sinds de aankoop (31 dagen) meer is dan 30 dagen en uw klantniveau (zilver) niet goud is). Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "whyNot": "Uw verzoek kan goedgekeurd worden als het artikel beschadigd is aangekomen. Uw verzoek zou anders goedgekeurd worden, maar dat kan niet omdat de retourtermijn van 30 dagen is verstreken (het aantal dagen sinds de aankoop (31 dagen) meer is dan 30 dagen en uw klantniveau (zilver) niet goud is).",
        },
      }
    `);
  });
});

describe('account-access', () => {
  it('locked after five failed sign-ins, and why access was not granted', async () => {
    expect(await texts('account-access', 'the fifth failed sign-in locks the account', { whyNot: 'allow' })).toMatchInlineSnapshot(`
      {
        "de": {
          "counterfactuals": [
            "Ihr Antrag kann genehmigt werden, wenn Sie Ihre Identität bestätigt haben.",
          ],
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Jemand aus unserem Kontoteam kann sich das mit Ihnen ansehen: Antworten Sie auf diese Nachricht, oder legen Sie unter https://example.com/account/appeal Widerspruch ein, wenn Sie meinen, dass wir uns geirrt haben.",
          "outcome": "vorübergehend gesperrt",
          "reasons": [
            {
              "source": "Sicherheitsrichtlinie, Abschnitt 2: Schutz bei der Anmeldung",
              "text": "die Anmeldung innerhalb von 15 Minuten 5-mal fehlgeschlagen ist. Die Sperre endet 30 Minuten nach dem letzten Versuch von selbst oder sofort, sobald Sie Ihre Identität bestätigen",
            },
          ],
          "text": "Zu Ihrer Sicherheit haben wir Ihr Konto vorübergehend gesperrt, weil die Anmeldung innerhalb von 15 Minuten 5-mal fehlgeschlagen ist. Die Sperre endet 30 Minuten nach dem letzten Versuch von selbst oder sofort, sobald Sie Ihre Identität bestätigen. Jemand aus unserem Kontoteam kann sich das mit Ihnen ansehen: Antworten Sie auf diese Nachricht, oder legen Sie unter https://example.com/account/appeal Widerspruch ein, wenn Sie meinen, dass wir uns geirrt haben.",
          "whyNot": "Ihr Antrag kann genehmigt werden, wenn Sie Ihre Identität bestätigt haben. Ihr Antrag würde sonst genehmigt werden, doch das ist nicht möglich, weil die Anmeldung innerhalb von 15 Minuten 5-mal fehlgeschlagen ist. Die Sperre endet 30 Minuten nach dem letzten Versuch von selbst oder sofort, sobald Sie Ihre Identität bestätigen.",
        },
        "en": {
          "counterfactuals": [
            "Your request can be granted if you have verified your identity.",
          ],
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "Someone from our account team can look at this with you: reply to this message, or appeal at https://example.com/account/appeal if you think we got it wrong.",
          "outcome": "temporarily locked",
          "reasons": [
            {
              "source": "Security policy, section 2: sign-in protection",
              "text": "signing in failed 5 times within 15 minutes. It unlocks by itself 30 minutes after the last attempt, or straight away when you verify your identity",
            },
          ],
          "text": "For your security, we have temporarily locked your account, because signing in failed 5 times within 15 minutes. It unlocks by itself 30 minutes after the last attempt, or straight away when you verify your identity. Someone from our account team can look at this with you: reply to this message, or appeal at https://example.com/account/appeal if you think we got it wrong.",
          "whyNot": "Your request can be granted if you have verified your identity. Your request would otherwise be granted, but that is not possible because signing in failed 5 times within 15 minutes. It unlocks by itself 30 minutes after the last attempt, or straight away when you verify your identity.",
        },
        "fr": {
          "counterfactuals": [
            "Votre dossier peut être accepté si vous avez confirmé votre identité.",
          ],
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Un membre de notre équipe Comptes peut examiner la situation avec vous : répondez à ce message, ou contestez la décision sur https://example.com/account/appeal si vous pensez que nous nous sommes trompés.",
          "outcome": "temporairement bloqué",
          "reasons": [
            {
              "source": "Politique de sécurité, article 2 : protection de la connexion",
              "text": "la connexion a échoué 5 fois en 15 minutes. Le blocage est levé automatiquement 30 minutes après la dernière tentative, ou immédiatement dès que vous confirmez votre identité",
            },
          ],
          "text": "Pour votre sécurité, nous avons temporairement bloqué votre compte, parce que la connexion a échoué 5 fois en 15 minutes. Le blocage est levé automatiquement 30 minutes après la dernière tentative, ou immédiatement dès que vous confirmez votre identité. Un membre de notre équipe Comptes peut examiner la situation avec vous : répondez à ce message, ou contestez la décision sur https://example.com/account/appeal si vous pensez que nous nous sommes trompés.",
          "whyNot": "Votre dossier peut être accepté si vous avez confirmé votre identité. Votre dossier serait en principe accepté, mais ce n’est pas possible parce que la connexion a échoué 5 fois en 15 minutes. Le blocage est levé automatiquement 30 minutes après la dernière tentative, ou immédiatement dès que vous confirmez votre identité.",
        },
        "nl": {
          "counterfactuals": [
            "Uw verzoek kan ingewilligd worden als u uw identiteit hebt bevestigd.",
          ],
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
          "outcome": "tijdelijk geblokkeerd",
          "reasons": [
            {
              "source": "Beveiligingsbeleid, artikel 2: bescherming bij inloggen",
              "text": "het inloggen binnen 15 minuten 5 keer is mislukt. Het slot gaat 30 minuten na de laatste poging vanzelf open, of meteen zodra u uw identiteit bevestigt",
            },
          ],
          "text": "Voor uw veiligheid hebben we uw account tijdelijk geblokkeerd, omdat het inloggen binnen 15 minuten 5 keer is mislukt. Het slot gaat 30 minuten na de laatste poging vanzelf open, of meteen zodra u uw identiteit bevestigt. Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
          "whyNot": "Uw verzoek kan ingewilligd worden als u uw identiteit hebt bevestigd. Uw verzoek zou anders ingewilligd worden, maar dat kan niet omdat het inloggen binnen 15 minuten 5 keer is mislukt. Het slot gaat 30 minuten na de laatste poging vanzelf open, of meteen zodra u uw identiteit bevestigt.",
        },
        "nl-BE": {
          "counterfactuals": [
            "Uw aanvraag kan ingewilligd worden als u uw identiteit hebt bevestigd.",
          ],
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
          "outcome": "tijdelijk geblokkeerd",
          "reasons": [
            {
              "source": "Beveiligingsbeleid, artikel 2: bescherming bij inloggen",
              "text": "het inloggen binnen 15 minuten 5 keer is mislukt. Het slot gaat 30 minuten na de laatste poging vanzelf open, of meteen zodra u uw identiteit bevestigt",
            },
          ],
          "text": "Voor uw veiligheid hebben we uw account tijdelijk geblokkeerd, omdat het inloggen binnen 15 minuten 5 keer is mislukt. Het slot gaat 30 minuten na de laatste poging vanzelf open, of meteen zodra u uw identiteit bevestigt. Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
          "whyNot": "Uw aanvraag kan ingewilligd worden als u uw identiteit hebt bevestigd. Uw aanvraag zou anders ingewilligd worden, maar dat kan niet omdat het inloggen binnen 15 minuten 5 keer is mislukt. Het slot gaat 30 minuten na de laatste poging vanzelf open, of meteen zodra u uw identiteit bevestigt.",
        },
      }
    `);
  });

  it('granted after verifying your identity', async () => {
    expect(await texts('account-access', 'verifying your identity unlocks at once')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Bei Fragen hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "genehmigt",
          "reasons": [
            {
              "source": "Sicherheitsrichtlinie, Abschnitt 3: Entsperren Ihres Kontos",
              "text": "Sie Ihre Identität bestätigt haben",
            },
          ],
          "text": "Ihr Antrag wurde genehmigt, weil Sie Ihre Identität bestätigt haben.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you have any questions, a member of our team will be happy to help.",
          "outcome": "granted",
          "reasons": [
            {
              "source": "Security policy, section 3: unlocking your account",
              "text": "you have verified your identity",
            },
          ],
          "text": "Your request has been granted because you have verified your identity.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Pour toute question, nos conseillers restent à votre disposition.",
          "outcome": "accepté",
          "reasons": [
            {
              "source": "Politique de sécurité, article 3 : déblocage de votre compte",
              "text": "vous avez confirmé votre identité",
            },
          ],
          "text": "Votre dossier a été accepté parce que vous avez confirmé votre identité.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag.",
          "outcome": "ingewilligd",
          "reasons": [
            {
              "source": "Beveiligingsbeleid, artikel 3: uw account ontgrendelen",
              "text": "u uw identiteit heeft bevestigd",
            },
          ],
          "text": "Uw verzoek is ingewilligd omdat u uw identiteit heeft bevestigd.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag verder.",
          "outcome": "ingewilligd",
          "reasons": [
            {
              "source": "Beveiligingsbeleid, artikel 3: uw account ontgrendelen",
              "text": "u uw identiteit heeft bevestigd",
            },
          ],
          "text": "Uw aanvraag werd ingewilligd omdat u uw identiteit heeft bevestigd.",
        },
      }
    `);
  });

  it('undecided while the account history is unknown', async () => {
    expect(await texts('account-access', 'undecided: locked sign-ins known, account history unknown')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Jemand aus unserem Kontoteam kann sich das mit Ihnen ansehen: Antworten Sie auf diese Nachricht, oder legen Sie unter https://example.com/account/appeal Widerspruch ein, wenn Sie meinen, dass wir uns geirrt haben.",
          "missing": [
            "Haben Sie die Identitätsprüfung aus unserer E-Mail abgeschlossen?",
            "Wie viele Ihrer Zahlungen an uns hat Ihre Bank in den letzten 12 Monaten zurückgebucht?",
            "Wie oft ist die Identitätsprüfung fehlgeschlagen?",
            "Seit wie vielen Tagen ist Ihre älteste unbezahlte Rechnung überfällig?",
          ],
          "outcome": "noch nicht entschieden",
          "text": "Wir können über Ihren Antrag noch nicht entscheiden, denn uns fehlen noch folgende Angaben: ob Sie Ihre Identität bestätigt haben, die Anzahl der Rückbuchungen in den letzten 12 Monaten, die Anzahl der fehlgeschlagenen Identitätsprüfungen und die Dauer des Zahlungsverzugs Ihrer ältesten Rechnung. Jemand aus unserem Kontoteam kann sich das mit Ihnen ansehen: Antworten Sie auf diese Nachricht, oder legen Sie unter https://example.com/account/appeal Widerspruch ein, wenn Sie meinen, dass wir uns geirrt haben.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "Someone from our account team can look at this with you: reply to this message, or appeal at https://example.com/account/appeal if you think we got it wrong.",
          "missing": [
            "Have you completed the identity check in the e-mail we sent you?",
            "How many of your payments to us has your bank reversed in the past 12 months?",
            "How many times has the identity check failed?",
            "How many days overdue is your oldest unpaid invoice?",
          ],
          "outcome": "not decided yet",
          "text": "We can't decide on your request yet: we still need to know whether you have verified your identity, the number of payments your bank reversed in the past 12 months, the number of failed identity checks, and the number of days your oldest invoice is overdue. Someone from our account team can look at this with you: reply to this message, or appeal at https://example.com/account/appeal if you think we got it wrong.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Un membre de notre équipe Comptes peut examiner la situation avec vous : répondez à ce message, ou contestez la décision sur https://example.com/account/appeal si vous pensez que nous nous sommes trompés.",
          "missing": [
            "Avez-vous effectué la vérification d’identité demandée dans notre e-mail ?",
            "Combien de vos paiements votre banque a-t-elle annulés au cours des 12 derniers mois ?",
            "Combien de fois la vérification d’identité a-t-elle échoué ?",
            "De combien de jours votre plus ancienne facture impayée est-elle en retard ?",
          ],
          "outcome": "en attente de décision",
          "text": "Nous ne pouvons pas encore nous prononcer sur votre dossier, car nous avons encore besoin de savoir : si vous avez confirmé votre identité, le nombre de paiements annulés par votre banque au cours des 12 derniers mois, le nombre de vérifications d’identité échouées et le nombre de jours de retard de votre plus ancienne facture. Un membre de notre équipe Comptes peut examiner la situation avec vous : répondez à ce message, ou contestez la décision sur https://example.com/account/appeal si vous pensez que nous nous sommes trompés.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
          "missing": [
            "Heeft u de identiteitscontrole uit onze e-mail afgerond?",
            "Hoeveel van uw betalingen aan ons heeft uw bank de afgelopen 12 maanden teruggeboekt?",
            "Hoe vaak is de identiteitscontrole mislukt?",
            "Hoeveel dagen te laat is uw oudste onbetaalde factuur?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw verzoek beslissen, want we moeten nog het volgende weten: of u uw identiteit hebt bevestigd, het aantal terugboekingen in de afgelopen 12 maanden, het aantal mislukte identiteitscontroles en het aantal dagen dat uw oudste factuur te laat is. Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
          "missing": [
            "Heeft u de identiteitscontrole uit onze e-mail afgerond?",
            "Hoeveel van uw betalingen aan ons heeft uw bank de afgelopen 12 maanden teruggeboekt?",
            "Hoe vaak is de identiteitscontrole mislukt?",
            "Hoeveel dagen te laat is uw oudste onbetaalde factuur?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw aanvraag beslissen, want we moeten nog het volgende weten: of u uw identiteit hebt bevestigd, het aantal terugboekingen in de afgelopen 12 maanden, het aantal mislukte identiteitscontroles en het aantal dagen dat uw oudste factuur te laat is. Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
        },
      }
    `);
  });

  it('agent view: a suspension for fraud risk states the internal score and limit', async () => {
    expect(await texts('account-access', 'a fraud score at the internal limit suspends without naming it', { audience: 'agent', whyNot: 'allow' })).toMatchInlineSnapshot(`
      {
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "Someone from our account team can look at this with you: reply to this message, or appeal at https://example.com/account/appeal if you think we got it wrong.",
          "outcome": "suspended",
          "reasons": [
            {
              "source": "Terms of use, section 9.3: suspension to prevent fraud",
              "text": "our security checks found unusual activity on your account (the fraud risk score (87) is at least 87)",
            },
          ],
          "text": "Unfortunately, your account has been suspended because our security checks found unusual activity on your account (the fraud risk score (87) is at least 87). Someone from our account team can look at this with you: reply to this message, or appeal at https://example.com/account/appeal if you think we got it wrong.",
          "whyNot": "Your request would otherwise be granted, but that is not possible because our security checks found unusual activity on your account (the fraud risk score (87) is at least 87).",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
          "outcome": "opgeschort",
          "reasons": [
            {
              "source": "Gebruiksvoorwaarden, artikel 9.3: opschorting om fraude te voorkomen",
              "text": "onze beveiligingscontroles ongebruikelijke activiteit op uw account hebben gevonden (de frauderisicoscore (87) minstens 87 is)",
            },
          ],
          "text": "Helaas is uw account opgeschort omdat onze beveiligingscontroles ongebruikelijke activiteit op uw account hebben gevonden (de frauderisicoscore (87) minstens 87 is). Iemand van ons accountteam kan dit met u bekijken: reageer op dit bericht, of maak bezwaar via https://example.com/account/bezwaar als u denkt dat het niet klopt.",
          "whyNot": "Uw verzoek zou anders ingewilligd worden, maar dat kan niet omdat onze beveiligingscontroles ongebruikelijke activiteit op uw account hebben gevonden (de frauderisicoscore (87) minstens 87 is).",
        },
      }
    `);
  });
});

describe('data-deletion', () => {
  it('kept open for an unpaid balance, and why it was not deleted', async () => {
    expect(await texts('data-deletion', 'a balance of 5.01 euro keeps the account open', { whyNot: 'erase' })).toMatchInlineSnapshot(`
      {
        "de": {
          "counterfactuals": [
            "Ihr Antrag kann angenommen werden, wenn die Höhe des offenen Betrags 5,00 € beträgt (derzeit 5,01 €).",
          ],
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Wenn Sie nicht einverstanden sind oder darüber sprechen möchten, hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "vorerst nicht gelöscht",
          "reasons": [
            {
              "source": "DSGVO, Artikel 17 Absatz 3 Buchstabe e, und unsere Bedingungen, Abschnitt 6",
              "text": "noch ein Betrag von 5,01 € offen ist. Sobald er bezahlt ist, können wir Ihr Konto löschen",
            },
          ],
          "text": "Wir können Ihr Konto noch nicht löschen, weil noch ein Betrag von 5,01 € offen ist. Sobald er bezahlt ist, können wir Ihr Konto löschen. Wenn Sie nicht einverstanden sind oder darüber sprechen möchten, hilft Ihnen jemand aus unserem Team gern weiter.",
          "whyNot": "Ihr Antrag kann angenommen werden, wenn die Höhe des offenen Betrags (5,01 €) höchstens 5,00 € beträgt.",
        },
        "en": {
          "counterfactuals": [
            "Your request can be accepted if the unpaid balance is €5.00 (it is now €5.01).",
          ],
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "outcome": "kept open for now",
          "reasons": [
            {
              "source": "GDPR, article 17(3)(e), and our terms, section 6",
              "text": "there is still an unpaid balance of €5.01. Once it is paid, we can delete your account",
            },
          ],
          "text": "We can't delete your account yet, because there is still an unpaid balance of €5.01. Once it is paid, we can delete your account. If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "whyNot": "Your request can be accepted if the unpaid balance (€5.01) is at most €5.00.",
        },
        "fr": {
          "counterfactuals": [
            "Votre dossier peut être accepté si le solde impayé est de 5,00 € (actuellement 5,01 €).",
          ],
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Si vous n’êtes pas d’accord ou si vous souhaitez en parler, l’un de nos conseillers se tient à votre disposition.",
          "outcome": "maintenu ouvert pour le moment",
          "reasons": [
            {
              "source": "RGPD, article 17, paragraphe 3, point e), et nos conditions, article 6",
              "text": "il reste un solde impayé de 5,01 €. Dès qu’il sera réglé, nous pourrons supprimer votre compte",
            },
          ],
          "text": "Nous ne pouvons pas encore supprimer votre compte, parce qu’il reste un solde impayé de 5,01 €. Dès qu’il sera réglé, nous pourrons supprimer votre compte. Si vous n’êtes pas d’accord ou si vous souhaitez en parler, l’un de nos conseillers se tient à votre disposition.",
          "whyNot": "Votre dossier peut être accepté si le solde impayé (5,01 €) ne dépasse pas 5,00 €.",
        },
        "nl": {
          "counterfactuals": [
            "Uw verzoek kan ingewilligd worden als het openstaande saldo € 5,00 is (nu € 5,01).",
          ],
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "outcome": "voorlopig opengehouden",
          "reasons": [
            {
              "source": "AVG, artikel 17 lid 3 onder e, en onze voorwaarden, artikel 6",
              "text": "er nog een openstaand saldo van € 5,01 is. Zodra dat is betaald, kunnen we uw account verwijderen",
            },
          ],
          "text": "We kunnen uw account nog niet verwijderen, omdat er nog een openstaand saldo van € 5,01 is. Zodra dat is betaald, kunnen we uw account verwijderen. Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "whyNot": "Uw verzoek kan ingewilligd worden als het openstaande saldo (€ 5,01) niet meer is dan € 5,00.",
        },
        "nl-BE": {
          "counterfactuals": [
            "Uw aanvraag kan ingewilligd worden als het openstaande saldo € 5,00 is (nu € 5,01).",
          ],
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u er graag over praten? Dan bekijkt een van onze medewerkers het graag nog eens.",
          "outcome": "voorlopig opengehouden",
          "reasons": [
            {
              "source": "AVG, artikel 17 lid 3 onder e, en onze voorwaarden, artikel 6",
              "text": "er nog een openstaand saldo van € 5,01 is. Zodra dat is betaald, kunnen we uw account verwijderen",
            },
          ],
          "text": "We kunnen uw account nog niet verwijderen, omdat er nog een openstaand saldo van € 5,01 is. Zodra dat is betaald, kunnen we uw account verwijderen. Bent u het er niet mee eens of wilt u er graag over praten? Dan bekijkt een van onze medewerkers het graag nog eens.",
          "whyNot": "Uw aanvraag kan ingewilligd worden als het openstaande saldo (€ 5,01) niet meer is dan € 5,00.",
        },
      }
    `);
  });

  it('deleted: nothing to keep', async () => {
    expect(await texts('data-deletion', 'erased: no invoices, nothing open')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Bei Fragen hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "angenommen",
          "reasons": [
            {
              "source": "DSGVO, Artikel 17 Absatz 1 und Artikel 12 Absatz 3",
              "text": "kein Gesetz uns verpflichtet, Ihre Daten aufzubewahren. Wir löschen sie innerhalb von 30 Tagen",
            },
          ],
          "text": "Ihr Antrag wurde angenommen, weil kein Gesetz uns verpflichtet, Ihre Daten aufzubewahren. Wir löschen sie innerhalb von 30 Tagen.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you have any questions, a member of our team will be happy to help.",
          "outcome": "accepted",
          "reasons": [
            {
              "source": "GDPR, article 17(1) and 12(3)",
              "text": "no law requires us to keep your data. We will delete it within 30 days",
            },
          ],
          "text": "Your request has been accepted because no law requires us to keep your data. We will delete it within 30 days.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Pour toute question, nos conseillers restent à votre disposition.",
          "outcome": "accepté",
          "reasons": [
            {
              "source": "RGPD, article 17, paragraphe 1, et article 12, paragraphe 3",
              "text": "aucune loi ne nous oblige à conserver vos données. Nous les supprimerons dans un délai de 30 jours",
            },
          ],
          "text": "Votre dossier a été accepté parce qu’aucune loi ne nous oblige à conserver vos données. Nous les supprimerons dans un délai de 30 jours.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag.",
          "outcome": "ingewilligd",
          "reasons": [
            {
              "source": "AVG, artikel 17 lid 1 en artikel 12 lid 3",
              "text": "geen wet ons verplicht uw gegevens te bewaren. We verwijderen ze binnen 30 dagen",
            },
          ],
          "text": "Uw verzoek is ingewilligd omdat geen wet ons verplicht uw gegevens te bewaren. We verwijderen ze binnen 30 dagen.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag verder.",
          "outcome": "ingewilligd",
          "reasons": [
            {
              "source": "AVG, artikel 17 lid 1 en artikel 12 lid 3",
              "text": "geen wet ons verplicht uw gegevens te bewaren. We verwijderen ze binnen 30 dagen",
            },
          ],
          "text": "Uw aanvraag werd ingewilligd omdat geen wet ons verplicht uw gegevens te bewaren. We verwijderen ze binnen 30 dagen.",
        },
      }
    `);
  });

  it('undecided while the open cases and the last invoice are unknown', async () => {
    expect(await texts('data-deletion', 'undecided until we know the open cases and the age of the last invoice')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Wenn Sie möchten, kann sich stattdessen auch jemand aus unserem Team Ihr Anliegen ansehen.",
          "missing": [
            "Haben Sie bei uns noch offene Vorgänge, etwa einen Streitfall zu einer Zahlung oder Bestellung?",
            "Vor wie vielen Jahren haben Sie Ihre letzte Rechnung von uns erhalten?",
          ],
          "outcome": "noch nicht entschieden",
          "text": "Wir können über Ihren Antrag noch nicht entscheiden, denn uns fehlen noch folgende Angaben: die Liste Ihrer offenen Vorgänge und die Anzahl der Jahre seit Ihrer letzten Rechnung. Wenn Sie möchten, kann sich stattdessen auch jemand aus unserem Team Ihr Anliegen ansehen.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you prefer, a member of our team can look into it instead.",
          "missing": [
            "Do you have any open cases with us, such as a dispute about a payment or an order?",
            "How many years ago did we send you your last invoice?",
          ],
          "outcome": "not decided yet",
          "text": "We can't decide on your request yet: we still need to know your open cases and the number of years since your last invoice. If you prefer, a member of our team can look into it instead.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Si vous le préférez, l’un de nos conseillers peut examiner votre dossier.",
          "missing": [
            "Avez-vous encore des dossiers en cours chez nous, par exemple un litige concernant un paiement ou une commande ?",
            "Combien d’années se sont écoulées depuis votre dernière facture ?",
          ],
          "outcome": "en attente de décision",
          "text": "Nous ne pouvons pas encore nous prononcer sur votre dossier, car nous avons encore besoin de savoir : la liste de vos dossiers en cours et le nombre d’années écoulées depuis votre dernière facture. Si vous le préférez, l’un de nos conseillers peut examiner votre dossier.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Wilt u liever dat een medewerker ernaar kijkt? Dat kan ook.",
          "missing": [
            "Heeft u bij ons nog lopende zaken, zoals een geschil over een betaling of bestelling?",
            "Hoeveel jaar geleden kreeg u uw laatste factuur van ons?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw verzoek beslissen, want we moeten nog het volgende weten: uw lopende zaken en het aantal jaren sinds uw laatste factuur. Wilt u liever dat een medewerker ernaar kijkt? Dat kan ook.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Verkiest u dat een medewerker ernaar kijkt? Dat kan ook.",
          "missing": [
            "Heeft u bij ons nog lopende zaken, zoals een geschil over een betaling of bestelling?",
            "Hoeveel jaar geleden kreeg u uw laatste factuur van ons?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw aanvraag beslissen, want we moeten nog het volgende weten: uw lopende zaken en het aantal jaren sinds uw laatste factuur. Verkiest u dat een medewerker ernaar kijkt? Dat kan ook.",
        },
      }
    `);
  });

  it('agent view: invoices kept for tax', async () => {
    expect(await texts('data-deletion', 'invoices younger than 7 years are kept, the rest is deleted', { audience: 'agent', whyNot: 'erase' })).toMatchInlineSnapshot(`
      {
        "en": {
          "counterfactuals": [
            "Your request can be kept open for now if you have not confirmed your request yet.",
            "Your request can be kept open for now if the unpaid balance is €5.01 (it is now €0.00).",
          ],
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "outcome": "deleted except for your invoices",
          "reasons": [
            {
              "source": "Dutch General Tax Act (AWR), article 52",
              "text": "tax law requires us to keep invoices for 7 years. We will delete all your other data within 30 days (there are invoices on your account and the number of years since your last invoice (6.9) is less than 7)",
            },
          ],
          "text": "We will delete your personal data, except for your invoices, because tax law requires us to keep invoices for 7 years. We will delete all your other data within 30 days (there are invoices on your account and the number of years since your last invoice (6.9) is less than 7). If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "whyNot": "Your request can be accepted if there are no invoices on your account, or if the number of years since your last invoice (6.9) is at least 7.",
        },
        "nl": {
          "counterfactuals": [
            "Uw verzoek kan voorlopig opengehouden worden als u uw verzoek nog niet hebt bevestigd.",
            "Uw verzoek kan voorlopig opengehouden worden als het openstaande saldo € 5,01 is (nu € 0,00).",
          ],
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "outcome": "op uw facturen na verwijderd",
          "reasons": [
            {
              "source": "Algemene wet inzake rijksbelastingen, artikel 52",
              "text": "de belastingwet ons verplicht facturen 7 jaar te bewaren. Al uw andere gegevens verwijderen we binnen 30 dagen (er facturen op uw account staan en het aantal jaren sinds uw laatste factuur (6,9) minder is dan 7)",
            },
          ],
          "text": "We verwijderen uw persoonsgegevens, op uw facturen na, omdat de belastingwet ons verplicht facturen 7 jaar te bewaren. Al uw andere gegevens verwijderen we binnen 30 dagen (er facturen op uw account staan en het aantal jaren sinds uw laatste factuur (6,9) minder is dan 7). Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "whyNot": "Uw verzoek kan ingewilligd worden als er geen facturen op uw account staan, of als het aantal jaren sinds uw laatste factuur (6,9) minstens 7 is.",
        },
      }
    `);
  });
});

describe('service', () => {
  it('a repair postponed by an outage, and why it was not scheduled', async () => {
    expect(await texts('service', 'outage in the area postpones a repair visit', { whyNot: 'schedule' })).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Wenn Sie nicht einverstanden sind oder darüber sprechen möchten, hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "verschoben",
          "reasons": [
            {
              "source": "Serviceversprechen, Abschnitt 5: Störungen",
              "text": "es in Ihrer Region eine Störung gibt, die unsere Techniker vorrangig beheben. Wir erwarten, dass sie innerhalb von 8 Stunden behoben ist",
            },
          ],
          "text": "Das können wir im Moment leider nicht für Sie erledigen, weil es in Ihrer Region eine Störung gibt, die unsere Techniker vorrangig beheben. Wir erwarten, dass sie innerhalb von 8 Stunden behoben ist. Wenn Sie nicht einverstanden sind oder darüber sprechen möchten, hilft Ihnen jemand aus unserem Team gern weiter.",
          "whyNot": "Ihr Antrag würde sonst angenommen und eingeplant werden, doch das ist nicht möglich, weil es in Ihrer Region eine Störung gibt, die unsere Techniker vorrangig beheben. Wir erwarten, dass sie innerhalb von 8 Stunden behoben ist.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "outcome": "postponed",
          "reasons": [
            {
              "source": "Service promise, section 5: outages",
              "text": "there is an outage in your area that our technicians are fixing first. We expect it to be solved within 8 hours",
            },
          ],
          "text": "We can't do this for you right now because there is an outage in your area that our technicians are fixing first. We expect it to be solved within 8 hours. If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "whyNot": "Your request would otherwise be scheduled, but that is not possible because there is an outage in your area that our technicians are fixing first. We expect it to be solved within 8 hours.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Si vous n’êtes pas d’accord ou si vous souhaitez en parler, l’un de nos conseillers se tient à votre disposition.",
          "outcome": "reporté",
          "reasons": [
            {
              "source": "Engagement de service, article 5 : pannes",
              "text": "il y a dans votre secteur une panne que nos techniciens réparent en priorité. Nous pensons qu’elle sera résolue d’ici 8 heures",
            },
          ],
          "text": "Nous ne pouvons malheureusement pas nous en charger pour le moment parce qu’il y a dans votre secteur une panne que nos techniciens réparent en priorité. Nous pensons qu’elle sera résolue d’ici 8 heures. Si vous n’êtes pas d’accord ou si vous souhaitez en parler, l’un de nos conseillers se tient à votre disposition.",
          "whyNot": "Votre dossier serait en principe pris en charge, mais ce n’est pas possible parce qu’il y a dans votre secteur une panne que nos techniciens réparent en priorité. Nous pensons qu’elle sera résolue d’ici 8 heures.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "outcome": "uitgesteld",
          "reasons": [
            {
              "source": "Servicebelofte, artikel 5: storingen",
              "text": "er een storing in uw regio is die onze monteurs eerst oplossen. We verwachten dat die binnen 8 uur is verholpen",
            },
          ],
          "text": "We kunnen dit op dit moment helaas niet voor u regelen omdat er een storing in uw regio is die onze monteurs eerst oplossen. We verwachten dat die binnen 8 uur is verholpen. Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "whyNot": "Uw verzoek zou anders ingepland worden, maar dat kan niet omdat er een storing in uw regio is die onze monteurs eerst oplossen. We verwachten dat die binnen 8 uur is verholpen.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u er graag over praten? Dan bekijkt een van onze medewerkers het graag nog eens.",
          "outcome": "uitgesteld",
          "reasons": [
            {
              "source": "Servicebelofte, artikel 5: storingen",
              "text": "er een storing in uw regio is die onze techniekers eerst oplossen. We verwachten dat die binnen 8 uur is verholpen",
            },
          ],
          "text": "We kunnen dit op dit moment helaas niet voor u regelen omdat er een storing in uw regio is die onze techniekers eerst oplossen. We verwachten dat die binnen 8 uur is verholpen. Bent u het er niet mee eens of wilt u er graag over praten? Dan bekijkt een van onze medewerkers het graag nog eens.",
          "whyNot": "Uw aanvraag zou anders ingepland worden, maar dat kan niet omdat er een storing in uw regio is die onze techniekers eerst oplossen. We verwachten dat die binnen 8 uur is verholpen.",
        },
      }
    `);
  });

  it('a repair scheduled within the Plus visit time', async () => {
    expect(await texts('service', 'Plus repair in the Randstad: within 3 days')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Bei Fragen hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "angenommen und eingeplant",
          "reasons": [
            {
              "source": "Serviceversprechen, Abschnitt 2: Wartezeiten auf einen Techniker",
              "text": "Sie mit Ihrem Plus-Tarif höchstens 3 Tage auf einen Techniker warten",
            },
          ],
          "text": "Ihr Antrag wurde angenommen und eingeplant, weil Sie mit Ihrem Plus-Tarif höchstens 3 Tage auf einen Techniker warten.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you have any questions, a member of our team will be happy to help.",
          "outcome": "scheduled",
          "reasons": [
            {
              "source": "Service promise, section 2: visit times",
              "text": "with your Plus plan a technician comes within 3 days",
            },
          ],
          "text": "Your request has been scheduled because with your Plus plan a technician comes within 3 days.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Pour toute question, nos conseillers restent à votre disposition.",
          "outcome": "pris en charge",
          "reasons": [
            {
              "source": "Engagement de service, article 2 : délais d’intervention",
              "text": "avec votre formule Plus, un technicien passe dans un délai de 3 jours",
            },
          ],
          "text": "Votre dossier a été pris en charge parce qu’avec votre formule Plus, un technicien passe dans un délai de 3 jours.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag.",
          "outcome": "ingepland",
          "reasons": [
            {
              "source": "Servicebelofte, artikel 2: bezoektermijnen",
              "text": "er met uw Plus-abonnement binnen 3 dagen een monteur komt",
            },
          ],
          "text": "Uw verzoek is ingepland omdat er met uw Plus-abonnement binnen 3 dagen een monteur komt.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag verder.",
          "outcome": "ingepland",
          "reasons": [
            {
              "source": "Servicebelofte, artikel 2: bezoektermijnen",
              "text": "er met uw Plus-abonnement binnen 3 dagen een technieker komt",
            },
          ],
          "text": "Uw aanvraag werd ingepland omdat er met uw Plus-abonnement binnen 3 dagen een technieker komt.",
        },
      }
    `);
  });

  it('undecided while the plan is unknown', async () => {
    expect(await texts('service', 'undecided: a repair without the plan')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Wenn Sie möchten, kann sich stattdessen auch jemand aus unserem Team Ihr Anliegen ansehen.",
          "missing": [
            "Welchen Tarif haben Sie: Basic, Plus oder Pro?",
          ],
          "outcome": "noch nicht entschieden",
          "text": "Wir können über Ihren Antrag noch nicht entscheiden, denn uns fehlen noch folgende Angaben: Ihr Tarif. Wenn Sie möchten, kann sich stattdessen auch jemand aus unserem Team Ihr Anliegen ansehen.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you prefer, a member of our team can look into it instead.",
          "missing": [
            "Which plan do you have: Basic, Plus or Pro?",
          ],
          "outcome": "not decided yet",
          "text": "We can't decide on your request yet: we still need to know your plan. If you prefer, a member of our team can look into it instead.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Si vous le préférez, l’un de nos conseillers peut examiner votre dossier.",
          "missing": [
            "Quelle formule avez-vous : Basic, Plus ou Pro ?",
          ],
          "outcome": "en attente de décision",
          "text": "Nous ne pouvons pas encore nous prononcer sur votre dossier, car nous avons encore besoin de savoir : votre formule. Si vous le préférez, l’un de nos conseillers peut examiner votre dossier.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Wilt u liever dat een medewerker ernaar kijkt? Dat kan ook.",
          "missing": [
            "Welk abonnement heeft u: Basis, Plus of Pro?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw verzoek beslissen, want we moeten nog het volgende weten: uw abonnement. Wilt u liever dat een medewerker ernaar kijkt? Dat kan ook.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Verkiest u dat een medewerker ernaar kijkt? Dat kan ook.",
          "missing": [
            "Welk abonnement heeft u: Basis, Plus of Pro?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw aanvraag beslissen, want we moeten nog het volgende weten: uw abonnement. Verkiest u dat een medewerker ernaar kijkt? Dat kan ook.",
        },
      }
    `);
  });

  it('agent view: a repair past the promised time goes to a specialist', async () => {
    expect(await texts('service', 'Dutch: half an hour past the 72-hour promise goes to a specialist', { audience: 'agent', whyNot: 'schedule' })).toMatchInlineSnapshot(`
      {
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "We will look into it personally and get back to you.",
          "outcome": "passed to a specialist",
          "reasons": [
            {
              "source": "Service promise, section 3: repair times",
              "text": "the repair is taking longer than the 72 hours we promise (you asked for a repair and the time since you reported the problem (72 hours and 30 minutes) is more than 72 hours)",
            },
          ],
          "text": "Your request has been passed to a specialist because the repair is taking longer than the 72 hours we promise (you asked for a repair and the time since you reported the problem (72 hours and 30 minutes) is more than 72 hours). We will look into it personally and get back to you.",
          "whyNot": "Your request would otherwise be scheduled, but that is not possible because the repair is taking longer than the 72 hours we promise (you asked for a repair and the time since you reported the problem (72 hours and 30 minutes) is more than 72 hours).",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "We bekijken uw verzoek persoonlijk en nemen daarna contact met u op.",
          "outcome": "naar een specialist doorgezet",
          "reasons": [
            {
              "source": "Servicebelofte, artikel 3: hersteltijden",
              "text": "de reparatie langer duurt dan de 72 uur die we beloven (u een reparatie hebt aangevraagd en de tijd sinds uw melding (72 uur en 30 minuten) meer is dan 72 uur)",
            },
          ],
          "text": "Uw verzoek is naar een specialist doorgezet omdat de reparatie langer duurt dan de 72 uur die we beloven (u een reparatie hebt aangevraagd en de tijd sinds uw melding (72 uur en 30 minuten) meer is dan 72 uur). We bekijken uw verzoek persoonlijk en nemen daarna contact met u op.",
          "whyNot": "Uw verzoek zou anders ingepland worden, maar dat kan niet omdat de reparatie langer duurt dan de 72 uur die we beloven (u een reparatie hebt aangevraagd en de tijd sinds uw melding (72 uur en 30 minuten) meer is dan 72 uur).",
        },
      }
    `);
  });
});

describe('personalisation', () => {
  it('the same offers as everyone: nothing matches, and why they are not personalised', async () => {
    expect(await texts('personalisation', '11 months of membership and nothing matching: the general offers', { whyNot: 'personalised' })).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Ein Computer hat anhand Ihres Surfverhaltens auf unserer Website, der Dauer Ihrer Mitgliedschaft und Ihrer Datenschutzauswahl entschieden, was Sie sehen. Sie können diese Auswahl jederzeit in Ihren Datenschutzeinstellungen ändern oder personalisierte Angebote ganz abbestellen.",
          "escalation": "Bei Fragen hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "für alle gleich gestaltet",
          "reasons": [
            {
              "source": "Datenschutzerklärung, Abschnitt 4: personalisierte Angebote",
              "text": "nichts, was Sie kürzlich auf unserer Website getan haben, zu einem persönlichen Angebot passt. Deshalb zeigen wir Ihnen dieselben Angebote wie allen anderen",
            },
          ],
          "text": "Ihre Angebote wurden für alle gleich gestaltet, weil nichts, was Sie kürzlich auf unserer Website getan haben, zu einem persönlichen Angebot passt. Deshalb zeigen wir Ihnen dieselben Angebote wie allen anderen.",
          "whyNot": "Ihre Angebote können personalisiert werden, wenn die Liste Ihrer kürzlich angesehenen Kategorien ([redacted]) Garten enthält, oder wenn die Anzahl der Monate Ihrer Mitgliedschaft (11) mindestens 12 beträgt.",
        },
        "en": {
          "disclosure": "A computer chose what you see from your browsing history on our site, how long you have been a member and your privacy choices. You can change those choices, or stop personalised offers, at any time in your privacy settings.",
          "escalation": "If you have any questions, a member of our team will be happy to help.",
          "outcome": "kept general",
          "reasons": [
            {
              "source": "Privacy statement, section 4: personalised offers",
              "text": "nothing you did recently on our site matches a personal offer. So we show you the same offers as everyone else",
            },
          ],
          "text": "Your offers have been kept general because nothing you did recently on our site matches a personal offer. So we show you the same offers as everyone else.",
          "whyNot": "Your offers can be personalised if garden appears in the categories you viewed recently ([redacted]), or if the number of months you have been a member (11) is at least 12.",
        },
        "fr": {
          "disclosure": "Un ordinateur a choisi ce que vous voyez en fonction de votre navigation sur notre site, de votre ancienneté en tant que membre et de vos choix de confidentialité. Vous pouvez modifier ces choix, ou refuser les offres personnalisées, à tout moment dans vos paramètres de confidentialité.",
          "escalation": "Pour toute question, nos conseillers restent à votre disposition.",
          "outcome": "identiques pour tous",
          "reasons": [
            {
              "source": "Déclaration de confidentialité, article 4 : offres personnalisées",
              "text": "rien de ce que vous avez fait récemment sur notre site ne correspond à une offre personnelle. Nous vous montrons donc les mêmes offres qu’à tous nos autres clients",
            },
          ],
          "text": "Vos offres ont été identiques pour tous parce que rien de ce que vous avez fait récemment sur notre site ne correspond à une offre personnelle. Nous vous montrons donc les mêmes offres qu’à tous nos autres clients.",
          "whyNot": "Vos offres peuvent être personnalisées si jardin figure dans la liste des catégories que vous avez consultées récemment ([redacted]), ou si le nombre de mois d’adhésion (11) est d’au moins 12.",
        },
        "nl": {
          "disclosure": "Een computer heeft bepaald wat u ziet, op basis van uw klikgedrag op onze site, hoe lang u lid bent en uw privacykeuzes. U kunt die keuzes wijzigen, of persoonlijke aanbiedingen stopzetten, wanneer u wilt in uw privacy-instellingen.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag.",
          "outcome": "voor iedereen gelijk",
          "reasons": [
            {
              "source": "Privacyverklaring, artikel 4: persoonlijke aanbiedingen",
              "text": "niets wat u onlangs op onze site deed bij een persoonlijke aanbieding past. Daarom tonen we u dezelfde aanbiedingen als iedereen",
            },
          ],
          "text": "Uw aanbiedingen zijn voor iedereen gelijk omdat niets wat u onlangs op onze site deed bij een persoonlijke aanbieding past. Daarom tonen we u dezelfde aanbiedingen als iedereen.",
          "whyNot": "Uw aanbiedingen kunnen gepersonaliseerd worden als tuin in de categorieën die u onlangs bekeek ([redacted]) voorkomt, of als het aantal maanden dat u lid bent (11) minstens 12 is.",
        },
        "nl-BE": {
          "disclosure": "Een computer heeft bepaald wat u ziet, op basis van uw klikgedrag op onze site, hoe lang u lid bent en uw privacykeuzes. U kunt die keuzes wijzigen, of persoonlijke aanbiedingen stopzetten, wanneer u wilt in uw privacy-instellingen.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag verder.",
          "outcome": "voor iedereen gelijk",
          "reasons": [
            {
              "source": "Privacyverklaring, artikel 4: persoonlijke aanbiedingen",
              "text": "niets wat u onlangs op onze site deed bij een persoonlijke aanbieding past. Daarom tonen we u dezelfde aanbiedingen als iedereen",
            },
          ],
          "text": "Uw aanbiedingen werden voor iedereen gelijk omdat niets wat u onlangs op onze site deed bij een persoonlijke aanbieding past. Daarom tonen we u dezelfde aanbiedingen als iedereen.",
          "whyNot": "Uw aanbiedingen kunnen gepersonaliseerd worden als tuin in de categorieën die u onlangs bekeek ([redacted]) voorkomt, of als het aantal maanden dat u lid bent (11) minstens 12 is.",
        },
      }
    `);
  });

  it('personalised from recent browsing and membership', async () => {
    expect(await texts('personalisation', 'personalised from recent browsing and membership')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Ein Computer hat anhand Ihres Surfverhaltens auf unserer Website, der Dauer Ihrer Mitgliedschaft und Ihrer Datenschutzauswahl entschieden, was Sie sehen. Sie können diese Auswahl jederzeit in Ihren Datenschutzeinstellungen ändern oder personalisierte Angebote ganz abbestellen.",
          "escalation": "Bei Fragen hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "personalisiert",
          "reasons": [
            {
              "source": "Datenschutzerklärung, Abschnitt 4: personalisierte Angebote",
              "text": "Sie sich kürzlich auf unserer Website Produkte der Kategorie Laufschuhe angesehen haben",
            },
            {
              "source": "Datenschutzerklärung, Abschnitt 4: personalisierte Angebote",
              "text": "Sie seit mindestens 12 Monaten Mitglied sind",
            },
          ],
          "text": "Ihre Angebote wurden personalisiert, weil Sie sich kürzlich auf unserer Website Produkte der Kategorie Laufschuhe angesehen haben und Sie seit mindestens 12 Monaten Mitglied sind.",
        },
        "en": {
          "disclosure": "A computer chose what you see from your browsing history on our site, how long you have been a member and your privacy choices. You can change those choices, or stop personalised offers, at any time in your privacy settings.",
          "escalation": "If you have any questions, a member of our team will be happy to help.",
          "outcome": "personalised",
          "reasons": [
            {
              "source": "Privacy statement, section 4: personalised offers",
              "text": "you recently viewed products in the category running shoes on our site",
            },
            {
              "source": "Privacy statement, section 4: personalised offers",
              "text": "you have been a member for at least 12 months",
            },
          ],
          "text": "Your offers have been personalised because you recently viewed products in the category running shoes on our site and you have been a member for at least 12 months.",
        },
        "fr": {
          "disclosure": "Un ordinateur a choisi ce que vous voyez en fonction de votre navigation sur notre site, de votre ancienneté en tant que membre et de vos choix de confidentialité. Vous pouvez modifier ces choix, ou refuser les offres personnalisées, à tout moment dans vos paramètres de confidentialité.",
          "escalation": "Pour toute question, nos conseillers restent à votre disposition.",
          "outcome": "personnalisées",
          "reasons": [
            {
              "source": "Déclaration de confidentialité, article 4 : offres personnalisées",
              "text": "vous avez récemment consulté des produits de la catégorie chaussures de course sur notre site",
            },
            {
              "source": "Déclaration de confidentialité, article 4 : offres personnalisées",
              "text": "vous êtes membre depuis au moins 12 mois",
            },
          ],
          "text": "Vos offres ont été personnalisées parce que vous avez récemment consulté des produits de la catégorie chaussures de course sur notre site et que vous êtes membre depuis au moins 12 mois.",
        },
        "nl": {
          "disclosure": "Een computer heeft bepaald wat u ziet, op basis van uw klikgedrag op onze site, hoe lang u lid bent en uw privacykeuzes. U kunt die keuzes wijzigen, of persoonlijke aanbiedingen stopzetten, wanneer u wilt in uw privacy-instellingen.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag.",
          "outcome": "gepersonaliseerd",
          "reasons": [
            {
              "source": "Privacyverklaring, artikel 4: persoonlijke aanbiedingen",
              "text": "u onlangs producten in de categorie hardloopschoenen op onze site heeft bekeken",
            },
            {
              "source": "Privacyverklaring, artikel 4: persoonlijke aanbiedingen",
              "text": "u al minstens 12 maanden lid bent",
            },
          ],
          "text": "Uw aanbiedingen zijn gepersonaliseerd omdat u onlangs producten in de categorie hardloopschoenen op onze site heeft bekeken en u al minstens 12 maanden lid bent.",
        },
        "nl-BE": {
          "disclosure": "Een computer heeft bepaald wat u ziet, op basis van uw klikgedrag op onze site, hoe lang u lid bent en uw privacykeuzes. U kunt die keuzes wijzigen, of persoonlijke aanbiedingen stopzetten, wanneer u wilt in uw privacy-instellingen.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag verder.",
          "outcome": "gepersonaliseerd",
          "reasons": [
            {
              "source": "Privacyverklaring, artikel 4: persoonlijke aanbiedingen",
              "text": "u onlangs producten in de categorie hardloopschoenen op onze site heeft bekeken",
            },
            {
              "source": "Privacyverklaring, artikel 4: persoonlijke aanbiedingen",
              "text": "u al minstens 12 maanden lid bent",
            },
          ],
          "text": "Uw aanbiedingen werden gepersonaliseerd omdat u onlangs producten in de categorie hardloopschoenen op onze site heeft bekeken en u al minstens 12 maanden lid bent.",
        },
      }
    `);
  });

  it('undecided while the age is unknown', async () => {
    expect(await texts('personalisation', 'age is needed before anything else')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Ein Computer hat anhand Ihres Surfverhaltens auf unserer Website, der Dauer Ihrer Mitgliedschaft und Ihrer Datenschutzauswahl entschieden, was Sie sehen. Sie können diese Auswahl jederzeit in Ihren Datenschutzeinstellungen ändern oder personalisierte Angebote ganz abbestellen.",
          "escalation": "Wenn Sie möchten, kann sich stattdessen auch jemand aus unserem Team Ihr Anliegen ansehen.",
          "missing": [
            "Wie alt sind Sie?",
          ],
          "outcome": "noch nicht entschieden",
          "text": "Wir können über Ihren Antrag noch nicht entscheiden, denn uns fehlen noch folgende Angaben: Ihr Alter. Wenn Sie möchten, kann sich stattdessen auch jemand aus unserem Team Ihr Anliegen ansehen.",
        },
        "en": {
          "disclosure": "A computer chose what you see from your browsing history on our site, how long you have been a member and your privacy choices. You can change those choices, or stop personalised offers, at any time in your privacy settings.",
          "escalation": "If you prefer, a member of our team can look into it instead.",
          "missing": [
            "How old are you?",
          ],
          "outcome": "not decided yet",
          "text": "We can't decide on your request yet: we still need to know your age. If you prefer, a member of our team can look into it instead.",
        },
        "fr": {
          "disclosure": "Un ordinateur a choisi ce que vous voyez en fonction de votre navigation sur notre site, de votre ancienneté en tant que membre et de vos choix de confidentialité. Vous pouvez modifier ces choix, ou refuser les offres personnalisées, à tout moment dans vos paramètres de confidentialité.",
          "escalation": "Si vous le préférez, l’un de nos conseillers peut examiner votre dossier.",
          "missing": [
            "Quel âge avez-vous ?",
          ],
          "outcome": "en attente de décision",
          "text": "Nous ne pouvons pas encore nous prononcer sur votre dossier, car nous avons encore besoin de savoir : votre âge. Si vous le préférez, l’un de nos conseillers peut examiner votre dossier.",
        },
        "nl": {
          "disclosure": "Een computer heeft bepaald wat u ziet, op basis van uw klikgedrag op onze site, hoe lang u lid bent en uw privacykeuzes. U kunt die keuzes wijzigen, of persoonlijke aanbiedingen stopzetten, wanneer u wilt in uw privacy-instellingen.",
          "escalation": "Wilt u liever dat een medewerker ernaar kijkt? Dat kan ook.",
          "missing": [
            "Hoe oud bent u?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw verzoek beslissen, want we moeten nog het volgende weten: uw leeftijd. Wilt u liever dat een medewerker ernaar kijkt? Dat kan ook.",
        },
        "nl-BE": {
          "disclosure": "Een computer heeft bepaald wat u ziet, op basis van uw klikgedrag op onze site, hoe lang u lid bent en uw privacykeuzes. U kunt die keuzes wijzigen, of persoonlijke aanbiedingen stopzetten, wanneer u wilt in uw privacy-instellingen.",
          "escalation": "Verkiest u dat een medewerker ernaar kijkt? Dat kan ook.",
          "missing": [
            "Hoe oud bent u?",
          ],
          "outcome": "nog niet beslist",
          "text": "We kunnen nog niet over uw aanvraag beslissen, want we moeten nog het volgende weten: uw leeftijd. Verkiest u dat een medewerker ernaar kijkt? Dat kan ook.",
        },
      }
    `);
  });

  it('agent view: a minor sees no offers', async () => {
    expect(await texts('personalisation', 'a 17-year-old sees no offers', { audience: 'agent', whyNot: 'personalised' })).toMatchInlineSnapshot(`
      {
        "en": {
          "disclosure": "A computer chose what you see from your browsing history on our site, how long you have been a member and your privacy choices. You can change those choices, or stop personalised offers, at any time in your privacy settings.",
          "escalation": "If you have any questions, a member of our team will be happy to help.",
          "outcome": "hidden",
          "reasons": [
            {
              "source": "GDPR, recital 38, and our advertising code, section 3",
              "text": "we do not show offers to anyone under 18 (your age ([redacted]) is less than 18)",
            },
          ],
          "text": "We don't show you any offers, because we do not show offers to anyone under 18 (your age ([redacted]) is less than 18).",
          "whyNot": "Your offers would otherwise be personalised, but that is not possible because we do not show offers to anyone under 18 (your age ([redacted]) is less than 18).",
        },
        "nl": {
          "disclosure": "Een computer heeft bepaald wat u ziet, op basis van uw klikgedrag op onze site, hoe lang u lid bent en uw privacykeuzes. U kunt die keuzes wijzigen, of persoonlijke aanbiedingen stopzetten, wanneer u wilt in uw privacy-instellingen.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag.",
          "outcome": "verborgen",
          "reasons": [
            {
              "source": "AVG, overweging 38, en onze reclamecode, artikel 3",
              "text": "we geen aanbiedingen tonen aan iemand onder de 18 (uw leeftijd ([redacted]) minder is dan 18)",
            },
          ],
          "text": "We tonen u geen aanbiedingen, omdat we geen aanbiedingen tonen aan iemand onder de 18 (uw leeftijd ([redacted]) minder is dan 18).",
          "whyNot": "Uw aanbiedingen zouden anders gepersonaliseerd worden, maar dat kan niet omdat we geen aanbiedingen tonen aan iemand onder de 18 (uw leeftijd ([redacted]) minder is dan 18).",
        },
      }
    `);
  });
});

describe('subscription-cancellation', () => {
  it('the death of the subscriber: condolences in a neutral tone, never good news', async () => {
    expect(await texts('subscription-cancellation', 'death of the subscriber: condolences, no good news')).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Bei Fragen hilft Ihnen jemand aus unserem Team gern weiter.",
          "outcome": "kostenlos beendet",
          "reasons": [
            {
              "text": "der Abonnent verstorben ist",
            },
          ],
          "text": "Unser aufrichtiges Beileid. Wir beenden das Abonnement kostenlos, ohne Kündigungsfrist und ohne Ablösegebühr.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you have any questions, a member of our team will be happy to help.",
          "outcome": "ended free of charge",
          "reasons": [
            {
              "text": "the subscriber has died",
            },
          ],
          "text": "Please accept our sincere condolences. We will end the subscription free of charge, without a notice period or a termination fee.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Pour toute question, nos conseillers restent à votre disposition.",
          "outcome": "clôturé sans frais",
          "reasons": [
            {
              "text": "l’abonné est décédé",
            },
          ],
          "text": "Nous vous présentons nos sincères condoléances. Nous mettons fin à l’abonnement sans frais, sans préavis ni frais de résiliation.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag.",
          "outcome": "kosteloos beëindigd",
          "reasons": [
            {
              "text": "de abonnee is overleden",
            },
          ],
          "text": "Gecondoleerd met uw verlies. We beëindigen het abonnement kosteloos, zonder opzegtermijn en zonder opzegvergoeding.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Hebt u vragen? Dan helpen onze medewerkers u graag verder.",
          "outcome": "kosteloos beëindigd",
          "reasons": [
            {
              "text": "de abonnee is overleden",
            },
          ],
          "text": "Gecondoleerd met uw verlies. We beëindigen het abonnement kosteloos, zonder opzegtermijn en zonder opzegvergoeding.",
        },
      }
    `);
  });

  it('within the minimum term, the fee not passed: the sentence with the fee is left out', async () => {
    expect(await texts('subscription-cancellation', 'within the minimum term, the fee not passed: said without it, and listed for the host', { whyNot: 'cancel-free' })).toMatchInlineSnapshot(`
      {
        "de": {
          "disclosure": "Diese Entscheidung wurde von einem automatisierten System auf Grundlage unserer veröffentlichten Richtlinien getroffen.",
          "escalation": "Wenn Sie nicht einverstanden sind oder darüber sprechen möchten, hilft Ihnen jemand aus unserem Team gern weiter.",
          "missing": [
            "Wie lautet die Ablösegebühr?",
          ],
          "outcome": "gegen eine Ablösegebühr gekündigt",
          "reasons": [
            {
              "source": "AGB, § 8: Kündigung",
              "text": "Ihre Mindestlaufzeit von 24 Monaten noch nicht abgelaufen ist",
            },
          ],
          "text": "Sie können Ihr Abonnement kündigen, doch es fällt eine Ablösegebühr an, weil Ihre Mindestlaufzeit von 24 Monaten noch nicht abgelaufen ist. Wenn Sie nicht einverstanden sind oder darüber sprechen möchten, hilft Ihnen jemand aus unserem Team gern weiter.",
          "whyNot": "Ihr Abonnement kann kostenlos gekündigt werden, wenn Sie ins Ausland ziehen, oder wenn Sie wegen einer Preiserhöhung kündigen, oder wenn die bisherige Laufzeit Ihres Abonnements (23 Monate) mindestens 24 Monate beträgt.",
        },
        "en": {
          "disclosure": "This decision was made by an automated system, based on our published policy.",
          "escalation": "If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "missing": [
            "Could you tell us the termination fee?",
          ],
          "outcome": "cancelled with a termination fee",
          "reasons": [
            {
              "source": "Terms of service, article 8: cancelling",
              "text": "your minimum term of 24 months has not ended yet",
            },
          ],
          "text": "You can cancel your subscription, but a termination fee applies, because your minimum term of 24 months has not ended yet. If you disagree or would like to discuss it, a member of our team will be happy to help.",
          "whyNot": "Your subscription can be cancelled free of charge if you are moving abroad, or if you are cancelling because of a price increase, or if how long you have had the subscription (23 months) is at least 24 months.",
        },
        "fr": {
          "disclosure": "Cette décision a été prise par un système automatisé, sur la base de nos règles publiées.",
          "escalation": "Si vous n’êtes pas d’accord ou si vous souhaitez en parler, l’un de nos conseillers se tient à votre disposition.",
          "missing": [
            "Pourriez-vous nous indiquer les frais de résiliation ?",
          ],
          "outcome": "résilié avec des frais de résiliation",
          "reasons": [
            {
              "source": "Conditions générales, article 8 : résiliation",
              "text": "votre durée minimale d’engagement de 24 mois n’est pas encore écoulée",
            },
          ],
          "text": "Vous pouvez résilier votre abonnement, mais des frais de résiliation s’appliquent, parce que votre durée minimale d’engagement de 24 mois n’est pas encore écoulée. Si vous n’êtes pas d’accord ou si vous souhaitez en parler, l’un de nos conseillers se tient à votre disposition.",
          "whyNot": "Votre abonnement peut être résilié sans frais si vous déménagez à l’étranger, ou si vous résiliez en raison d’une hausse de prix, ou si l’ancienneté de votre abonnement (23 mois) est d’au moins 24 mois.",
        },
        "nl": {
          "disclosure": "Deze beslissing is genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "missing": [
            "Kunt u ons de opzegvergoeding laten weten?",
          ],
          "outcome": "opgezegd met een opzegvergoeding",
          "reasons": [
            {
              "source": "Algemene voorwaarden, artikel 8: opzeggen",
              "text": "uw minimale looptijd van 24 maanden nog niet voorbij is",
            },
          ],
          "text": "U kunt uw abonnement opzeggen, maar u betaalt een opzegvergoeding, omdat uw minimale looptijd van 24 maanden nog niet voorbij is. Bent u het er niet mee eens of wilt u erover praten? Dan kijkt een van onze medewerkers er graag nog eens naar.",
          "whyNot": "Uw abonnement kan kosteloos opgezegd worden als u naar het buitenland verhuist, of als u opzegt vanwege een prijsverhoging, of als hoe lang u het abonnement heeft (23 maanden) minstens 24 maanden is.",
        },
        "nl-BE": {
          "disclosure": "Deze beslissing werd genomen door een geautomatiseerd systeem, op basis van ons gepubliceerde beleid.",
          "escalation": "Bent u het er niet mee eens of wilt u er graag over praten? Dan bekijkt een van onze medewerkers het graag nog eens.",
          "missing": [
            "Kunt u ons de opzegvergoeding meedelen?",
          ],
          "outcome": "opgezegd met een opzegvergoeding",
          "reasons": [
            {
              "source": "Algemene voorwaarden, artikel 8: opzeggen",
              "text": "uw minimale looptijd van 24 maanden nog niet voorbij is",
            },
          ],
          "text": "U kunt uw abonnement opzeggen, maar u betaalt een opzegvergoeding, omdat uw minimale looptijd van 24 maanden nog niet voorbij is. Bent u het er niet mee eens of wilt u er graag over praten? Dan bekijkt een van onze medewerkers het graag nog eens.",
          "whyNot": "Uw abonnement kan kosteloos opgezegd worden als u naar het buitenland verhuist, of als u opzegt vanwege een prijsverhoging, of als hoe lang u het abonnement heeft (23 maanden) minstens 24 maanden is.",
        },
      }
    `);
  });
});
