import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callTool } from '../../src/adapters/tool.js';
import {
  DecisionResultSchema,
  definePolicy,
  explain,
  type ExplainOptions,
  type FactsError,
  isFactsError,
  isPolicyError,
  OptionsError,
  PolicyError,
  PolicySchema,
  toAuditRecord,
  type Policy,
} from '../../src/index.js';
import { canonicalJson } from '../../src/policy/hash.js';
import { completeFacts, FACT_NAMES, partialFacts, policyDocument } from '../helpers/arbitraries.js';

/**
 * Robustness of the core against hostile or broken input: definePolicy throws only PolicyError,
 * explain rejects only with FactsError, prototype keys do nothing, depth and size do not crash,
 * concurrent calls do not mix, and an audit record replays.
 */

const EXAMPLES = new URL('../../rules-examples/', import.meta.url);
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, EXAMPLES), 'utf8')) as Record<string, unknown>);

/** Throws unless `error` is a PolicyError whose issues are well formed. */
function expectPolicyError(error: unknown): void {
  if (!isPolicyError(error)) throw error;
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(issue.message).not.toMatch(/Invalid input|is not Invalid|\[object Object\]/);
  }
}

/** Every path to a value inside `value`. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

/** A copy of `doc` with one change at `path`: deleted, replaced, renamed or given an extra key. */
function mutate(doc: unknown, path: (string | number)[], action: number, replacement: unknown): unknown {
  const copy = structuredClone(doc);
  if (path.length === 0) return action === 0 ? replacement : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  switch (action) {
    case 0:
      parent[key] = replacement;
      break;
    case 1:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 2: {
      const v = parent[key];
      parent[key] = typeof v === 'string' ? `${v.slice(0, -1)}X` : typeof v === 'number' ? -v - 1 : Array.isArray(v) ? [] : v === null ? 0 : typeof v === 'object' ? { ...v, extra: replacement } : !v;
      break;
    }
    default:
      if (!Array.isArray(parent)) {
        const v = parent[key];
        delete parent[key];
        parent[`${String(key)}s`] = v;
      }
  }
  return copy;
}

describe('definePolicy on arbitrary input', () => {
  it('throws only PolicyError on arbitrary JSON and arbitrary values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withBigInt: true, withDate: true, withMap: true, withTypedArray: true, withNullPrototype: true })), (value) => {
        try {
          definePolicy(value);
        } catch (error) {
          expectPolicyError(error);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('throws only PolicyError on JSON text, valid or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        try {
          definePolicy(text);
        } catch (error) {
          expectPolicyError(error);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('on mutated valid policies: a PolicyError, or a policy the schema accepts', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(policyDocument as fc.Arbitrary<unknown>, fc.constantFrom(...examples)),
        fc.nat(),
        fc.nat(3),
        fc.jsonValue({ maxDepth: 2 }),
        partialFacts,
        async (doc, pick, action, replacement, facts) => {
          const paths = pathsOf(doc);
          const mutated = mutate(doc, paths[pick % paths.length] as (string | number)[], action, replacement);
          let policy: Policy;
          try {
            policy = definePolicy(mutated);
          } catch (error) {
            expectPolicyError(error);
            refused++;
            return;
          }
          accepted++;
          // definePolicy never returns a policy its own schema rejects
          expect(PolicySchema.safeParse(policy.document).success).toBe(true);
          // and the accepted policy explains without throwing anything but FactsError
          await explain(policy, facts, { at: '2026-06-01' }).catch((error: unknown) => {
            if (!isFactsError(error) && !(error instanceof Error && error.name === 'PolicyNotInForceError')) throw error;
          });
        },
      ),
      { numRuns: 600 },
    );
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });
});

