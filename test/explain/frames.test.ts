import { describe, expect, it } from 'vitest';
import { definePolicy, explain, PolicyError } from '../../src/index.js';

/**
 * The frame of a customer text: an outcome's tone and subject pick the built-in sentence, its
 * `message` replaces it; "Good news" only where the author said the tone is positive.
 */

const cancellation = (outcomes: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  definePolicy({
    id: 'cancel',
    version: '1',
    subject: 'subscription',
    facts: {
      reason: { type: 'string', enum: ['death', 'move', 'other'], valueLabels: { death: { en: 'death of the subscriber', nl: 'overlijden van de abonnee' } } },
      terminationFee: { type: 'number', unit: 'currency', currency: 'EUR', from: 'host' },
    },
    outcomes,
    rules: [
      { name: 'death', conditions: { all: [{ fact: 'reason', operator: 'equal', value: 'death' }] }, event: { type: 'free' }, because: { en: 'the subscriber has died', nl: 'de abonnee is overleden' } },
      { name: 'other', conditions: { all: [{ fact: 'reason', operator: 'equal', value: 'other' }] }, event: { type: 'fee' }, because: { en: 'you are still within your minimum term', nl: 'uw minimale looptijd nog niet voorbij is' } },
    ],
    ...extra,
  });

describe('outcome frames', () => {
  it('say "Good news" only for a positive tone', async () => {
    const neutral = cancellation({ free: { label: { en: 'cancelled free of charge', nl: 'kosteloos opgezegd' } }, fee: { label: 'x' } });
    const positive = cancellation({ free: { label: { en: 'cancelled free of charge', nl: 'kosteloos opgezegd' }, tone: 'positive' }, fee: { label: 'x' } });
    const facts = { reason: 'death' };
    expect((await explain(neutral, facts, { locale: 'en' })).text).toBe('Your subscription has been cancelled free of charge because the subscriber has died.');
    expect((await explain(neutral, facts, { locale: 'nl' })).text).toBe('Uw abonnement is kosteloos opgezegd omdat de abonnee is overleden.');
    expect((await explain(positive, facts, { locale: 'en' })).text).toMatch(/^Good news: your subscription/);
  });

  it('read right for an outcome approved with a cost: neutral, with the route to a person when adverse', async () => {
    const policy = cancellation({ free: { label: 'x' }, fee: { label: { en: 'cancelled with a termination fee', nl: 'opgezegd met een opzegvergoeding' }, adverse: true, tone: 'neutral' } });
    const r = await explain(policy, { reason: 'other' }, { locale: 'nl' });
    expect(r.text).toMatch(/^Uw abonnement is opgezegd met een opzegvergoeding omdat uw minimale looptijd nog niet voorbij is\. /);
    expect(r.text).not.toMatch(/Helaas|Goed nieuws/);
    expect(r.escalation.offered).toBe(true);
  });

  it('take the outcome’s own message, with {{because}} for the reasons', async () => {
    const policy = cancellation({
      free: {
        label: 'x',
        tone: 'neutral',
        message: { en: 'We are sorry for your loss. We have ended the subscription free of charge, because {{because}}.', nl: 'Gecondoleerd met uw verlies. We hebben het abonnement kosteloos beëindigd, omdat {{because}}.' },
      },
      fee: { label: 'x' },
    });
    const en = await explain(policy, { reason: 'death' }, { locale: 'en' });
    expect(en.text).toBe('We are sorry for your loss. We have ended the subscription free of charge, because the subscriber has died.');
    expect((await explain(policy, { reason: 'death' }, { locale: 'nl' })).text).toMatch(/^Gecondoleerd met uw verlies\./);
  });

  it('leave out a sentence of a message that names a fact not given, and list the fact as missing', async () => {
    const policy = cancellation({
      free: { label: 'x' },
      fee: { label: { en: 'cancelled with a fee' }, message: { en: 'We will end your subscription because {{because}}. You will pay a termination fee of {{terminationFee}}.' } },
    });
    const without = await explain(policy, { reason: 'other' }, { locale: 'en' });
    expect(without.text).toBe('We will end your subscription because you are still within your minimum term.');
    expect(without.missing).toEqual([expect.objectContaining({ fact: 'terminationFee', askCustomer: false })]);
    const withFee = await explain(policy, { reason: 'other', terminationFee: 120 }, { locale: 'en' });
    expect(withFee.text).toBe('We will end your subscription because you are still within your minimum term. You will pay a termination fee of €120.00.');
    expect(withFee.missing).toEqual([]);
  });

  it('never call a declined request about an account a declined account', async () => {
    const policy = definePolicy({
      id: 'credit',
      version: '1',
      kind: 'account',
      facts: { income: { type: 'number', unit: 'currency', currency: 'EUR', label: 'your income' } },
      outcomes: { deny: { label: 'declined', adverse: true }, lock: { label: 'locked', adverse: true, subject: 'account' } },
      rules: [
        { name: 'low', conditions: { all: [{ fact: 'income', operator: 'lessThan', value: 1000 }] }, event: { type: 'deny' }, because: 'your income is below the limit' },
        { name: 'zero', priority: 2, conditions: { all: [{ fact: 'income', operator: 'equal', value: 0 }] }, event: { type: 'lock' }, because: 'no income is known' },
      ],
    });
    expect((await explain(policy, { income: 500 })).text).toMatch(/^Unfortunately, your request has been declined because/);
    expect((await explain(policy, { income: 0 })).text).toMatch(/^Unfortunately, your account has been locked because/);
  });

  it('are replaced by the host’s resources for the phrases they name', async () => {
    const json = { id: 'p', version: '1', facts: { a: { type: 'boolean' } }, outcomes: { ok: { label: 'approved', tone: 'positive' } }, rules: [{ name: 'r', conditions: { all: [{ fact: 'a', operator: 'equal', value: true }] }, event: { type: 'ok' }, because: 'it holds' }] };
    const policy = definePolicy(json, { resources: { en: { frame: { positive: { request: 'Great news: {{outcome}}, as {{reasons}}.' } } } } });
    expect((await explain(policy, { a: true })).text).toBe('Great news: approved, as it holds.');
    // Other policies keep the built-in phrase.
    expect((await explain(definePolicy(json), { a: true })).text).toBe('Good news: your request has been approved because it holds.');
  });

  it('refuse a message naming a value that is neither a fact, a parameter, the reasons nor the outcome', () => {
    const bad = () => cancellation({ free: { label: 'x', message: 'Done: {{because}} {{nope}}.' }, fee: { label: 'x' } });
    expect(bad).toThrow(PolicyError);
    try {
      bad();
    } catch (e) {
      expect((e as PolicyError).issues).toEqual([expect.objectContaining({ code: 'undeclared_fact', path: 'outcomes.free.message' })]);
    }
  });
});
