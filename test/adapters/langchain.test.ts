import { ToolMessage } from '@langchain/core/messages';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { describe, expect, it } from 'vitest';
import { policyTool, type PolicyToolArtifact } from '../../src/adapters/langchain.js';
import { factsInputSchema, type ModelDecision, type ModelToolError } from '../../src/adapters/tool.js';
import { AT, examplePolicy, REFUND_DENY } from './helpers.js';
import { strictModeViolations } from './strict-mode.js';

const refund = examplePolicy('refund.json');

describe('policyTool (LangChain)', () => {
  const refundTool = policyTool(refund, { at: AT });

  it('has the policy tool name and description, and answers with content and artifact', () => {
    expect(refundTool.name).toBe('decide_refund');
    expect(refundTool.description).toMatch(/Never decide/);
    expect(refundTool.responseFormat).toBe('content_and_artifact');
  });

  it('answers a tool call with a ToolMessage: content for the model, artifact with the trace', async () => {
    const message: unknown = await refundTool.invoke({ type: 'tool_call', id: 'call_1', name: 'decide_refund', args: { ...REFUND_DENY, email: null, locale: 'en' } });
    expect(message).toBeInstanceOf(ToolMessage);
    const tm = message as ToolMessage;
    expect(tm.tool_call_id).toBe('call_1');
    const content = JSON.parse(tm.content as string) as ModelDecision;
    expect(content.outcome).toBe('deny');
    expect(content).not.toHaveProperty('trace');
    const artifact = tm.artifact as PolicyToolArtifact;
    expect(artifact.ok).toBe(true);
    if (!artifact.ok) return;
    expect(artifact.result.text).toBe(content.text);
    expect(artifact.result.trace).toHaveLength(refund.document.rules.length);
  });

  it('answers bad facts with an error message the model can act on, never a throw', async () => {
    const tm = (await refundTool.invoke({ type: 'tool_call', id: 'call_2', name: 'decide_refund', args: { daysSincePurchase: 'forty', loyaltyTier: 'diamond' } })) as ToolMessage;
    expect(tm).toBeInstanceOf(ToolMessage);
    const content = JSON.parse(tm.content as string) as ModelToolError;
    expect(content.error.code).toBe('invalid_arguments');
    expect(content.error.issues.map((i) => i.path).sort()).toEqual(['daysSincePurchase', 'loyaltyTier']);
    expect(tm.artifact).toEqual({ ok: false, error: content.error });
  });

  it('accepts a call that leaves unknown facts out (models without strict mode do)', async () => {
    const tm = (await refundTool.invoke({ type: 'tool_call', id: 'call_3', name: 'decide_refund', args: { daysSincePurchase: 10 } })) as ToolMessage;
    const content = JSON.parse(tm.content as string) as ModelDecision;
    expect(content.outcome).toBe('undecided');
    expect(content.missing.length).toBeGreaterThan(0);
  });

  it('shows models the strict schema through bindTools conversion', () => {
    const converted = convertToOpenAITool(refundTool, { strict: true }) as { function: { parameters: Record<string, unknown>; strict?: boolean } };
    const { $schema: _, ...parameters } = converted.function.parameters;
    expect(parameters).toEqual(factsInputSchema(refund));
    expect(strictModeViolations(parameters)).toEqual([]);
    expect(converted.function.strict).toBe(true);
  });
});
