import { describe, expect, it } from 'vitest';
import { customerView, definePolicy, explain, isBecauseError } from '../../src/index.js';

const policy = definePolicy({
  id: 'view',
  version: '1',
  kind: 'refund',
  facts: {
    days: { type: 'integer', unit: 'day', label: 'days since purchase', question: 'How many days ago did you buy it?' },
    risk: { type: 'number', internal: true, label: 'risk score', question: 'Risk score from the fraud service?' },
  },
  parameters: { period: { value: 30, unit: 'day' } },
  outcomes: { approve: { label: 'approved' }, deny: { label: 'declined', adverse: true } },
  decision: { default: 'approve' },
  rules: [
    { name: 'late', conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: { fact: 'period' } }] }, event: { type: 'deny' }, because: 'the {{period}} days have passed', source: { title: 'Returns, 2.1', url: 'https://example.com/r' } },
    { name: 'risky', conditions: { all: [{ fact: 'risk', operator: 'greaterThan', value: 80 }] }, event: { type: 'deny' } },
  ],
});

describe('customerView', () => {
  it('keeps exactly the texts a customer may read (CONTRACT §6)', async () => {
    const result = await explain(policy, { days: 45, risk: 10 }, { whyNot: 'approve' });
    const view = customerView(result);
    expect(Object.keys(view).sort()).toEqual(['counterfactuals', 'disclosure', 'escalation', 'locale', 'outcomeLabel', 'questions', 'reasons', 'text', 'whyNot']);
    expect(view).toMatchObject({ outcomeLabel: 'declined', text: result.text, disclosure: result.disclosure, locale: 'en', escalation: result.escalation });
    expect(view.reasons).toEqual([{ text: 'the 30 days have passed', source: { title: 'Returns, 2.1', url: 'https://example.com/r' } }]);
    expect(view.counterfactuals).toEqual(result.counterfactuals.map((c) => ({ text: c.text })));
    expect(view.whyNot).toEqual({ text: result.whyNot?.text, blockers: result.whyNot?.blockers.map((b) => ({ text: b.text })) });
    // Nothing but texts: no rule or fact names, no conditions, no figures of the trace.
    expect(JSON.stringify(view)).not.toMatch(/"(rule|fact|conditions|failed|changes|trace|factsUsed)"|late|risky/);
  });

  it('asks only the questions meant for the customer', async () => {
    const result = await explain(policy, {});
    expect(result.missing.map((m) => [m.fact, m.askCustomer])).toEqual([['days', true], ['risk', false]]);
    expect(customerView(result).questions).toEqual(['How many days ago did you buy it?']);
  });

  it('is a fresh object, and leaves the result alone', async () => {
    const result = await explain(policy, { days: 45, risk: 10 });
    const view = customerView(result) as unknown as { reasons: { text: string }[] };
    (view.reasons[0] as { text: string }).text = 'changed';
    expect(result.reasons[0]?.text).toBe('the 30 days have passed');
  });

  it('refuses a result explained for staff: its texts hold internal figures', async () => {
    const staff = await explain(policy, { days: 10, risk: 90 }, { audience: 'agent' });
    expect(staff.reasons[0]?.text).toContain('90');
    let thrown: unknown;
    try {
      customerView(staff);
    } catch (error) {
      thrown = error;
    }
    expect(isBecauseError(thrown) && thrown.issues[0].code).toBe('not_customer_audience');
  });
});
