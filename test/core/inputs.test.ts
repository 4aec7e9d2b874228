import { describe, expect, it } from 'vitest';
import { definePolicy, explain, FactsError, PolicyError, toAuditRecord, type Policy } from '../../src/index.js';
import { formatPath } from '../../src/errors.js';
import { MAX_JSON_EXPANSION } from '../../src/policy/json.js';

/**
 * Inputs that broke texts, errors or cost (issue 12, items 4, 9, 13, 14; the text items are in
 * test/explain/values.test.ts, the file items in test/authoring/parse.test.ts).
 */

const minimal = (facts: Record<string, unknown>, rule: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'inputs',
  version: '1',
  facts,
  outcomes: { approve: {}, deny: { adverse: true } },
  decision: { default: 'approve' },
  rules: [{ name: 'r', event: { type: 'deny' }, ...rule }],
  ...extra,
});

async function rejection(run: Promise<unknown>): Promise<unknown> {
  return run.then(() => undefined, (error: unknown) => error);
}

describe('a personal value is never quoted in an error while redact is on (item 4)', () => {
  const policy = definePolicy(
    minimal(
      {
        email: { type: 'number', personal: true },
        born: { type: 'date', personal: true },
        tier: { type: 'string', enum: ['gold'], personal: true },
        score: { type: 'number', personal: true },
        tags: { type: 'array', items: 'number', personal: true },
        city: { type: 'number' },
      },
      { conditions: { all: [{ fact: 'city', operator: 'equal', value: 1 }] } },
    ),
  );
  const bad = { email: 'jane@customer.test', born: 'born 1970-03-14', tier: 'jane-vip', score: Number.NaN, tags: [1, 'jane@x.test'], city: 'Ghent' };
  const secrets = ['jane', '1970-03-14', 'NaN'];

  it.each([undefined, true])('redact %s: "the value given", with path and code', async (redact) => {
    const error = (await rejection(explain(policy, bad, redact === undefined ? {} : { redact }))) as FactsError;
    expect(error).toBeInstanceOf(FactsError);
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ['email', 'invalid_type'],
      ['born', 'invalid_type'],
      ['tier', 'invalid_value'],
      ['score', 'not_json'],
      ['tags[1]', 'invalid_type'],
      ['city', 'invalid_type'],
    ]);
    for (const issue of error.issues.slice(0, 5)) expect(issue.message).toMatch(/the value given/i);
    for (const secret of secrets) expect(JSON.stringify(error.issues) + error.message).not.toContain(secret);
    // A fact that is not personal is still quoted: the developer needs to see it.
    expect(error.issues[5]?.message).toContain('"Ghent"');
  });

  it('redact false: the value may be quoted', async () => {
    const error = (await rejection(explain(policy, bad, { redact: false }))) as FactsError;
    expect(error.issues[0]?.message).toContain('jane@customer.test');
    expect(error.issues[2]?.message).toContain('jane-vip');
  });
});

describe('-0 is read as 0 (item 9)', () => {
  const policy = definePolicy(
    minimal(
      { total: { type: 'number', unit: 'currency', currency: 'EUR', label: 'order total' }, days: { type: 'number', unit: 'day', label: 'days' } },
      {
        conditions: { all: [{ fact: 'total', operator: 'lessThanInclusive', value: -0 }, { fact: 'days', operator: 'lessThanInclusive', value: { fact: 'limit' } }] },
      },
      { parameters: { limit: { value: -0, unit: 'day' } } },
    ),
  );

  it('in facts, parameters and literals: texts never read "-0", and a replayed audit record gives the same text', async () => {
    const facts = { total: -0, days: -0 };
    const result = await explain(policy, facts, { audience: 'agent' });
    expect(result.outcome).toBe('deny');
    expect(result.text).toContain('€0.00');
    expect(result.text).toContain('0\u00a0days');
    expect(result.text).not.toMatch(/-\s?€?0/);
    expect(Object.is(result.factsUsed['total'], 0)).toBe(true);
    const leaves = JSON.stringify(result.trace, (_k, v: unknown) => (Object.is(v, -0) ? 'MINUS ZERO' : v));
    expect(leaves).not.toContain('MINUS ZERO');
    expect(Object.is(policy.document.parameters?.['limit']?.value, 0)).toBe(true);
    const record = JSON.parse(JSON.stringify(toAuditRecord(result, { facts, options: { audience: 'agent' } }, { id: 'x' }))) as ReturnType<typeof toAuditRecord>;
    expect(await explain(policy, record.input.facts, record.input.options as never)).toEqual(record.result);
  });

  it('inside object facts as well', async () => {
    const withObject = definePolicy(minimal({ o: { type: 'object' } }, { conditions: { all: [{ fact: 'o', path: '$.a', operator: 'equal', value: 0 }] } }));
    const result = await explain(withObject, { o: { a: -0, b: [-0] } });
    expect(Object.is((result.factsUsed['o'] as { a: number }).a, 0)).toBe(true);
    expect(Object.is((result.factsUsed['o'] as { b: number[] }).b[0], 0)).toBe(true);
  });
});

