import * as z from 'zod/mini';
import { PolicySchema } from '../src/policy/schema.js';
import { DecisionResultSchema, DecisionSchema } from '../src/result/schema.js';

/** The JSON Schemas shipped in `schema/`, generated from the zod schemas. */
export function jsonSchemas(): Record<string, unknown> {
  const policy = z.toJSONSchema(PolicySchema, { target: 'draft-7', unrepresentable: 'any' });
  const result = z.toJSONSchema(DecisionResultSchema, { target: 'draft-7', unrepresentable: 'any' });
  const decision = z.toJSONSchema(DecisionSchema, { target: 'draft-7', unrepresentable: 'any' });
  return {
    'policy.schema.json': { title: 'because policy', ...policy },
    'result.schema.json': { title: 'because decision result', ...result },
    'decision.schema.json': { title: 'because decision (decide(), without texts)', ...decision },
  };
}

/** The text of a schema file as written to disk. */
export function schemaFileText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
