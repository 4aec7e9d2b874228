import { generateText, stepCountIs, type ModelMessage } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { policyTool } from '../../src/adapters/ai-sdk.js';
import { factsInputSchema, type ModelDecision, type ModelToolError } from '../../src/adapters/tool.js';
import type { DecisionResult } from '../../src/index.js';
import { AT, examplePolicy, REFUND_DENY } from './helpers.js';

const refund = examplePolicy('refund.json');

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

type Prompt = Parameters<MockLanguageModelV3['doGenerate']>[0]['prompt'];

/** A model whose first answer is a tool call with `input`, and whose second relays the tool's text. */
function scriptedModel(input: unknown): { model: MockLanguageModelV3; prompts: Prompt[]; tools: unknown[] } {
  const prompts: Prompt[] = [];
  const tools: unknown[] = [];
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      prompts.push(options.prompt);
      tools.push(options.tools);
      if (prompts.length === 1) {
        return {
          content: [{ type: 'tool-call', toolCallId: 'call-1', toolName: 'decide_refund', input: JSON.stringify(input) }],
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
          usage,
          warnings: [],
        };
      }
      return { content: [{ type: 'text', text: 'relayed' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
    },
  });
  return { model, prompts, tools };
}

/** The tool result part of the model's second prompt. */
function toolResultPart(prompt: Prompt | undefined): { output: { type: string; value: unknown } } | undefined {
  for (const message of prompt ?? []) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) if (part.type === 'tool-result') return part as unknown as { output: { type: string; value: unknown } };
  }
  return undefined;
}

describe('policyTool (AI SDK generateText with a mock model)', () => {
  it('runs the decision and hands the model-facing result, not the trace, to the next call', async () => {
    const decisions: DecisionResult[] = [];
    const { model, prompts, tools } = scriptedModel({ ...REFUND_DENY, email: null, locale: 'nl' });
    const messages: ModelMessage[] = [{ role: 'user', content: 'Ik wil mijn bestelling terugsturen.' }];
    const result = await generateText({
      model,
      messages,
      tools: { decide_refund: policyTool(refund, { at: AT, onDecision: (r) => void decisions.push(r) }) },
      stopWhen: stepCountIs(3),
    });
    expect(result.text).toBe('relayed');
    expect(prompts).toHaveLength(2);

    // The model was offered the strict schema.
    const offered = (tools[0] as { name: string; inputSchema: unknown }[])[0];
    expect(offered?.name).toBe('decide_refund');
    expect(offered?.inputSchema).toMatchObject(factsInputSchema(refund));

    // The second call carries the tool's result as JSON: the decision's texts, no trace.
    const part = toolResultPart(prompts[1]);
    expect(part?.output.type).toBe('json');
    const seen = part?.output.value as ModelDecision;
    expect(seen.outcome).toBe('deny');
    expect(seen.locale).toBe('nl');
    expect(seen.text).toBe(decisions[0]?.text);
    expect(JSON.stringify(part)).not.toContain('"trace"');
    expect(decisions[0]?.trace).toHaveLength(refund.document.rules.length);

    // The step's tool result (what a UI stream shows) is the model-facing result too.
    expect(result.steps[0]?.toolResults[0]?.output).toEqual(seen);
  });

  it('returns bad arguments to the model as an error it can correct', async () => {
    const { model, prompts } = scriptedModel({ daysSincePurchase: 'last week', loyaltyTier: null });
    await generateText({ model, prompt: 'refund?', tools: { decide_refund: policyTool(refund, { at: AT }) }, stopWhen: stepCountIs(3) });
    const part = toolResultPart(prompts[1]);
    expect(part?.output.type).toBe('error-json');
    const error = part?.output.value as ModelToolError;
    expect(error.error.code).toBe('invalid_arguments');
    expect(error.error.issues.map((i) => i.path)).toEqual(['daysSincePurchase']);
  });

  it('passes the SDK execution options to a hostFacts function', async () => {
    const contexts: unknown[] = [];
    const { model } = scriptedModel(REFUND_DENY);
    await generateText({
      model,
      prompt: 'refund?',
      experimental_context: { customerId: 'c-42' },
      tools: { decide_refund: policyTool(refund, { at: AT, hostFacts: ({ context }) => (contexts.push(context), {}) }) },
      stopWhen: stepCountIs(3),
    });
    expect(contexts[0]).toMatchObject({ toolCallId: 'call-1', experimental_context: { customerId: 'c-42' } });
  });
});
