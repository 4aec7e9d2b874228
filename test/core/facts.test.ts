import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, FactsError, isFactsError, OptionsError, REDACTED, type Issue } from '../../src/index.js';
import { parseIsoDate } from '../../src/policy/dates.js';
import { readFacts } from '../../src/evaluate/facts.js';
import { policyInternals } from '../../src/policy/define.js';
import { copyJson } from '../../src/policy/json.js';

/**
 * CONTRACT §2 and §3 on facts: bad facts reject with FactsError (path, code, message);
 * undeclared keys are ignored and never echoed; absent or null is unknown; personal facts are
 * redacted; `factsUsed` holds only what the evaluation read.
 */

const policy = definePolicy({
  id: 'facts',
  version: '1',
  facts: {
    days: { type: 'integer', label: 'days since purchase', question: 'How many days ago did you buy it?' },
    total: { type: 'number', unit: 'currency', currency: 'EUR' },
    tier: { type: 'string', enum: ['none', 'gold'] },
    member: { type: 'boolean' },
    bought: { type: 'date' },
    tags: { type: 'array', items: 'string' },
    address: { type: 'object' },
    email: { type: 'string', personal: true },
    contactEmail: { type: 'string', personal: true },
    unused: { type: 'number' },
  },
  parameters: { period: { value: 30 } },
  outcomes: { approve: {}, deny: { adverse: true } },
  decision: { strategy: 'priority', default: 'approve' },
  rules: [
    {
      name: 'late',
      priority: 5,
      conditions: {
        all: [
          { fact: 'days', operator: 'greaterThan', value: { fact: 'period' }, priority: 2 },
          { fact: 'total', operator: 'greaterThan', value: 0, priority: 1 },
        ],
      },
      event: { type: 'deny' },
    },
    {
      name: 'blocked-email',
      conditions: { any: [{ fact: 'email', operator: 'equal', value: { fact: 'contactEmail' } }, { fact: 'email', operator: 'in', value: ['blocked@example.com'] }] },
      event: { type: 'deny' },
    },
    {
      name: 'gold',
      conditions: { all: [{ fact: 'tier', operator: 'equal', value: 'gold' }, { fact: 'address', path: '$.country', operator: 'equal', value: 'NL' }] },
      event: { type: 'approve' },
    },
  ],
});

const GOOD = {
  days: 10,
  total: 80,
  tier: 'gold',
  member: true,
  bought: '2026-02-28',
  tags: ['a'],
  address: { country: 'NL' },
  email: 'jane@customer.test',
  contactEmail: 'other@customer.test',
};

async function factsIssues(facts: unknown): Promise<Issue[]> {
  const run = explain(policy, facts);
  expect(run).toBeInstanceOf(Promise); // a rejection, not a synchronous throw
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FactsError);
  expect(isFactsError(error)).toBe(true);
  return [...(error as FactsError).issues];
}

describe('FactsError', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['a text for a number', { days: '10' }, 'days', 'invalid_type'],
    ['a fraction for an integer', { days: 1.5 }, 'days', 'invalid_type'],
    ['a number for a boolean', { member: 1 }, 'member', 'invalid_type'],
    ['a value outside the enum', { tier: 'silver' }, 'tier', 'invalid_value'],
    ['a day not in the calendar', { bought: '2026-02-30' }, 'bought', 'invalid_type'],
    ['a date that is no date', { bought: 'yesterday' }, 'bought', 'invalid_type'],
    ['an item of the wrong type', { tags: ['a', 2] }, 'tags[1]', 'invalid_type'],
    ['a list for an object', { address: [] }, 'address', 'invalid_type'],
    ['NaN', { total: Number.NaN }, 'total', 'not_json'],
    ['Infinity', { total: Number.POSITIVE_INFINITY }, 'total', 'not_json'],
    ['a function', { address: { country: () => 'NL' } }, 'address.country', 'not_json'],
    ['a Date object', { address: { since: new Date() } }, 'address.since', 'not_json'],
    ['a bigint', { total: 10n }, 'total', 'not_json'],
    ['a Map', { address: new Map() }, 'address', 'not_json'],
    ['a sparse array', { tags: [, 'a'] }, 'tags[0]', 'not_json'], // eslint-disable-line no-sparse-arrays
  ])('%s', async (_what, bad, path, code) => {
    const issues = await factsIssues({ ...GOOD, ...bad });
    expect(issues).toEqual([{ code, path, message: expect.any(String) }]);
    expect(issues[0]?.message).not.toMatch(/\[object|: undefined/);
  });

  it('a cycle', async () => {
    const address: Record<string, unknown> = { country: 'NL' };
    address['self'] = address;
    expect(await factsIssues({ ...GOOD, address })).toEqual([expect.objectContaining({ code: 'not_json', path: 'address.self' })]);
  });

  it('every bad fact at once', async () => {
    const issues = await factsIssues({ ...GOOD, days: 'x', tier: 'silver', tags: [1] });
    expect(issues.map((i) => i.path).sort()).toEqual(['days', 'tags[0]', 'tier']);
  });

  it.each([null, [], 'facts', 42, undefined])('facts that are not an object: %s', async (facts) => {
    expect(await factsIssues(facts)).toEqual([expect.objectContaining({ code: 'invalid_type', path: '' })]);
  });

  it('a bad value under an undeclared key is not an error', async () => {
    await expect(explain(policy, { ...GOOD, junk: () => 1, more: Number.NaN })).resolves.toHaveProperty('outcome');
  });

  it('explain on arbitrary input rejects only with FactsError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...Object.keys(GOOD), 'x'), fc.anything())), async (facts) => {
        const outcome = await explain(policy, facts).then(
          (r) => r.outcome,
          (e: unknown) => {
            expect(isFactsError(e)).toBe(true);
            return 'rejected';
          },
        );
        expect(['approve', 'deny', 'undecided', 'rejected']).toContain(outcome);
      }),
      { numRuns: 500 },
    );
  });
});