describe('a policy with very many problems (item 13)', () => {
  it('125,000 issues: a PolicyError that lists 1,000 and counts the rest, not a RangeError', () => {
    const rules = Array.from({ length: 125_000 }, (_, i) => ({ name: `r${i}`, conditions: { all: [] }, event: { type: 'nope' } }));
    let error: unknown;
    try {
      definePolicy({ id: 'many', version: '1', facts: {}, outcomes: { ok: {} }, rules });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const { issues, message } = error as PolicyError;
    expect(issues).toHaveLength(1000);
    expect(issues[0]).toMatchObject({ code: 'unknown_outcome', path: 'rules[0].event.type' });
    expect(issues[999]).toMatchObject({ code: 'too_many_problems', path: '', message: expect.stringContaining('124,001 more') });
    expect(message).toMatch(/^125,000 problems:/);
    expect(message).toContain('… and 124,995 more');
  });
});

describe('facts passed from JavaScript with shared references (item 14)', () => {
  const policy: Policy = definePolicy(minimal({ o: { type: 'object' }, x: { type: 'number' } }, { conditions: { all: [{ fact: 'x', operator: 'equal', value: 1 }] } }));
  /** Each level refers twice to the level below: 2^depth paths, depth + 1 objects. */
  const dag = (depth: number): unknown => {
    let node: unknown = { leaf: [1, 2, 3] };
    for (let i = 0; i < depth; i++) node = { a: node, b: node };
    return node;
  };

  it('an object referenced from two places is copied as JSON would write it', async () => {
    const address = { country: 'NL', lines: ['Main St 1'] };
    const result = await explain(policy, { o: { billing: address, shipping: address }, x: 1 }, { audience: 'agent' });
    expect(result.outcome).toBe('deny');
    const used = result.factsUsed;
    expect(used).not.toHaveProperty('o'); // not read by any rule
    const shallow = await explain(policy, { o: dag(10), x: 1 });
    expect(shallow.outcome).toBe('deny');
  });

  it('a DAG that would write out too much is refused in linear time: depth 22 and 44 both at once', async () => {
    const timeOf = async (depth: number): Promise<number> => {
      const started = performance.now();
      const error = (await rejection(explain(policy, { o: dag(depth), x: 1 }))) as FactsError;
      const took = performance.now() - started;
      expect(error).toBeInstanceOf(FactsError);
      expect(error.issues).toEqual([expect.objectContaining({ code: 'too_large', path: expect.stringMatching(/^o(\.a)*$/) })]);
      expect(error.message).toContain(MAX_JSON_EXPANSION.toLocaleString('en'));
      return took;
    };
    await timeOf(22); // warm-up
    const [small, large] = [await timeOf(22), await timeOf(44)];
    // Exponential copying took 14.5 s at depth 22 and doubles per level; linear work at twice the
    // depth takes about twice as long. The bound is loose for a shared machine.
    expect(large).toBeLessThan(Math.max(small, 1) * 20);
  });

  it('as a policy too: definePolicy refuses, with its path', () => {
    const shared = { fact: 'x', operator: 'equal', value: 1 };
    let all: unknown = { all: [shared, shared] };
    for (let i = 0; i < 40; i++) all = { all: [all, all] };
    expect(() => definePolicy(minimal({ x: { type: 'number' } }, { conditions: all }))).toThrow(expect.objectContaining({ code: 'too_large' }));
  });
});

describe('locale tags, as Intl reads them (item 8)', () => {
  const withTexts = (because: Record<string, string>): Record<string, unknown> =>
    minimal({ days: { type: 'integer', unit: 'day' } }, { conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 30 }] }, because });

  it.each(['en-12', 'en-US-US', 'en-a1', 'de-DE-1996-1996', 'x-private', 'en_US'])('%s is refused at definePolicy, at its path', (tag) => {
    let error: unknown;
    try {
      definePolicy(withTexts({ en: 'late', [tag]: 'late' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues).toEqual([expect.objectContaining({ path: formatPath(['rules', 0, 'because', tag]), code: expect.stringMatching(/^invalid_(locale|format)$/) })]);
  });

  it('a tag Intl accepts is accepted, and explain falls back through its shorter tags', async () => {
    const policy = definePolicy(withTexts({ en: 'it is late', 'nl-BE-x-acme': 'het is laat bij Acme', nl: 'het is laat', 'en-u-nu-arab': 'it is late' }));
    expect(policy.locales).toContain('nl-BE-x-acme');
    const acme = await explain(policy, { days: 40 }, { locale: 'nl-BE-x-acme' });
    expect(acme.locale).toBe('nl-BE-x-acme');
    expect(acme.reasons[0]?.text).toBe('het is laat bij Acme');
    expect(acme.text).toMatch(/aanvraag/); // the built-in nl-BE phrases: "aanvraag", not "verzoek"
    const other = await explain(policy, { days: 40 }, { locale: 'nl-BE-x-other' });
    expect([other.locale, other.reasons[0]?.text]).toEqual(['nl-BE', 'het is laat']);
    const arab = await explain(policy, { days: 40 }, { locale: 'en-u-nu-arab', audience: 'agent' });
    expect(arab.locale).toBe('en-u-nu-arab');
    expect(arab.text).toContain('٤٠'); // 40 in Arabic-Indic digits, as the tag asks
    expect((await explain(policy, { days: 40 }, { locale: 'NL-be' })).locale).toBe('nl-BE');
  });

  it.each(['en-12', 'en-US-US', 'en_US', '', 'x', 5])('the locale option %j rejects with OptionsError', async (locale) => {
    const policy = definePolicy(withTexts({ en: 'late' }));
    const error = await rejection(explain(policy, { days: 40 }, { locale: locale as string }));
    expect(error).toMatchObject({ name: 'OptionsError', issues: [{ code: 'invalid_locale', path: 'locale' }] });
  });
});
