import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, explain, PolicySchema, DecisionResultSchema, DecisionSchema } from '../../src/index.js';
import { jsonSchemas, schemaFileText } from '../../scripts/json-schemas.js';
import { completeFacts, generatedPolicy, partialFacts, policyDocument } from '../helpers/arbitraries.js';
import { validateJsonSchema } from '../helpers/json-schema.js';

/** CONTRACT §4: a JSON Schema of the policy file (and §3 of the result) ships in the package. */

const SCHEMA_DIR = new URL('../../schema/', import.meta.url);
const EXAMPLES = new URL('../../rules-examples/', import.meta.url);
const shipped = (file: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as Record<string, unknown>;

describe('the shipped JSON Schemas', () => {
  it.each(['policy.schema.json', 'result.schema.json', 'decision.schema.json'])('schema/%s is what scripts/json-schemas.ts generates now (run `npm run schema` when this fails)', (file) => {
    const generated = jsonSchemas()[file];
    expect(generated).toBeDefined();
    expect(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')).toBe(schemaFileText(generated));
  });

  const policyFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json'));
  it.each(policyFiles)('rules-examples/%s conforms to schema/policy.schema.json and PolicySchema', (file) => {
    const doc = JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8')) as unknown;
    expect(validateJsonSchema(shipped('policy.schema.json'), doc)).toEqual([]);
    expect(PolicySchema.safeParse(doc).success).toBe(true);
  });

  it('the checker catches what the schema forbids', () => {
    const schema = shipped('policy.schema.json');
    const doc = JSON.parse(readFileSync(new URL('refund.json', EXAMPLES), 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, { ...doc, id: 'Bad Id' })).not.toEqual([]);
    expect(validateJsonSchema(schema, { ...doc, extra: 1 })).not.toEqual([]);
    expect(validateJsonSchema(schema, { ...doc, rules: [{ name: 'x', conditions: { all: [{ fact: 'a', operator: 'equal' }] }, event: { type: 'deny' } }] })).not.toEqual([]);
    const { facts: _facts, ...noFacts } = doc;
    expect(validateJsonSchema(schema, noFacts)).not.toEqual([]);
  });

  it('every policy definePolicy accepts conforms to the JSON Schema, and every result to the result schema', async () => {
    const policySchema = shipped('policy.schema.json');
    const resultSchema = shipped('result.schema.json');
    const decisionSchema = shipped('decision.schema.json');
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(policyDocument, fc.oneof(completeFacts, partialFacts), async (doc, facts) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        checked++;
        expect(validateJsonSchema(policySchema, policy.document)).toEqual([]);
        const result = await explain(policy, facts, { audience: 'agent', whyNot: 'approve' });
        expect(validateJsonSchema(resultSchema, JSON.parse(JSON.stringify(result)))).toEqual([]);
        expect(DecisionResultSchema.safeParse(result).success).toBe(true);
        const decision = await decide(policy, facts);
        expect(validateJsonSchema(decisionSchema, JSON.parse(JSON.stringify(decision)))).toEqual([]);
        expect(DecisionSchema.safeParse(decision).success).toBe(true);
      }),
      { numRuns: 80 },
    );
    expect(checked).toBeGreaterThan(60);
  });
});
