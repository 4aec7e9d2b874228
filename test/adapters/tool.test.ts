import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callTool, factsInputSchema, localeArgument, toolDescription, toolName, toolResult, type PolicyToolOptions } from '../../src/adapters/tool.js';
import { definePolicy, type Policy } from '../../src/index.js';
import { AT, examplePolicy, examplePolicyFiles, REFUND_DENY } from './helpers.js';
import { geminiViolations, portableViolations } from './dialects.js';
import { strictModeViolations } from './strict-mode.js';

const refund = examplePolicy('refund.json');
const account = examplePolicy('account-access.json');

/** A policy with one fact of every shape, to reach every branch of the schema. */
const everyShape = definePolicy({
  id: 'every-shape',
  version: '1',
  kind: 'other',
  title: { nl: 'Alles', en: 'Everything' },
  facts: {
    n: { type: 'number', unit: 'km', label: 'distance' },
    i: { type: 'integer', unit: 'percent' },
    s: { type: 'string', enum: ['a', 'b'], question: { nl: 'Welke?', en: 'Which one?' } },
    free: { type: 'string' },
    b: { type: 'boolean' },
    d: { type: 'date', label: 'purchase date' },
    list: { type: 'array', items: 'string' },
    dates: { type: 'array', items: 'date' },
    anything: { type: 'array' },
    objects: { type: 'array', items: 'object' },
    address: { type: 'object', label: 'address' },
    secret: { type: 'number', internal: true },
  },
  outcomes: { yes: {}, no: { adverse: true } },
  decision: { default: 'yes' },
  rules: [
    { name: 'far', conditions: { all: [{ fact: 'n', operator: 'greaterThan', value: 100 }] }, event: { type: 'no' }, because: 'it is too far' },
    { name: 'abroad', conditions: { all: [{ fact: 'address', path: '$.country', operator: 'notEqual', value: 'NL' }] }, event: { type: 'no' }, because: 'we only deliver in the Netherlands' },
    { name: 'risky', internal: true, conditions: { all: [{ fact: 'secret', operator: 'greaterThan', value: 0.5, internal: true }] }, event: { type: 'no' }, because: 'we could not approve this' },
  ],
});

describe('factsInputSchema: one dialect per provider, from the same facts', () => {
  const dialects = ['openai-strict', 'json-schema', 'gemini'] as const;

  it.each(examplePolicyFiles())('%s passes each dialect\'s checker', (file) => {
    const policy = examplePolicy(file);
    expect(strictModeViolations(factsInputSchema(policy, { dialect: 'openai-strict' }))).toEqual([]);
    expect(portableViolations(factsInputSchema(policy, { dialect: 'json-schema' }))).toEqual([]);
    expect(geminiViolations(factsInputSchema(policy, { dialect: 'gemini' }))).toEqual([]);
  });

  it('writes each fact shape as its dialect says', () => {
    const [strict, plain, gemini] = dialects.map((dialect) => factsInputSchema(everyShape, { dialect })['properties'] as Record<string, Record<string, unknown>>);
    expect(strict?.['s']).toMatchObject({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(plain?.['s']).toMatchObject({ type: 'string', enum: ['a', 'b'] });
    expect(gemini?.['s']).toMatchObject({ type: 'STRING', nullable: true, enum: ['a', 'b'] });
    expect(plain?.['anything']).toMatchObject({ type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] } });
    expect(gemini?.['dates']).toMatchObject({ type: 'ARRAY', nullable: true, items: { type: 'STRING', description: expect.stringContaining('ISO 8601') } });
    expect(plain?.['address']).toMatchObject({ type: 'string', description: expect.stringContaining('JSON object, encoded as a string') });
    // What to pass for an unknown fact: null where the dialect has it, else nothing.
    expect(strict?.['n']?.['description']).toMatch(/null if unknown\.$/);
    expect(gemini?.['n']?.['description']).toMatch(/null if unknown\.$/);
    expect(plain?.['n']?.['description']).toMatch(/leave it out if unknown\.$/);
  });

  it('the checkers catch what their dialect refuses (so they can fail)', () => {
    const table: [(s: unknown) => string[], unknown, RegExp][] = [
      [portableViolations, { type: 'object', properties: { a: { type: ['string', 'null'] } } }, /type list/],
      [portableViolations, { type: 'object', properties: { a: { type: 'string', enum: ['x', null] } } }, /enum lists null/],
      [portableViolations, { type: 'object', properties: {}, required: [] }, /required/],
      [geminiViolations, { type: 'object', properties: {} }, /type "object"/],
      [geminiViolations, { type: 'OBJECT', properties: { a: { type: ['STRING', 'NULL'] } } }, /properties\/a: type/],
      [geminiViolations, { type: 'OBJECT', properties: { a: { type: 'ARRAY' } } }, /without items/],
      [geminiViolations, { type: 'OBJECT', properties: {}, additionalProperties: false }, /"additionalProperties"/],
      [geminiViolations, { type: 'OBJECT', properties: { a: { type: 'NUMBER', enum: ['1'] } } }, /enum/],
    ];
    for (const [check, schema, pattern] of table) expect(check(schema).join('\n')).toMatch(pattern);
  });
});

