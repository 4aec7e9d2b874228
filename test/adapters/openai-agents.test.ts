import { Agent, OpenAIChatCompletionsModel, run, setTracingDisabled } from '@openai/agents';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { policyTool } from '../../src/adapters/openai-agents.js';
import { callTool, factsInputSchema, type ModelDecision, type ModelToolError } from '../../src/adapters/tool.js';
import { explain } from '../../src/index.js';
import { AT, examplePolicy, REFUND_DENY } from './helpers.js';
import { strictModeViolations } from './strict-mode.js';

const refund = examplePolicy('refund.json');

interface ChatMessage {
  readonly role: string;
  readonly content?: unknown;
  readonly tool_call_id?: string;
}

/**
 * A Chat Completions endpoint (the OpenAI client's `fetch`) played by a scripted model: it calls
 * the policy's tool with each arguments string of `script` in turn, and once a tool message holds
 * a decision, answers with its `text` verbatim. Every request body is kept.
 */
function scriptedModel(script: readonly string[]): { fetch: typeof fetch; requests: Record<string, unknown>[] } {
  const requests: Record<string, unknown>[] = [];
  let turn = 0;
  const reply = (message: Record<string, unknown>, finish: string): Response =>
    new Response(
      JSON.stringify({ id: `c${requests.length}`, object: 'chat.completion', created: 0, model: 'gpt-test', choices: [{ index: 0, finish_reason: finish, message: { role: 'assistant', content: null, ...message } }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  const fetchImpl = async (_url: unknown, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { messages: ChatMessage[] };
    requests.push(body as unknown as Record<string, unknown>);
    const last = body.messages.at(-1);
    if (last?.role === 'tool') {
      const output = JSON.parse(String(last.content)) as Partial<ModelDecision>;
      if (output.text !== undefined) return reply({ content: output.text }, 'stop');
    }
    turn++;
    return reply({ tool_calls: [{ id: `call_${turn}`, type: 'function', function: { name: 'decide_refund', arguments: script[turn - 1] } }] }, 'tool_calls');
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

async function conversation(script: readonly string[]): Promise<{ answer: string; requests: Record<string, unknown>[]; toolOutputs: string[] }> {
  const model = scriptedModel(script);
  const client = new OpenAI({ apiKey: 'test', fetch: model.fetch, maxRetries: 0 });
  const agent = new Agent({
    name: 'Support',
    instructions: 'Relay the policy tool\'s "text" verbatim.',
    tools: [policyTool(refund, { at: AT })],
    model: new OpenAIChatCompletionsModel(client, 'gpt-test'),
  });
  const result = await run(agent, 'I bought a jacket 45 days ago and want my money back.');
  const toolOutputs = result.newItems.filter((i) => i.type === 'tool_call_output_item').map((i) => String(i.output));
  return { answer: String(result.finalOutput), requests: model.requests, toolOutputs };
}

describe('because/openai-agents with @openai/agents (mocked transport)', () => {
  // No trace export: it would go to the network.
  beforeAll(() => setTracingDisabled(true));

  it('is a strict function tool with the OpenAI strict schema', async () => {
    const tool = policyTool(refund);
    expect(tool).toMatchObject({ type: 'function', name: 'decide_refund', strict: true, parameters: factsInputSchema(refund) });
    expect(strictModeViolations(tool.parameters)).toEqual([]);
    const { requests } = await conversation([JSON.stringify(REFUND_DENY)]);
    const offered = requests[0]?.['tools'] as { function: { name: string; parameters: unknown; strict: boolean } }[];
    expect(offered[0]?.function).toMatchObject({ name: 'decide_refund', parameters: factsInputSchema(refund), strict: true });
  });

  it('a full turn: the model calls, the tool decides, the agent relays the customer text verbatim', async () => {
    const args = { ...REFUND_DENY, email: null, locale: 'nl' };
    const { answer, toolOutputs } = await conversation([JSON.stringify(args)]);
    const expected = await explain(refund, REFUND_DENY, { locale: 'nl', at: AT });
    expect(answer).toBe(expected.text);
    expect(toolOutputs).toEqual([JSON.stringify((await callTool(refund, args, { at: AT })).forModel)]);
  });

  it('a bad-arguments turn: the issues as the output, then the corrected call decides', async () => {
    const { answer, toolOutputs } = await conversation([JSON.stringify({ ...REFUND_DENY, loyaltyTier: 'diamond' }), JSON.stringify(REFUND_DENY)]);
    const error = JSON.parse(toolOutputs[0] ?? '') as ModelToolError;
    expect(error.error.code).toBe('invalid_arguments');
    expect(error.error.issues.map((i) => i.path)).toEqual(['loyaltyTier']);
    expect(answer).toBe((await explain(refund, REFUND_DENY, { at: AT })).text);
  });
});