describe('undeclared keys', () => {
  it('are ignored and never echoed, whatever the options', async () => {
    const SENTINEL = 'SENTINEL-7f3a';
    const facts = { ...GOOD, [SENTINEL]: 1, notes: SENTINEL, nested: { deep: [SENTINEL] } };
    const plain = await explain(policy, GOOD);
    for (const options of [{}, { audience: 'agent' as const, whyNot: 'deny', redact: false }, { locale: 'nl' }]) {
      const result = await explain(policy, facts, options);
      expect(JSON.stringify(result)).not.toContain(SENTINEL);
      expect(JSON.stringify(result)).not.toContain('notes');
    }
    expect(await explain(policy, facts)).toEqual(plain);
  });
});

describe('personal facts', () => {
  it('are redacted everywhere in the result by default, and shown with redact: false', async () => {
    // (a personal value equal to a constant of the policy, as 'blocked@example.com', is not
    // covered: the constant shows as `expected` and in the reason)
    for (const facts of [GOOD, { ...GOOD, contactEmail: GOOD.email }]) {
      for (const options of [{}, { audience: 'agent' as const, whyNot: 'approve' }]) {
        const result = await explain(policy, facts, options);
        // counterfactual texts: see the next test
        const json = JSON.stringify({ ...result, counterfactuals: result.counterfactuals.map((c) => ({ ...c, text: '' })) });
        expect(json).not.toContain('@customer.test');
        expect(result.factsUsed['email']).toBe(REDACTED);
      }
      const shown = await explain(policy, facts, { redact: false });
      expect(shown.factsUsed['email']).toBe(facts.email);
    }
  });

  it('a counterfactual on a personal fact keeps both values out of its changes', async () => {
    const result = await explain(policy, GOOD, { audience: 'agent', whyNot: 'approve' });
    const onEmail = result.counterfactuals.flatMap((c) => c.changes).filter((ch) => ch.fact === 'email');
    expect(onEmail.length).toBeGreaterThan(0);
    for (const ch of onEmail) expect([ch.from, ch.to]).toEqual([REDACTED, REDACTED]);
  });

  it('never show a personal value in a counterfactual, in its text nor in its changes', async () => {
    const result = await explain(policy, GOOD, { audience: 'agent', whyNot: 'approve' });
    const personal = result.counterfactuals.filter((c) => c.changes.some((ch) => ch.fact === 'email'));
    expect(personal.length).toBeGreaterThan(0);
    expect(JSON.stringify(result.counterfactuals)).not.toContain('@customer.test');
  });

  it('never reveal a personal value through the constant it was compared with', async () => {
    const result = await explain(policy, { ...GOOD, email: 'blocked@example.com' }, { audience: 'agent' });
    expect(result.decidedBy).toBe('blocked-email');
    expect(JSON.stringify(result)).not.toContain('blocked@example.com');
    const unredacted = await explain(policy, { ...GOOD, email: 'blocked@example.com' }, { audience: 'agent', redact: false });
    expect(JSON.stringify(unredacted.trace)).toContain('blocked@example.com');
  });
});