describe('factsInputSchema: OpenAI strict mode', () => {
  it.each(examplePolicyFiles())('%s gives a schema that passes the strict-mode checker', (file) => {
    const policy = examplePolicy(file);
    const schema = factsInputSchema(policy);
    expect(strictModeViolations(schema)).toEqual([]);
    const properties = Object.keys(schema['properties'] as object);
    const internal = Object.entries(policy.document.facts).filter(([, d]) => d.internal === true).map(([n]) => n);
    const asked = Object.keys(policy.document.facts).filter((n) => !internal.includes(n));
    expect(properties).toEqual([...asked, 'locale']);
  });

  it('covers every fact type, and leaves internal facts out', () => {
    const schema = factsInputSchema(everyShape);
    expect(strictModeViolations(schema)).toEqual([]);
    const p = schema['properties'] as Record<string, Record<string, unknown>>;
    expect(p['n']).toMatchObject({ type: ['number', 'null'] });
    expect(p['i']).toMatchObject({ type: ['integer', 'null'] });
    expect(p['s']).toMatchObject({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(p['d']).toMatchObject({ type: ['string', 'null'] });
    expect(p['d']?.['description']).toContain('ISO 8601');
    expect(p['list']).toMatchObject({ type: ['array', 'null'], items: { type: 'string' } });
    expect(p['anything']).toMatchObject({ type: ['array', 'null'], items: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] } });
    expect(p['objects']).toMatchObject({ type: ['string', 'null'] });
    expect(p['address']).toMatchObject({ type: ['string', 'null'] });
    expect(p['address']?.['description']).toContain('JSON object, encoded as a string');
    expect(p['secret']).toBeUndefined();
    // English first, though Dutch is the policy's first locale.
    expect(p['s']?.['description']).toContain('Which one?');
    expect(p['locale']).toEqual({ type: ['string', 'null'], enum: ['nl', 'en', 'nl-BE', 'de', 'fr', null], description: expect.any(String) });
  });

  it('the checker catches each kind of violation (so it can fail)', () => {
    const ok = { type: 'object', properties: { a: { type: ['string', 'null'] } }, required: ['a'], additionalProperties: false };
    const table: [string, unknown, RegExp][] = [
      ['open object', { ...ok, additionalProperties: true }, /additionalProperties/],
      ['optional key', { ...ok, required: [] }, /not required: a/],
      ['format', { ...ok, properties: { a: { type: 'string', format: 'date' } } }, /"format"/],
      ['minimum', { ...ok, properties: { a: { type: 'number', minimum: 0 } } }, /"minimum"/],
      ['array without items', { ...ok, properties: { a: { type: 'array' } } }, /items/],
      ['nested open object', { ...ok, properties: { a: { type: 'object', properties: {}, required: [] } } }, /properties\/a: additionalProperties/],
      ['nullable enum without null', { ...ok, properties: { a: { type: ['string', 'null'], enum: ['x'] } } }, /must list null/],
      ['root anyOf', { anyOf: [ok] }, /root/],
      ['unknown type', { ...ok, properties: { a: { type: 'date' } } }, /unsupported type/],
    ];
    expect(strictModeViolations(ok)).toEqual([]);
    for (const [, schema, pattern] of table) expect(strictModeViolations(schema).join('\n')).toMatch(pattern);
  });

  it('holds for any declared facts (fast-check, 200 runs)', () => {
    const type = fc.constantFrom('number', 'integer', 'string', 'boolean', 'date', 'array', 'object');
    const plain = fc.string().filter((s) => !s.includes('{') && !s.includes('}'));
    const text = fc.oneof(plain, fc.record({ en: plain, nl: plain }));
    const fact = type.chain((t) =>
      fc.record(
        {
          type: fc.constant(t),
          ...(t === 'string' ? { enum: fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 5 }) } : {}),
          ...(t === 'array' ? { items: fc.constantFrom('number', 'integer', 'string', 'boolean', 'date', 'array', 'object') } : {}),
          label: text,
          question: text,
          internal: fc.boolean(),
          personal: fc.boolean(),
        },
        { requiredKeys: ['type'] },
      ),
    );
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,12}$/).filter((n) => n !== '__proto__');
    fc.assert(
      fc.property(fc.dictionary(name, fact, { minKeys: 1, maxKeys: 12 }), (facts) => {
        const policy = definePolicy({ id: 'generated', version: '1', facts, outcomes: { ok: {} }, decision: { default: 'ok' }, rules: [] });
        const schema = factsInputSchema(policy);
        expect(strictModeViolations(schema)).toEqual([]);
        const properties = schema['properties'] as Record<string, unknown>;
        for (const [n, d] of Object.entries(facts)) expect(Object.hasOwn(properties, n)).toBe(d.internal !== true);
        expect(Object.hasOwn(properties, localeArgument(policy))).toBe(true);
        // The other dialects: the same properties, each in its own rules.
        const plain = factsInputSchema(policy, { dialect: 'json-schema' });
        const gemini = factsInputSchema(policy, { dialect: 'gemini' });
        expect(portableViolations(plain)).toEqual([]);
        expect(geminiViolations(gemini)).toEqual([]);
        expect(Object.keys(plain['properties'] as object)).toEqual(Object.keys(properties));
        expect(Object.keys(gemini['properties'] as object)).toEqual(Object.keys(properties));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves out the facts the host supplies', () => {
    const schema = factsInputSchema(refund, { hostFacts: { orderTotal: 10 }, hostSupplies: ['daysSincePurchase'] });
    expect(Object.keys(schema['properties'] as object)).not.toContain('orderTotal');
    expect(Object.keys(schema['properties'] as object)).not.toContain('daysSincePurchase');
    expect(() => factsInputSchema(refund, { hostSupplies: ['nope'] })).toThrow(/"nope" is not a fact of the policy "refund"/);
  });

  it('renames the locale argument when a fact is called locale', () => {
    const policy = definePolicy({ id: 'p', version: '1', facts: { locale: { type: 'string' } }, outcomes: { ok: {} }, decision: { default: 'ok' }, rules: [] });
    const schema = factsInputSchema(policy);
    expect(Object.keys(schema['properties'] as object)).toEqual(['locale', 'replyLocale']);
    expect(strictModeViolations(schema)).toEqual([]);
  });
});

