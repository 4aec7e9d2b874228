import { describe, expect, it } from 'vitest';
import { definePolicy, explain, type PolicyDocument } from '../../src/index.js';

/**
 * Issue 12, items 1–3: internal figures and labels reached customer texts whenever a rule had no
 * `because`. Each case names the text a customer read before.
 */
const policyWith = (rules: unknown[], extra: Record<string, unknown> = {}) =>
  definePolicy({
    id: 'risk',
    version: '1',
    kind: 'account',
    facts: {
      fraudScore: { type: 'number', internal: true, label: 'fraud risk score' },
      riskBand: { type: 'string', enum: ['low', 'elevated', 'blocklisted'], internal: true, label: 'risk band' },
      creditScore: { type: 'number', internal: true, label: 'credit risk score' },
      orderTotal: { type: 'number', label: 'order total' },
    },
    parameters: {
      fraudScoreThreshold: { value: 87, internal: true },
      reviewLimit: { value: 873.5, internal: true },
      cutoff: { value: 600, internal: true, label: 'risk cutoff' },
    },
    outcomes: { allow: { label: 'approved' }, deny: { label: 'suspended', adverse: true, subject: 'account' } },
    decision: { default: 'allow' },
    rules,
    ...extra,
  } as unknown as PolicyDocument);

const FORBIDDEN = ['91.37', '91,37', '87', '873.5', '873,5', '77.5', '42.5', 'elevated', 'blocklisted', 'fraud risk score', 'risk band', 'credit risk score', 'risk cutoff'];

function customerTexts(result: Awaited<ReturnType<typeof explain>>): string[] {
  return [result.text, ...result.reasons.map((r) => r.text), ...result.counterfactuals.map((c) => c.text), result.whyNot?.text ?? '', ...(result.whyNot?.blockers ?? []).map((b) => b.text)];
}

const suspendIfScore = { name: 'fraud', conditions: { all: [{ fact: 'fraudScore', operator: 'greaterThanInclusive', value: { fact: 'fraudScoreThreshold' } }] }, event: { type: 'deny' } };

