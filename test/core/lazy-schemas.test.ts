import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { DecisionResultSchema, DecisionSchema, decide, definePolicy, explain, PolicySchema } from '../../src/index.js';
import { lazyShape } from '../../src/policy/lazy-shape.js';
import { policySchemas } from '../../src/policy/schema.js';
import { resultSchemas } from '../../src/result/schema.js';
import { completeFacts, generatedPolicy, partialFacts, policyDocument } from '../helpers/arbitraries.js';

/**
 * The zod schemas are built on first use, not on import (a fifth of a cold import). The exported
 * `PolicySchema`, `DecisionResultSchema` and `DecisionSchema` are real zod objects made on
 * import whose shape is a set of getters (`lazyShape`), which zod resolves on its first read of
 * the shape. They must behave as the schemas built eagerly from the same parts: the same keys in
 * the same order, the same answers and issues, the same JSON Schema.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = new URL('../../rules-examples/', import.meta.url);
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, EXAMPLES), 'utf8')) as Record<string, unknown>);

/** The schemas as they were before: built eagerly from the same parts. */
const eager = {
  policy: () => z.strictObject(policySchemas().policyShape),
  result: () => resultSchemas().DecisionResultSchema,
  decision: () => resultSchemas().DecisionSchema,
};

describe('the exported schemas, built on first use', () => {
  it('a fresh process builds no schema on import, nor for a decision, and builds them when one is used', () => {
    const code = `
      const registry = () => globalThis.__zod_globalRegistry;
      const built = () => [registry()?._idmap.has('Condition') ?? false, registry()?._idmap.has('ConditionTrace') ?? false];
      const seen = {};
      const b = await import('./src/index.ts');
      seen.imported = built();
      const { readFileSync } = await import('node:fs');
      const tests = JSON.parse(readFileSync('rules-examples/refund.tests.json', 'utf8'));
      const policy = b.definePolicy(JSON.parse(readFileSync('rules-examples/refund.json', 'utf8')));
      await b.explain(policy, tests.cases[0].facts, { at: '2026-03-01' });
      await b.decide(policy, tests.cases[0].facts, { at: '2026-03-01' });
      seen.decided = built();
      seen.refused = (() => { try { b.definePolicy({ id: 'x' }); return 'accepted'; } catch (e) { return e.name; } })();
      seen.afterRefusal = built();
      seen.resultParsed = b.DecisionSchema.safeParse({}).success;
      seen.afterResultParse = built();
      console.log(JSON.stringify(seen));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop() ?? '')).toEqual({
      imported: [false, false],
      decided: [false, false],
      refused: 'PolicyError',
      afterRefusal: [true, false],
      resultParsed: false,
      afterResultParse: [true, true],
    });
  });

  it('are real zod object schemas with the shape of the eager ones, key for key and in order', () => {
    for (const [schema, built] of [
      [PolicySchema, eager.policy()],
      [DecisionResultSchema, eager.result()],
      [DecisionSchema, eager.decision()],
    ] as const) {
      expect(schema).toBeInstanceOf(z.ZodMiniObject);
      expect(schema.def.type).toBe('object');
      expect(Object.keys(schema.shape)).toEqual(Object.keys(built.shape));
      for (const key of Object.keys(built.shape)) expect((schema.shape as Record<string, unknown>)[key]).toBe((built.shape as Record<string, unknown>)[key]);
      expect(schema.def.catchall?._zod.def.type).toBe(built.def.catchall?._zod.def.type);
    }
    expect(PolicySchema.def.catchall?._zod.def.type).toBe('never');
    expect(DecisionSchema.shape.trace).toBe(DecisionResultSchema.shape.trace);
  });

  it('derive the same JSON Schema as the eager ones', () => {
    const options = { target: 'draft-7', unrepresentable: 'any' } as const;
    expect(z.toJSONSchema(PolicySchema, options)).toEqual(z.toJSONSchema(eager.policy(), options));
    expect(z.toJSONSchema(DecisionResultSchema, options)).toEqual(z.toJSONSchema(eager.result(), options));
    expect(z.toJSONSchema(DecisionSchema, options)).toEqual(z.toJSONSchema(eager.decision(), options));
    // And a user's schema that holds one of them.
    expect(z.toJSONSchema(z.object({ policy: PolicySchema }), options)).toEqual(z.toJSONSchema(z.object({ policy: eager.policy() }), options));
  });

  it('give the eager schemas’ answers and issues on examples, generated policies and broken ones', () => {
    const policy = eager.policy();
    const same = (value: unknown): void => {
      const [lazy, built] = [PolicySchema.safeParse(value), policy.safeParse(value)];
      expect(lazy.success).toBe(built.success);
      expect(lazy.error?.issues).toEqual(built.error?.issues);
      if (lazy.success && built.success) expect(lazy.data).toEqual(built.data);
    };
    for (const doc of examples) {
      same(doc);
      same({ ...doc, extra: 1 });
      same({ ...doc, id: 'Bad Id', facts: [] });
      same({ ...doc, rules: [{ name: '', conditions: { all: [{ fact: 'a' }] }, event: {} }] });
    }
    fc.assert(
      fc.property(policyDocument, fc.constantFrom<unknown>(undefined, null, 1, 'x', [], {}, { en: 1 }), fc.nat(), (doc, junk, pick) => {
        same(doc);
        const keys = Object.keys(doc);
        const key = keys[pick % keys.length] ?? 'id';
        same({ ...doc, [key]: junk });
      }),
      { numRuns: 200 },
    );
  });

  it('parse results as the eager result schemas do', async () => {
    const [result, decision] = [eager.result(), eager.decision()];
    await fc.assert(
      fc.asyncProperty(policyDocument, fc.oneof(completeFacts, partialFacts), async (doc, facts) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        const explained = await explain(policy, facts, { audience: 'agent', whyNot: 'approve' });
        const decided = await decide(policy, facts);
        expect(DecisionResultSchema.safeParse(explained)).toEqual(result.safeParse(explained));
        expect(DecisionSchema.safeParse(decided)).toEqual(decision.safeParse(decided));
        const broken = { ...explained, trace: [{ rule: 1 }], missing: 'none' };
        expect(DecisionResultSchema.safeParse(broken)).toEqual(result.safeParse(broken));
        expect(DecisionSchema.safeParse(broken)).toEqual(decision.safeParse(broken));
      }),
      { numRuns: 40 },
    );
    expect(definePolicy(examples[0] as Record<string, unknown>).document).toBeDefined();
  });

  it('lazyShape builds once, on the first read of any key, and keeps the keys in order', () => {
    let builds = 0;
    const shape = lazyShape<{ b: z.ZodMiniString; a: z.ZodMiniNumber }>(['b', 'a'], () => {
      builds++;
      return { b: z.string(), a: z.number() };
    });
    expect(builds).toBe(0);
    expect(Object.keys(shape)).toEqual(['b', 'a']);
    const schema = z.strictObject(shape);
    expect(builds).toBe(0);
    expect(schema.parse({ a: 1, b: 'x' })).toEqual({ b: 'x', a: 1 });
    expect(builds).toBe(1);
    expect(schema.safeParse({ a: 1, b: 'x', c: 0 }).success).toBe(false);
    expect(schema.shape.b).toBe(schema.shape.b);
    expect(builds).toBe(1);
  });
});