describe('toolName and toolDescription', () => {
  it('names the tool after the policy id, within the OpenAI limits', () => {
    expect(toolName(refund)).toBe('decide_refund');
    expect(toolName(examplePolicy('data-deletion.json'))).toBe('decide_data_deletion');
    for (const file of examplePolicyFiles()) expect(toolName(examplePolicy(file))).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    const long = definePolicy({ id: 'x'.repeat(80), version: '1', facts: {}, outcomes: { ok: {} }, rules: [] });
    expect(toolName(long)).toHaveLength(64);
  });

  it('rejects a bad custom name', () => {
    expect(toolName(refund, { name: 'refunds_v2' })).toBe('refunds_v2');
    expect(() => toolName(refund, { name: 'refund tool' })).toThrow(/1 to 64 letters/);
    expect(() => toolName(refund, { name: 'a'.repeat(65) })).toThrow(/1 to 64 letters/);
  });

  it('describes what the policy decides and forbids deciding without it', () => {
    const description = toolDescription(refund);
    expect(description).toContain('refund requests (Refunds)');
    expect(description).toContain('version 2026.1');
    expect(description).toMatch(/Never decide/);
    expect(toolDescription(refund, { description: 'Custom.' })).toBe('Custom.');
  });
});

describe('callTool', () => {
  const opts: PolicyToolOptions = { at: AT };

  it('decides and returns the model-facing result without the trace', async () => {
    const call = await callTool(refund, { ...REFUND_DENY, email: null, locale: null }, opts);
    expect(call.ok).toBe(true);
    if (!call.ok) return;
    expect(call.forModel.outcome).toBe('deny');
    expect(call.forModel.text).toBe(call.result.text);
    expect(call.forModel.reasons[0]?.source?.url).toBe('https://example.com/returns#2-1');
    expect(call.forModel.policy).toEqual({ id: 'refund', version: '2026.1', hash: refund.hash });
    const json = JSON.stringify(call.forModel);
    expect(json).not.toContain('"trace"');
    expect(json).not.toContain('outside-return-period'); // rule names stay out
    expect(call.result.trace.length).toBe(refund.document.rules.length);
  });

  it('treats null as unknown: the same result as leaving the fact out', async () => {
    const withNulls = await callTool(refund, { daysSincePurchase: 10, orderTotal: null, loyaltyTier: null, finalSale: null, hygieneSealBroken: null, damagedOnArrival: null, email: null, locale: null }, opts);
    const without = await callTool(refund, { daysSincePurchase: 10 }, opts);
    expect(withNulls.forModel).toEqual(without.forModel);
    expect(withNulls.forModel).toMatchObject({ outcome: 'undecided' });
    if (!withNulls.ok) return;
    expect(withNulls.forModel.missing.map((m) => m.fact)).toContain('damagedOnArrival');
    expect(withNulls.forModel.missing.every((m) => m.question.length > 0)).toBe(true);
  });

  it('takes the locale apart from the facts', async () => {
    const call = await callTool(refund, { ...REFUND_DENY, locale: 'nl' }, opts);
    expect(call.ok && call.forModel.locale).toBe('nl');
    expect(call.ok && call.forModel.reasons[0]?.text).toContain('retourtermijn');
    const fallback = await callTool(refund, { ...REFUND_DENY, locale: null }, { ...opts, locale: 'nl' });
    expect(fallback.ok && fallback.forModel.locale).toBe('nl');
  });

  it('answers bad facts with issues the model can act on, never a throw', async () => {
    const call = await callTool(refund, { daysSincePurchase: 'forty', loyaltyTier: 'platinum', finalSale: 'no' }, opts);
    expect(call.ok).toBe(false);
    if (call.ok) return;
    expect(call.forModel.error.code).toBe('invalid_arguments');
    expect(call.forModel.error.issues.map((i) => i.path).sort()).toEqual(['daysSincePurchase', 'finalSale', 'loyaltyTier']);
    expect(call.error.name).toBe('FactsError');
  });

  it.each([
    ['a list', [1, 2], 'invalid_type'],
    ['a number', 42, 'invalid_type'],
    ['JSON text of a list', '[1]', 'invalid_type'],
    ['broken JSON text', '{"daysSincePurchase": ', 'invalid_json'],
  ])('answers arguments that are %s with an error', async (_, args, code) => {
    const call = await callTool(refund, args, opts);
    expect(call.ok).toBe(false);
    expect(!call.ok && call.forModel.error.issues[0]?.code).toBe(code);
  });

  it('accepts the arguments as JSON text', async () => {
    const call = await callTool(refund, JSON.stringify(REFUND_DENY), opts);
    expect(call.ok && call.forModel.outcome).toBe('deny');
  });

  it('decodes object facts sent as JSON strings, and reports broken ones by path', async () => {
    const base = { n: 5, secret: null };
    const abroad = await callTool(everyShape, { ...base, address: '{"country":"BE"}' }, { hostFacts: { secret: 0 } });
    expect(abroad.ok && abroad.forModel.outcome).toBe('no');
    const home = await callTool(everyShape, { ...base, address: { country: 'NL' } }, { hostFacts: { secret: 0 } });
    expect(home.ok && home.forModel.outcome).toBe('yes');
    const broken = await callTool(everyShape, { ...base, address: '{country: BE}' }, { hostFacts: { secret: 0 } });
    expect(!broken.ok && broken.forModel.error.issues).toEqual([expect.objectContaining({ code: 'invalid_json', path: 'address' })]);
  });

  it('merges host facts over the model, and never takes an internal fact from the model', async () => {
    const facts = { failedSignInsInWindow: 0, minutesSinceLastFailedSignIn: 100, identityVerified: true, failedIdentityChecks: 0, chargebacksLast12Months: 0, daysInvoiceOverdue: 0 };
    const forged = await callTool(account, { ...facts, fraudScore: 0 }, { at: AT, hostFacts: { fraudScore: 93.1234 } });
    expect(forged.ok).toBe(true);
    if (!forged.ok) return;
    expect(forged.result.decidedBy).toBe('fraud-risk');
    const json = JSON.stringify(forged.forModel);
    expect(json).not.toContain('93.1234');
    expect(json).not.toContain('fraud-risk');
    expect(JSON.stringify(forged.result.trace)).toContain('93.1234');

    // Without host facts, a model's fraud score is ignored: the fact stays missing, and the
    // model is not asked for it.
    const decisions: string[][] = [];
    const alone = await callTool(account, { ...facts, identityVerified: null, fraudScore: 99 }, { at: AT, onDecision: (r) => void decisions.push(r.missing.map((m) => m.fact)) });
    expect(alone.ok).toBe(true);
    if (!alone.ok) return;
    expect(alone.result.factsUsed).not.toHaveProperty('fraudScore');
    expect(decisions[0]).toContain('fraudScore');
    expect(alone.forModel.missing.map((m) => m.fact)).toEqual(['identityVerified']);
  });

  it('asks for a hand-over when only facts the host owns are missing', async () => {
    const facts = { failedSignInsInWindow: 0, minutesSinceLastFailedSignIn: 100, identityVerified: true, failedIdentityChecks: 0, chargebacksLast12Months: 0, daysInvoiceOverdue: 0 };
    const call = await callTool(account, facts, { at: AT });
    expect(call.ok).toBe(false);
    if (call.ok) return;
    expect(call.forModel.error).toMatchObject({ code: 'unavailable', issues: [] });
    expect(call.error.issues.map((i) => i.path)).toEqual(['fraudScore']);
    await expect(callTool(account, facts, { at: AT, hostFacts: () => null as never })).rejects.toThrow(/hostFacts gives an object/);
  });

  it('passes the call and its context to a hostFacts function', async () => {
    const seen: unknown[] = [];
    const call = await callTool(
      account,
      { identityVerified: true },
      { at: AT, hostFacts: (c) => (seen.push(c), { fraudScore: 95 }) },
      { session: 's1' },
    );
    expect(seen).toEqual([{ args: { identityVerified: true }, context: { session: 's1' } }]);
    expect(call.ok && call.result.decidedBy).toBe('fraud-risk');
  });

  it('hides a bad host fact from the model and asks for a hand-over', async () => {
    const call = await callTool(account, { identityVerified: true }, { at: AT, hostFacts: { fraudScore: 'very high' } });
    expect(call.ok).toBe(false);
    if (call.ok) return;
    expect(call.forModel.error).toMatchObject({ code: 'unavailable', issues: [] });
    expect(JSON.stringify(call.forModel)).not.toContain('very high');
    expect(call.error.issues[0]?.path).toBe('fraudScore');
  });

  it('treats what a hostFacts function returns as the host\'s: a bad value never reaches the model', async () => {
    const { orderTotal: _, ...rest } = REFUND_DENY;
    const call = await callTool(refund, rest, { ...opts, hostFacts: () => ({ orderTotal: 'secret-€1234' }) });
    expect(call.ok).toBe(false);
    if (call.ok) return;
    expect(call.forModel.error).toMatchObject({ code: 'unavailable', issues: [] });
    expect(JSON.stringify(call.forModel)).not.toContain('secret');
    expect(call.error.issues[0]?.path).toBe('orderTotal');
  });

  it('asks for a hand-over when the policy is not in force', async () => {
    const call = await callTool(refund, REFUND_DENY, { at: '2025-06-01' });
    expect(call.ok).toBe(false);
    expect(!call.ok && call.forModel.error.code).toBe('policy_not_in_force');
  });

  it('reports a malformed locale as an argument problem', async () => {
    const call = await callTool(refund, { ...REFUND_DENY, locale: 'english please' }, opts);
    expect(!call.ok && call.forModel.error.issues[0]?.path).toBe('locale');
    const typed = await callTool(refund, { ...REFUND_DENY, locale: 7 }, opts);
    expect(!typed.ok && typed.forModel.error.issues[0]?.path).toBe('locale');
  });

  it('hands the full result to onDecision', async () => {
    const log: string[] = [];
    await callTool(refund, REFUND_DENY, { ...opts, onDecision: (result, c) => void log.push(`${c.toolName}:${result.decidedBy}:${result.trace.length}`) });
    expect(log).toEqual([`decide_refund:outside-return-period:${refund.document.rules.length}`]);
  });
});