describe('confidentiality: issue 12 items 1–3', () => {
  it('item 1: a rule without because on an internal fact and parameter gives the generic reason, never the figures', async () => {
    const policy = policyWith([suspendIfScore]);
    // before: "Your account has been suspended because the fraud risk score (91.37) is at least 87."
    const result = await explain(policy, { fraudScore: 91.37 }, { whyNot: 'allow' });
    expect(result.text).toBe('Unfortunately, your account has been suspended because the information we hold about your account led to this decision. If you disagree or would like to discuss it, a member of our team will be happy to help.');
    // before: "…not possible because the fraud risk score (91.37) is at least 87."
    expect(result.whyNot?.text).toBe('Your request would otherwise be approved, but that is not possible because the information we hold about your account led to this decision.');
    for (const text of customerTexts(result)) for (const word of FORBIDDEN) expect(text).not.toContain(word);
  });

  it('item 1: an internal parameter on a public fact is as secret', async () => {
    const policy = policyWith([{ name: 'review', conditions: { all: [{ fact: 'orderTotal', operator: 'greaterThan', value: { fact: 'reviewLimit' } }] }, event: { type: 'deny' } }]);
    // before: "…because order total (900) is more than 873.5."
    const result = await explain(policy, { orderTotal: 900 }, { whyNot: 'allow' });
    for (const text of customerTexts(result)) for (const word of FORBIDDEN) expect(text).not.toContain(word);
    expect(result.reasons[0]?.text).toBe('the information we hold about your account led to this decision');
  });

  it('item 1: the policy’s own confidentialReason comes before the built-in one, in every locale', async () => {
    const policy = policyWith([suspendIfScore], { texts: { confidentialReason: { en: 'of our routine security checks', nl: 'onze vaste veiligheidscontroles dat vereisen' } } });
    expect((await explain(policy, { fraudScore: 91.37 })).reasons[0]?.text).toBe('of our routine security checks');
    expect((await explain(policy, { fraudScore: 91.37 }, { locale: 'nl' })).text).toMatch(/^Helaas is uw account suspended omdat onze vaste veiligheidscontroles dat vereisen\./);
  });

  it('item 1: the built-in reason is written in every locale, and fits its subject', async () => {
    // A policy written in these languages (a policy in English alone is answered in English).
    const policy = policyWith([suspendIfScore], { title: { en: 'Risk', nl: 'Risico', de: 'Risiko', fr: 'Risque' } });
    const texts = await Promise.all(['nl', 'nl-BE', 'de', 'fr'].map(async (locale) => (await explain(policy, { fraudScore: 91.37 }, { locale })).reasons[0]?.text));
    expect(texts).toEqual([
      'de gegevens die wij over uw account hebben daartoe leiden',
      'de gegevens die wij over uw account hebben daartoe leiden',
      'die Informationen, die uns zu Ihrem Konto vorliegen, dies ergeben',
      'les informations dont nous disposons sur votre compte le justifient',
    ]);
    const request = definePolicy({ ...policy.document, kind: 'refund', outcomes: { allow: { label: 'approved' }, deny: { label: 'suspended', adverse: true } } } as PolicyDocument);
    expect((await explain(request, { fraudScore: 91.37 })).reasons[0]?.text).toBe('the information we hold about your request led to this decision');
  });

  it('item 1: staff and the trace keep every figure', async () => {
    const policy = policyWith([suspendIfScore]);
    const result = await explain(policy, { fraudScore: 91.37 }, { audience: 'agent' });
    expect(result.reasons[0]?.text).toBe('fraud risk score (91.37) is at least 87');
    expect(result.reasons[0]?.conditions[0]).toMatchObject({ actual: 91.37, expected: 87 });
  });

  it('item 2: an internal rule without because shows no literal of an internal fact (number or enum)', async () => {
    const numeric = policyWith([{ name: 'r', internal: true, conditions: { all: [{ fact: 'fraudScore', operator: 'greaterThan', value: 77.5 }] }, event: { type: 'deny' } }]);
    // before: "…because the fraud risk score is more than 77.5"
    const a = await explain(numeric, { fraudScore: 91 });
    const enumerated = policyWith([{ name: 'r', internal: true, conditions: { all: [{ fact: 'riskBand', operator: 'in', value: ['elevated', 'blocklisted'] }] }, event: { type: 'deny' } }]);
    // before: "…because the risk band is elevated or blocklisted"
    const b = await explain(enumerated, { riskBand: 'elevated' });
    for (const result of [a, b]) {
      expect(result.reasons[0]?.text).toBe('the information we hold about your account led to this decision');
      for (const text of customerTexts(result)) for (const word of FORBIDDEN) expect(text).not.toContain(word);
    }
  });

  it('item 2: why-not on a public rule that reads an internal fact names no internal fact or literal', async () => {
    const policy = policyWith([{ name: 'ok', conditions: { all: [{ fact: 'fraudScore', operator: 'lessThan', value: 42.5 }, { fact: 'orderTotal', operator: 'lessThan', value: 100 }] }, event: { type: 'allow' } }], { decision: { default: 'deny' } });
    // before: "For your request to be approved, the fraud risk score would have to be less than 42.5."
    const result = await explain(policy, { fraudScore: 91, orderTotal: 150 }, { whyNot: 'allow' });
    expect(result.whyNot?.text).toBe('Your request can be approved if order total (150) is less than 100 and an internal check allows it.');
    for (const text of customerTexts(result)) for (const word of FORBIDDEN) expect(text).not.toContain(word);
    // Staff read the whole condition.
    const staff = await explain(policy, { fraudScore: 91, orderTotal: 150 }, { whyNot: 'allow', audience: 'agent' });
    expect(staff.whyNot?.text).toContain('fraud risk score (91) is less than 42.5');
  });

  it('item 3: no internal fact or parameter label in a why-not text', async () => {
    const policy = policyWith([{ name: 'ok', conditions: { all: [{ fact: 'creditScore', operator: 'lessThanInclusive', value: { fact: 'cutoff' } }] }, event: { type: 'allow' } }], { decision: { default: 'deny' } });
    // before: "For your request to be approved, credit risk score would have to be at most risk cutoff."
    for (const facts of [{ creditScore: 700 }, {}]) {
      const result = await explain(policy, facts, { whyNot: 'allow' });
      for (const text of customerTexts(result)) for (const word of FORBIDDEN) expect(text).not.toContain(word);
      expect(result.whyNot?.blockers[0]?.text).toBe('Your request can be approved if an internal check allows it.');
    }
  });

  it('a personal value is said only with redact off, also as the literal compared with it', async () => {
    const policy = definePolicy({
      id: 'vip', version: '1',
      facts: { email: { type: 'string', personal: true, label: 'email address' }, income: { type: 'number', personal: true, unit: 'currency', currency: 'EUR', label: 'income' } },
      outcomes: { vip: { label: 'approved' } },
      rules: [{ name: 'r', conditions: { all: [{ fact: 'email', operator: 'equal', value: 'ceo@example.com' }, { fact: 'income', operator: 'greaterThan', value: 5000 }] }, event: { type: 'vip' } }],
    } as unknown as PolicyDocument);
    const facts = { email: 'ceo@example.com', income: 7654.32 };
    for (const audience of ['customer', 'agent'] as const) {
      const redacted = JSON.stringify(customerTexts(await explain(policy, facts, { audience })));
      expect(redacted).not.toMatch(/ceo@example|7,654/);
      expect(redacted).toContain('[redacted]');
      expect(JSON.stringify(customerTexts(await explain(policy, facts, { audience, redact: false })))).toMatch(/ceo@example\.com.*€7,654\.32/);
    }
  });

  it('a condition marked internal hides its whole subtree, reached through a shared condition too', async () => {
    const policy = policyWith(
      [{ name: 'r', conditions: { all: [{ condition: 'big', internal: true }] }, event: { type: 'deny' } }],
      { conditions: { big: { all: [{ fact: 'orderTotal', operator: 'greaterThan', value: 4321 }] } } },
    );
    const result = await explain(policy, { orderTotal: 5000 });
    expect(result.reasons[0]?.text).toBe('the information we hold about your account led to this decision');
    expect(JSON.stringify(customerTexts(result))).not.toMatch(/4[.,]?321/);
  });
});