describe('explain on arbitrary facts', () => {
  it('resolves, or rejects with FactsError only', async () => {
    await fc.assert(
      fc.asyncProperty(
        policyDocument,
        fc.oneof(
          fc.dictionary(fc.constantFrom(...FACT_NAMES, 'x', '__proto__', 'constructor'), fc.anything({ withBigInt: true, withDate: true, withMap: true })),
          fc.dictionary(fc.constantFrom(...FACT_NAMES), fc.jsonValue()),
          fc.anything(),
        ),
        async (doc, facts) => {
          let policy: Policy;
          try {
            policy = definePolicy(doc);
          } catch {
            return;
          }
          await explain(policy, facts).then(
            (r) => expect(typeof r.outcome).toBe('string'),
            (error: unknown) => {
              if (!isFactsError(error)) throw error;
            },
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('arbitrary names, values, locale tags and texts', () => {
  /** Names a policy author or an attacker might pick: i18next options, JavaScript's own, anything. */
  const name = fc.oneof(
    fc.constantFrom('lngs', 'lng', 'returnDetails', 'returnObjects', 'skipInterpolation', 'count', 'context', 'ns', 'replace', 'defaultValue', 'interpolation', 'postProcess', 'nest', 'constructor', 'toString', '__proto__', 'prototype', 'valueOf', 'x', 'y'),
    fc.stringMatching(/^[A-Za-z_$][\w$-]{0,7}$/),
    fc.string({ minLength: 1, maxLength: 8 }),
  );
  const tag = fc.oneof(
    { arbitrary: fc.constantFrom('en', 'nl', 'nl-BE', 'de', 'fr', 'nl-BE-x-acme', 'en-u-nu-arab'), weight: 6 },
    fc.constantFrom('en', 'nl', 'nl-BE', 'de', 'fr', 'nl-BE-x-acme', 'en-u-nu-arab', 'en-12', 'en-US-US', 'en-a1', 'de-DE-1996-1996', 'NL-be', 'x-private', 'en_US', ''),
    fc.stringMatching(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/),
  );
  const text = (names: string[]) =>
    fc
      .array(
        fc.oneof(
          { arbitrary: fc.string({ maxLength: 6 }), weight: 3 },
          { arbitrary: fc.constantFrom(...names).map((n) => `{{${n}}}`), weight: 3 },
          { arbitrary: fc.constantFrom(...names).map((n) => `{{${n}, unit}}`), weight: 2 },
          { arbitrary: fc.constantFrom('$t(k.a)', '$t(k.a, {"lng": "nl"})'), weight: 2 },
          fc.constantFrom('$t(', '{{', '}}'),
        ),
        { maxLength: 5 },
      )
      .map((parts) => parts.join(''));
  const value = fc.oneof(fc.integer(), fc.constant(-0), fc.double(), fc.string(), fc.constantFrom('$t(k.a)', '{{x}}', '\uE0000\uE001', '$t('), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.jsonValue(), fc.anything());
  const policyWith = fc
    .uniqueArray(name, { minLength: 2, maxLength: 4 })
    .chain((names) =>
      fc.record({
        names: fc.constant(names),
        types: fc.array(fc.constantFrom('number', 'integer', 'string', 'boolean', 'array', 'object'), { minLength: names.length, maxLength: names.length }),
        units: fc.array(fc.constantFrom(undefined, 'day', 'hour', 'currency', 'percent'), { minLength: names.length, maxLength: names.length }),
        personal: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
        because: fc.oneof(text(names), fc.dictionary(tag, text(names), { maxKeys: 3 })),
        label: fc.oneof(fc.string(), fc.dictionary(tag, fc.string(), { maxKeys: 2 })),
        threshold: fc.oneof(fc.integer(), fc.constant(-0)),
      }),
    )
    .map(({ names, types, units, personal, because, label, threshold }) => {
      const facts: Record<string, unknown> = {};
      names.forEach((n, i) => {
        const type = types[i] as string;
        const unit = type === 'number' || type === 'integer' ? units[i] : undefined;
        Object.defineProperty(facts, n, {
          value: { type, ...(unit === undefined ? {} : { unit }), ...(unit === 'currency' ? { currency: 'EUR' } : {}), personal: personal[i], label },
          enumerable: true,
        });
      });
      const first = names[0] as string;
      const operator = types[0] === 'number' || types[0] === 'integer' ? 'greaterThan' : types[0] === 'array' ? 'contains' : 'notEqual';
      return {
        id: 'fuzz',
        version: '1',
        facts,
        outcomes: { approve: {}, deny: { adverse: true, label } },
        decision: { default: 'approve' },
        rules: [{ name: 'r', conditions: { all: [{ fact: first, operator, value: types[0] === 'boolean' ? true : threshold }] }, event: { type: 'deny' }, because }],
      };
    });

  it('give a PolicyError, a FactsError, an OptionsError or a result that passes its own schema', async () => {
    let results = 0;
    await fc.assert(
      fc.asyncProperty(
        policyWith,
        fc.dictionary(name, value, { maxKeys: 5 }),
        fc.record({ locale: fc.option(tag, { nil: undefined }), audience: fc.constantFrom('customer', 'agent'), redact: fc.boolean(), whyNot: fc.constantFrom(undefined, 'approve', 'deny') }, { requiredKeys: [] }),
        async (doc, facts, options) => {
          let policy: Policy;
          try {
            policy = definePolicy(doc, { resources: { en: { k: { a: 'hello' } }, nl: { k: { a: 'hallo' } } } });
          } catch (error) {
            expectPolicyError(error);
            return;
          }
          // Half the declared facts get a value of their type, so that the texts are reached.
          const typed: Record<string, unknown> = { number: -0, integer: 45, string: '$t(k.a) {{x}}', boolean: true, array: ['{{', '$t('], object: { a: -0 } };
          const named = Object.fromEntries(Object.entries(policy.document.facts).map(([n, d], i) => [n, i % 2 === 0 ? typed[d.type] : facts[n]]));
          await explain(policy, { ...facts, ...named }, options as ExplainOptions).then(
            (result) => {
              results++;
              expect(() => DecisionResultSchema.parse(result)).not.toThrow();
              for (const t of [result.text, ...result.reasons.map((r) => r.text)]) expect(t).not.toMatch(/\[object |\uE000|\uE001|\uE002/);
            },
            (error: unknown) => {
              if (!isFactsError(error) && !(error instanceof OptionsError)) throw error;
              for (const issue of (error as FactsError).issues) expect(issue.message).not.toMatch(/\[object |undefined/);
            },
          );
          const call = await callTool(policy, { ...facts, ...named });
          if (call.ok) expect(typeof call.forModel.text).toBe('string');
        },
      ),
      { numRuns: 400 },
    );
    console.log(`arbitrary names and values: 400 policies, ${results} explained, the rest refused with PolicyError, FactsError or OptionsError`);
    // The generator must reach results, not only errors.
    expect(results).toBeGreaterThan(50);
  });
});

describe('__proto__, constructor and prototype', () => {
  const POLLUTION = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}}';

  function expectClean(): void {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.keys(Object.prototype)).toEqual([]);
  }

  it('in facts: change nothing and pollute nothing', async () => {
    const policy = definePolicy(examples.find((e) => e['id'] === 'refund') ?? examples[0]);
    const facts = { daysSincePurchase: 45, orderTotal: 80, loyaltyTier: 'none', finalSale: false, hygieneSealBroken: false, damagedOnArrival: false };
    const plain = await explain(policy, facts, { at: '2026-03-01' });
    const hostile = { ...JSON.parse(POLLUTION), ...facts };
    expect(await explain(policy, hostile, { at: '2026-03-01' })).toEqual(plain);
    // inside an object fact too
    const generated = definePolicy(fc.sample(policyDocument, { numRuns: 1, seed: 4 })[0]);
    const withObj = await fc.sample(completeFacts, { numRuns: 1, seed: 4 })[0];
    await explain(generated, { ...withObj, obj: JSON.parse(POLLUTION) });
    expectClean();
  });

  it('in a policy: refused where they are names, harmless where they are data', async () => {
    const base = () => ({
      id: 'proto',
      version: '1',
      facts: { a: { type: 'object' } },
      parameters: { p: { value: JSON.parse(POLLUTION) } },
      outcomes: { yes: {} },
      rules: [{ name: 'r', conditions: { all: [{ fact: 'a', path: '$.constructor', operator: 'equal', value: { fact: 'p', path: '$.prototype.polluted' } }] }, event: { type: 'yes' } }],
    });
    // data: a parameter value and paths may name them; nothing is polluted, nothing is read from prototypes
    const policy = definePolicy(base());
    expect((await explain(policy, { a: {} })).trace[0]?.fired).toBe(false); // {}.constructor is not read
    expect((await explain(policy, { a: JSON.parse('{"constructor": "yes"}') })).trace[0]?.fired).toBe(true);
    // names: refused with a path
    for (const [where, make] of [
      ['top level', (d: Record<string, unknown>) => JSON.parse(JSON.stringify(d).replace('{"id"', `{"__proto__": {"polluted": "yes"}, "id"`))],
      ['facts', (d: Record<string, unknown>) => JSON.parse(JSON.stringify(d).replace('"facts":{', `"facts":{"__proto__": {"type": "number"},`))],
      ['conditions', (d: Record<string, unknown>) => JSON.parse(JSON.stringify(d).replace('"operator"', `"__proto__": {"x": 1}, "operator"`))],
    ] as const) {
      expect(() => definePolicy(make(base())), where).toThrow(PolicyError);
    }
    expectClean();
  });

  it('facts named constructor, prototype or toString are facts like any other', async () => {
    const policy = definePolicy({
      id: 'names',
      version: '1',
      facts: { constructor: { type: 'number' }, prototype: { type: 'string' }, toString: { type: 'boolean' } },
      outcomes: { yes: {}, no: {} },
      rules: [
        { name: 'c', conditions: { all: [{ fact: 'constructor', operator: 'greaterThan', value: 1 }] }, event: { type: 'yes' }, because: 'constructor is {{constructor}}' },
        { name: 't', conditions: { any: [{ fact: 'toString', operator: 'equal', value: true }, { fact: 'prototype', operator: 'equal', value: 'x' }] }, event: { type: 'no' } },
      ],
    });
    const unknown = await explain(policy, {});
    // absent, not Object.prototype.constructor
    expect(unknown.outcome).toBe('undecided');
    expect(unknown.missing.map((m) => m.fact).sort()).toEqual(['constructor', 'prototype', 'toString']);
    const known = await explain(policy, { constructor: 5, toString: false, prototype: 'y' });
    expect(known.outcome).toBe('yes');
    expect(known.text).toContain('constructor is 5');
    expect(known.factsUsed).toEqual({ constructor: 5, toString: false, prototype: 'y' });
    expectClean();
  });
});

describe('depth and size', () => {
  function nested(depth: number, leaf: unknown, wrap: (inner: unknown, i: number) => unknown): unknown {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = wrap(v, i);
    return v;
  }

  it('10,000-deep nested all/any is a PolicyError, not a stack overflow (as a value and as JSON text)', () => {
    const conditions = nested(10_000, { fact: 'a', operator: 'equal', value: 1 }, (inner, i) => (i % 2 === 0 ? { all: [inner] } : { any: [inner] }));
    const doc = { id: 'deep', version: '1', facts: { a: { type: 'number' } }, outcomes: { yes: {} }, rules: [{ name: 'r', conditions, event: { type: 'yes' } }] };
    // JSON.stringify itself overflows at this depth: write the text by hand
    const open = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? '{"any":[' : '{"all":[')).join('');
    const text = `{"id":"deep","version":"1","facts":{"a":{"type":"number"}},"outcomes":{"yes":{}},"rules":[{"name":"r","event":{"type":"yes"},"conditions":${open}{"fact":"a","operator":"equal","value":1}${']}'.repeat(10_000)}}]}`;
    for (const input of [doc, text]) {
      try {
        definePolicy(input);
        expect.unreachable();
      } catch (error) {
        expectPolicyError(error);
        expect((error as PolicyError).issues.map((i) => i.code)).toContain('too_deep');
      }
    }
  });

  it('10,000-deep nested fact values are a FactsError', async () => {
    const policy = definePolicy({ id: 'deep', version: '1', facts: { o: { type: 'object' }, l: { type: 'array' } }, outcomes: { yes: {} }, rules: [] });
    const deepObject = nested(10_000, 1, (inner) => ({ x: inner }));
    const deepList = nested(10_000, 1, (inner) => [inner]);
    const error = await explain(policy, { o: deepObject, l: deepList }).catch((e: unknown) => e);
    expect(isFactsError(error)).toBe(true);
    expect((error as { issues: { code: string; path: string }[] }).issues.map((i) => [i.code, i.path.slice(0, 6)])).toEqual([
      ['too_deep', 'o.x.x.'],
      ['too_deep', 'l[0][0'],
    ]);
  });

  // A few seconds: the facts are checked and copied item by item.
  it('a 10 MB string and a 1,000,000-element array are handled', { timeout: 60_000 }, async () => {
    const policy = definePolicy({
      id: 'big',
      version: '1',
      facts: { note: { type: 'string' }, items: { type: 'array', items: 'number' } },
      outcomes: { yes: {}, no: {} },
      decision: { default: 'no' },
      rules: [
        {
          name: 'big',
          conditions: { all: [{ fact: 'note', operator: 'notEqual', value: '' }, { fact: 'items', operator: 'doesNotContain', value: -5 }] },
          event: { type: 'yes' },
        },
      ],
    });
    const note = 'x'.repeat(10 * 1024 * 1024);
    const items = Array.from({ length: 1_000_000 }, (_, i) => i);
    const result = await explain(policy, { note, items });
    expect(result.outcome).toBe('yes');
    expect(result.factsUsed['note']).toHaveLength(note.length);
    expect(result.factsUsed['items']).toHaveLength(1_000_000);
    // The text names a long list by its first items and how many more there are.
    expect(result.reasons[0]?.text).toMatch(/0, 1, 2, 3,? and 999,996 more/);
    items[0] = -1;
    expect((result.factsUsed['items'] as number[])[0]).toBe(0); // a copy
    const wrong = await explain(policy, { note, items: [...items.slice(0, 999_999), 'x'] }).catch((e: unknown) => e);
    expect((wrong as { issues: { path: string }[] }).issues[0]?.path).toBe('items[999999]');
  });
});

describe('concurrency', () => {
  it('200 concurrent explain calls with different policies and locales give the sequential results', async () => {
    const docs = fc.sample(policyDocument, { numRuns: 40, seed: 7 });
    const policies = docs.flatMap((d) => {
      try {
        return [definePolicy(d)];
      } catch {
        return [];
      }
    });
    policies.push(...examples.map((e) => definePolicy(e)));
    const factSets = fc.sample(fc.oneof(completeFacts, partialFacts), { numRuns: 200, seed: 8 });
    const locales = ['en', 'nl', 'nl-BE', 'de', 'fr'];
    const calls = factSets.map((facts, i) => ({
      policy: policies[i % policies.length] as Policy,
      facts,
      options: { locale: locales[i % locales.length] as string, at: '2026-03-01', audience: i % 3 === 0 ? ('agent' as const) : ('customer' as const) },
    }));
    const settle = (c: (typeof calls)[number]) =>
      explain(c.policy, c.facts, c.options).then(
        (r) => ({ ok: true, r }) as const,
        (e: unknown) => ({ ok: false, e: String(e) }) as const,
      );
    const sequential = [];
    for (const c of calls) sequential.push(await settle(c));
    const concurrent = await Promise.all(calls.map(settle));
    expect(concurrent).toEqual(sequential);
    const results = sequential.filter((s) => s.ok);
    expect(results.length).toBeGreaterThan(150);
    expect([...new Set(results.map((s) => (s.ok ? s.r.locale : '')))]).toEqual(expect.arrayContaining(['en', 'nl', 'de', 'fr']));
  });
});

describe('audit records', () => {
  const refund = examples.find((e) => e['id'] === 'refund') ?? (examples[0] as Record<string, unknown>);
  const facts = { daysSincePurchase: 45, orderTotal: 80, loyaltyTier: 'none', finalSale: false, hygieneSealBroken: false, damagedOnArrival: false, junk: 'x' };

  it('adds id, time, engine version and input hash; replaying its input gives the same result', async () => {
    const policy = definePolicy(refund);
    const options = { locale: 'nl', at: new Date('2026-03-01T00:00:00Z') };
    const result = await explain(policy, facts, options);
    const record = toAuditRecord(result, { facts, options }, { id: 'ticket-1', at: '2026-03-01T10:00:00Z' });
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(record.id).toBe('ticket-1');
    expect(record.at).toBe('2026-03-01T10:00:00.000Z');
    expect(record.engine).toBe(`because@${pkg.version}`);
    expect(record.inputHash).toBe(createHash('sha256').update(canonicalJson(record.input), 'utf8').digest('hex'));
    expect(record.input.options).toEqual({ locale: 'nl', at: '2026-03-01T00:00:00.000Z' });
    expect(record.result).toEqual(result);
    // a record survives JSON and replays to the same result
    const stored = JSON.parse(JSON.stringify(record)) as typeof record;
    expect(await explain(policy, stored.input.facts, stored.input.options as never)).toEqual(stored.result);
    // the same input hashes the same, another input differently
    expect(toAuditRecord(result, { facts: { ...facts }, options: { at: options.at, locale: 'nl' } }, { id: 'x' }).inputHash).toBe(record.inputHash);
    expect(toAuditRecord(result, { facts: { ...facts, orderTotal: 81 }, options }, { id: 'x' }).inputHash).not.toBe(record.inputHash);
  });

  it('replays for random policies and facts', async () => {
    await fc.assert(
      fc.asyncProperty(policyDocument, partialFacts, fc.constantFrom('en', 'nl', 'de', 'fr'), async (doc, f, locale) => {
        let policy: Policy;
        try {
          policy = definePolicy(doc);
        } catch {
          return;
        }
        const result = await explain(policy, f, { locale });
        const record = JSON.parse(JSON.stringify(toAuditRecord(result, { facts: f, options: { locale } }, { id: 'r' }))) as ReturnType<typeof toAuditRecord>;
        expect(await explain(policy, record.input.facts, record.input.options as never)).toEqual(record.result);
      }),
      { numRuns: 60 },
    );
  });

  it('defaults the time to now, and refuses a bad id, time or input with OptionsError', async () => {
    const result = await explain(definePolicy(refund), facts, { at: '2026-03-01' });
    const before = Date.now();
    const record = toAuditRecord(result, { facts }, { id: 'n' });
    expect(Date.parse(record.at)).toBeGreaterThanOrEqual(before - 1);
    expect(record.input.options).toEqual({});
    expect(() => toAuditRecord(result, { facts }, { id: 'x', at: 'not a date' })).toThrow(OptionsError);
    expect(() => toAuditRecord(result, { facts }, { id: '' })).toThrow(OptionsError);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => toAuditRecord(result, { facts: cyclic }, { id: 'x' })).toThrow(OptionsError);
    expect(() => toAuditRecord(result, { facts: { n: 1n } }, { id: 'x' })).toThrow(OptionsError);
  });
});
