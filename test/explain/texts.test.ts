import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain } from '../../src/index.js';

const base = {
  id: 'texts',
  version: '1',
  facts: {
    total: { type: 'number', unit: 'currency', currency: 'EUR', label: { en: 'order total', nl: 'orderbedrag' } },
    note: { type: 'string', label: 'note' },
  },
  parameters: { limit: { value: 1234.5, unit: 'currency', currency: 'EUR' } },
  outcomes: { ok: { label: { en: 'approved', nl: 'goedgekeurd' } }, no: { label: { en: 'declined', nl: 'afgewezen' }, adverse: true } },
  decision: { default: 'ok' },
};

const overLimit = {
  name: 'over-limit',
  conditions: { all: [{ fact: 'total', operator: 'greaterThan', value: { fact: 'limit' } }] },
  event: { type: 'no' },
};

describe('policy texts', () => {
  it('formats amounts for the locale inside a policy text', async () => {
    const policy = definePolicy({
      ...base,
      rules: [{ ...overLimit, because: { en: 'orders above {{limit}} need a review', nl: 'we bestellingen boven {{limit}} eerst controleren' } }],
    });
    const en = await explain(policy, { total: 2000 }, { locale: 'en' });
    const nl = await explain(policy, { total: 2000 }, { locale: 'nl' });
    expect(en.reasons[0]?.text).toBe('orders above €1,234.50 need a review');
    expect(nl.reasons[0]?.text).toBe(`we bestellingen boven ${new Intl.NumberFormat('nl', { style: 'currency', currency: 'EUR' }).format(1234.5)} eerst controleren`);
  });

  it('reads `$t(key)` from bundles the host passes in, per locale', async () => {
    const policy = definePolicy(
      { ...base, rules: [{ ...overLimit, because: '$t(reasons.overLimit)' }] },
      { resources: { en: { reasons: { overLimit: 'the total is above {{limit}}' } }, nl: { reasons: { overLimit: 'het totaal boven {{limit}} ligt' } } } },
    );
    expect((await explain(policy, { total: 2000 }, { locale: 'en' })).reasons[0]?.text).toBe('the total is above €1,234.50');
    expect((await explain(policy, { total: 2000 }, { locale: 'nl' })).reasons[0]?.text).toMatch(/^het totaal boven €\s?1\.234,50 ligt$/);
  });

  it('uses the host’s escalation channel and disclosure over the built-in ones', async () => {
    const policy = definePolicy(
      { ...base, rules: [overLimit] },
      { escalation: { en: "Reply 'agent' to talk to a colleague." }, disclosure: 'A computer decided this.' },
    );
    const result = await explain(policy, { total: 2000 }, { locale: 'en' });
    expect(result.escalation).toEqual({ offered: true, text: "Reply 'agent' to talk to a colleague." });
    expect(result.text.endsWith("Reply 'agent' to talk to a colleague.")).toBe(true);
    expect(result.disclosure).toBe('A computer decided this.');
  });

  it('fills figures into the escalation text, hiding internal ones from customers', async () => {
    const policy = definePolicy({
      ...base,
      parameters: { limit: { value: 4321, unit: 'currency', currency: 'EUR', internal: true }, hours: { value: 48 } },
      texts: {
        escalation: { en: 'A colleague replies within {{hours}} hours; orders above {{limit}} are checked by hand.' },
        disclosure: { en: 'A computer decided; orders above {{limit}} go to a person.' },
      },
      rules: [overLimit],
    });
    const customer = await explain(policy, { total: 5000 }, { locale: 'en' });
    expect(customer.escalation.text).toBe('A colleague replies within 48 hours; orders above a set limit are checked by hand.');
    expect(customer.disclosure).toBe('A computer decided; orders above a set limit go to a person.');
    const agent = await explain(policy, { total: 5000 }, { locale: 'en', audience: 'agent' });
    expect(agent.escalation.text).toContain('€4,321.00');
  });

  it('returns plain text: markup in values is neither escaped nor interpreted', async () => {
    const policy = definePolicy({
      ...base,
      rules: [{ ...overLimit, because: 'your note “{{note}}” & total' }],
    });
    const result = await explain(policy, { total: 2000, note: '<b>Tom & Jerry</b>' }, { locale: 'en' });
    expect(result.reasons[0]?.text).toBe('your note “<b>Tom & Jerry</b>” & total');
    expect(JSON.stringify(result)).not.toMatch(/&amp;|&lt;|&#/);
  });

  it('falls back from nl-BE to nl, and from an unknown locale to the policy’s first', async () => {
    const policy = definePolicy({ ...base, rules: [{ ...overLimit, because: { nl: 'het te veel is', en: 'it is too much' } }] });
    const flemish = await explain(policy, { total: 2000 }, { locale: 'nl-BE' });
    expect(flemish.reasons[0]?.text).toBe('het te veel is');
    expect(flemish.outcomeLabel).toBe('afgewezen');
    // The policy's locales in the order its texts first name them: the outcome labels say en, nl.
    expect(policy.locales).toEqual(['en', 'nl']);
    const other = await explain(policy, { total: 2000 }, { locale: 'ja' });
    expect(other.locale).toBe('en');
    expect(other.reasons[0]?.text).toBe('it is too much');
  });

  it('never touches the host’s global i18next instance', async () => {
    const before = { language: i18next.language, initialized: i18next.isInitialized };
    const policy = definePolicy({ ...base, rules: [overLimit] });
    await explain(policy, { total: 2000 }, { locale: 'de' });
    expect({ language: i18next.language, initialized: i18next.isInitialized }).toEqual(before);
  });
});

describe('internal figures', () => {
  it('never show in a customer text, even in the `because` of a public rule', async () => {
    const policy = definePolicy({
      ...base,
      parameters: { limit: { value: 4321, unit: 'currency', currency: 'EUR', internal: true } },
      rules: [{ ...overLimit, because: 'orders above {{limit}} need a review' }],
    });
    const customer = await explain(policy, { total: 5000 }, { locale: 'en' });
    expect(customer.outcome).toBe('no');
    expect(JSON.stringify([customer.text, customer.reasons.map((r) => r.text), customer.counterfactuals])).not.toMatch(/4,?321/);
    const agent = await explain(policy, { total: 5000 }, { locale: 'en', audience: 'agent' });
    expect(agent.reasons[0]?.text).toContain('€4,321.00');
  });
});

describe('missing facts', () => {
  const policy = definePolicy({
    ...base,
    facts: { ...base.facts, risk: { type: 'number', internal: true, label: 'risk score' } },
    rules: [
      overLimit,
      { name: 'risky', conditions: { all: [{ fact: 'risk', operator: 'greaterThan', value: 80 }] }, event: { type: 'no' } },
    ],
  });

  it('lists an internal fact for the host but never asks the customer for it', async () => {
    const result = await explain(policy, {}, { locale: 'en' });
    expect(result.outcome).toBe('undecided');
    expect(result.missing.map((m) => [m.fact, m.askCustomer])).toEqual([['total', true], ['risk', false]]);
    expect(result.text).toContain('order total');
    expect(result.text).not.toContain('risk score');
  });

  it('asks the customer nothing when only internal facts are missing', async () => {
    const result = await explain(policy, { total: 10 }, { locale: 'en' });
    expect(result.outcome).toBe('undecided');
    expect(result.missing.map((m) => m.fact)).toEqual(['risk']);
    expect(result.text).not.toContain('risk score');
    expect(result.text).not.toMatch(/need to know/);
  });
});

describe('value labels', () => {
  const policy = definePolicy({
    id: 'plans',
    version: '1',
    facts: {
      plan: {
        type: 'string',
        enum: ['basic', 'plus', 'pro'],
        label: { en: 'your plan', nl: 'uw abonnement' },
        valueLabels: { basic: { en: 'Basic', nl: 'Basis' }, plus: 'Plus', pro: { en: 'Professional', nl: 'Zakelijk' } },
      },
    },
    outcomes: { fast: { label: { en: 'scheduled', nl: 'ingepland' } }, slow: { label: { en: 'postponed', nl: 'uitgesteld' }, adverse: true } },
    decision: { default: 'fast' },
    rules: [{ name: 'basic-waits', conditions: { all: [{ fact: 'plan', operator: 'notIn', value: ['plus', 'pro'] }] }, event: { type: 'slow' } }],
  });

  it('name values as the customer knows them, in reasons, lists and counterfactuals', async () => {
    const en = await explain(policy, { plan: 'basic' }, { locale: 'en' });
    expect(en.reasons[0]?.text).toBe('your plan (Basic) is not Plus or Professional');
    expect(en.counterfactuals[0]?.text).toContain('if your plan is Plus (it is now Basic)');
    const nl = await explain(policy, { plan: 'basic' }, { locale: 'nl' });
    expect(nl.reasons[0]?.text).toContain('(Basis)');
    expect(nl.reasons[0]?.text).toContain('Plus of Zakelijk');
    // the trace keeps the values themselves
    expect(JSON.stringify(en.trace)).toContain('"actual":"basic"');
  });
});

describe('why not', () => {
  const policy = definePolicy({
    id: 'why',
    version: '1',
    facts: { outage: { type: 'boolean', label: 'outage in your area' }, plan: { type: 'string', label: 'your plan' }, days: { type: 'integer', label: 'days waited' } },
    outcomes: { fast: { label: 'scheduled' }, later: { label: 'postponed', adverse: true } },
    decision: { default: 'later' },
    rules: [
      { name: 'outage', priority: 10, conditions: { all: [{ fact: 'outage', operator: 'equal', value: true }] }, event: { type: 'later' }, because: 'there is an outage' },
      { name: 'pro', priority: 5, conditions: { all: [{ fact: 'plan', operator: 'equal', value: 'pro' }] }, event: { type: 'fast' } },
      { name: 'waited', priority: 20, conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 10 }, { fact: 'outage', operator: 'equal', value: true }] }, event: { type: 'fast' } },
    ],
  });

  it('names what outranks a rule rather than conditions that would not help', async () => {
    const result = await explain(policy, { outage: true, plan: 'basic', days: 3 }, { locale: 'en', whyNot: 'fast' });
    expect(result.whyNot?.blockers.map((b) => b.rule)).toEqual(['pro', 'waited']);
    // `pro` holding would still lose to the outage: its plan condition is no way to `fast`.
    expect(result.whyNot?.text).not.toContain('your plan');
    // `waited` outranks the outage, so its condition is named, once, with the outage sentence.
    expect(result.whyNot?.text).toBe(
      'Your request can be scheduled if days waited (3) is more than 10. Your request would otherwise be scheduled, but that is not possible because there is an outage.',
    );
  });

  it('joins the rules that would each give the outcome as alternatives', async () => {
    const result = await explain(policy, { outage: false, plan: 'basic', days: 3 }, { locale: 'en', whyNot: 'fast' });
    expect(result.whyNot?.text).toBe('Your request can be scheduled if your plan (basic) is pro, or if days waited (3) is more than 10 and “outage in your area” applies.');
  });
});