describe('toolResult', () => {
  it('keeps the texts and drops the trace, conditions and facts used', async () => {
    const result = await refund.explain(REFUND_DENY, { at: AT });
    const forModel = toolResult(result);
    expect(Object.keys(forModel).sort()).toEqual(['counterfactuals', 'disclosure', 'escalation', 'locale', 'missing', 'outcome', 'outcomeLabel', 'policy', 'reasons', 'text']);
    expect(forModel.reasons).toEqual(result.reasons.map((r) => ({ text: r.text, source: r.source })));
    expect(forModel.counterfactuals).toEqual(result.counterfactuals.map((c) => ({ text: c.text })));
    expect(forModel.escalation).toEqual(result.escalation);
  });

  it('is a fresh object: changing it leaves the result alone', async () => {
    const result = await refund.explain(REFUND_DENY, { at: AT });
    const forModel = toolResult(result) as { policy: { id: string } };
    forModel.policy.id = 'changed';
    expect(result.policy.id).toBe('refund');
  });

  it('drops missing facts the host supplies', async () => {
    const result = await refund.explain({ daysSincePurchase: 10 }, { at: AT });
    const missing = toolResult(result, refund, { hostSupplies: ['orderTotal'] }).missing.map((m) => m.fact);
    expect(result.missing.map((m) => m.fact)).toContain('orderTotal');
    expect(missing).not.toContain('orderTotal');
  });
});

export type { Policy };