describe('factsUsed', () => {
  it('holds exactly the facts the evaluation read', async () => {
    const result = await explain(policy, GOOD);
    // `late`: days (priority 2) is false, so json-rules-engine never reads total (priority 1)
    expect(Object.keys(result.factsUsed).sort()).toEqual(['address', 'contactEmail', 'days', 'email', 'tier']);
    expect(result.factsUsed).not.toHaveProperty('total');
    expect(result.factsUsed).not.toHaveProperty('unused');
    expect(result.factsUsed).not.toHaveProperty('period'); // a parameter is no input
    expect(result.factsUsed['days']).toBe(10);
    const leaf = result.trace[0]?.conditions;
    expect(leaf && 'all' in leaf ? leaf.all?.[1] : undefined).toMatchObject({ fact: 'total', evaluated: false });
    const late = await explain(policy, { ...GOOD, days: 40 });
    expect(late.factsUsed).toHaveProperty('total', 80);
  });

  it('holds no unknown facts, and null counts as unknown', async () => {
    const partial = await explain(policy, { days: 40, total: null, tier: null });
    expect(partial.factsUsed).toEqual({ days: 40 });
    expect(partial.outcome).toBe('undecided');
    expect(partial.missing.map((m) => m.fact)).toContain('total');
    expect(partial.missing.find((m) => m.fact === 'days')).toBeUndefined();
    expect(await explain(policy, { days: 40 })).toEqual(partial);
  });

  it('is a copy: changing the input afterwards changes nothing', async () => {
    const facts = structuredClone(GOOD);
    const result = await explain(policy, facts);
    const before = structuredClone(result);
    facts.address.country = 'BE';
    facts.tags.push('b');
    expect(result).toEqual(before);
  });
});

describe('the `at` option', () => {
  it('takes dates of the calendar only: 2026-02-30 is an OptionsError, not the 2nd of March', async () => {
    const bad = await explain(policy, GOOD, { at: '2026-02-30' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OptionsError);
    expect((bad as OptionsError).issues[0]).toMatchObject({ code: 'invalid_date', path: 'at' });
    await expect(explain(policy, GOOD, { at: '2026-02-28T23:59:00Z' })).resolves.toMatchObject({ outcome: expect.any(String) });
  });

  it('reads a date as the platform does, and refuses exactly the days that are not in the calendar', () => {
    const pad = (n: number, width: number): string => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.option(fc.constantFrom('T10:00Z', 'T23:59:59.5+02:00', 'T24:00Z', 'T10:61Z'), { nil: '' }),
        (year, month, day, time) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${time}`;
          const native = new Date(text);
          // The calendar's own answer: the day survives a round trip through Date.UTC.
          const probe = new Date(0);
          probe.setUTCFullYear(year, month - 1, day);
          const real = month >= 1 && month <= 12 && probe.getUTCDate() === day && !/T24|:61/.test(time);
          expect(parseIsoDate(text)?.getTime()).toBe(real ? native.getTime() : undefined);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('a list fact of plain values is copied on a fast path, as copyJson copies it', () => {
  const listPolicy = definePolicy({
    id: 'lists',
    version: '1',
    facts: { tags: { type: 'array' } },
    outcomes: { ok: {} },
    rules: [{ name: 'r', conditions: { all: [{ fact: 'tags', operator: 'contains', value: 'a' }] }, event: { type: 'ok' } }],
  });
  const doc = policyInternals(listPolicy).document;
  it('gives the same values and the same issues as the general copy', () => {
    const element = fc.oneof(fc.jsonValue(), fc.constantFrom(-0, undefined, Number.NaN, Infinity, null, 0));
    const list = fc.oneof(fc.array(element, { maxLength: 70 }), fc.sparseArray(fc.integer(), { maxLength: 5 }));
    fc.assert(
      fc.property(list, (tags) => {
        const copied = copyJson(tags, ['tags']);
        let read: Map<string, unknown> | undefined;
        let issues: readonly Issue[] | undefined;
        try {
          read = readFacts(doc, { tags });
        } catch (error) {
          if (!isFactsError(error)) throw error;
          issues = error.issues;
        }
        if (copied.ok) {
          expect(issues).toBeUndefined();
          expect(read?.get('tags')).toStrictEqual(copied.value);
          expect(read?.get('tags')).not.toBe(tags);
          for (const v of read?.get('tags') as unknown[]) expect(Object.is(v, -0)).toBe(false);
        } else expect(issues).toEqual(copied.issues);
      }),
      { numRuns: 500 },
    );
  });
});
