import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { anthropicTool, handleToolUse } from '../../src/adapters/anthropic.js';
import { callTool, factsInputSchema, type ModelDecision, type ModelToolError } from '../../src/adapters/tool.js';
import { explain } from '../../src/index.js';
import { AT, examplePolicy, REFUND_DENY } from './helpers.js';
import { portableViolations } from './dialects.js';

const refund = examplePolicy('refund.json');
const policies = [{ policy: refund, options: { at: AT } }];

/** What the scripted model sends for each turn: the tool call's input, then it relays what it got. */
type Script = readonly unknown[];

/**
 * A Messages API endpoint (the SDK's `fetch`) played by a scripted model: it asks for the
 * policy's tool with each input of `script` in turn, and once a tool result is not an error,
 * answers with that result's `text` verbatim. Every request body is kept.
 */
function scriptedModel(script: Script): { fetch: typeof fetch; requests: Record<string, unknown>[] } {
  const requests: Record<string, unknown>[] = [];
  let turn = 0;
  const reply = (content: unknown[], stop: string): Response =>
    new Response(JSON.stringify({ id: `msg_${requests.length}`, type: 'message', role: 'assistant', model: 'claude-test', content, stop_reason: stop, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  const fetchImpl = async (_url: unknown, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { messages: MessageParam[] };
    requests.push(body as unknown as Record<string, unknown>);
    const last = body.messages.at(-1)?.content;
    const result = Array.isArray(last) ? (last.find((b) => b.type === 'tool_result') as ToolResultBlockParam | undefined) : undefined;
    if (result !== undefined && result.is_error !== true) {
      return reply([{ type: 'text', text: (JSON.parse(String(result.content)) as ModelDecision).text, citations: null }], 'end_turn');
    }
    const input = script[turn++];
    return reply([{ type: 'tool_use', id: `toolu_${turn}`, name: 'decide_refund', input, caller: { type: 'direct' } }], 'tool_use');
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

/** The host's loop, as docs/bots.md shows it: call the model, answer its tool uses, until it answers. */
async function conversation(script: Script): Promise<{ answer: string; requests: Record<string, unknown>[]; results: ToolResultBlockParam[] }> {
  const model = scriptedModel(script);
  const client = new Anthropic({ apiKey: 'test', fetch: model.fetch, maxRetries: 0 });
  const messages: MessageParam[] = [{ role: 'user', content: 'I bought a jacket 45 days ago and want my money back.' }];
  const results: ToolResultBlockParam[] = [];
  for (;;) {
    const message = await client.messages.create({ model: 'claude-test', max_tokens: 1024, messages, tools: [anthropicTool(refund)] });
    if (message.stop_reason !== 'tool_use') {
      return { answer: message.content.map((b) => (b.type === 'text' ? b.text : '')).join(''), requests: model.requests, results };
    }
    const answered = (await Promise.all(message.content.map((block) => handleToolUse(policies, block)))).filter((r) => r !== null);
    results.push(...answered);
    messages.push({ role: 'assistant', content: message.content }, { role: 'user', content: answered });
  }
}

describe('because/anthropic with @anthropic-ai/sdk (mocked transport)', () => {
  it('offers the tool with a portable input_schema', async () => {
    const tool = anthropicTool(refund);
    expect(tool).toEqual({ name: 'decide_refund', description: expect.stringMatching(/Never decide.*leave out what you do not know/), input_schema: factsInputSchema(refund, { dialect: 'json-schema' }) });
    expect(portableViolations(tool.input_schema)).toEqual([]);
    const { requests } = await conversation([REFUND_DENY]);
    expect(requests[0]?.['tools']).toEqual([JSON.parse(JSON.stringify(tool))]);
  });

  it('a full turn: the model asks, the tool decides, the model relays the customer text verbatim', async () => {
    const { answer, results } = await conversation([{ ...REFUND_DENY, locale: 'nl' }]);
    const expected = await explain(refund, REFUND_DENY, { locale: 'nl', at: AT });
    expect(expected.outcome).toBe('deny');
    expect(answer).toBe(expected.text);
    expect(results).toHaveLength(1);
    expect(results[0]).toEqual({ type: 'tool_result', tool_use_id: 'toolu_1', content: JSON.stringify((await callTool(refund, { ...REFUND_DENY, locale: 'nl' }, { at: AT })).forModel) });
    expect(results[0]?.content).not.toContain('trace');
  });

  it('a bad-arguments turn: is_error with the issues, then the corrected call decides', async () => {
    const { answer, results } = await conversation([{ ...REFUND_DENY, daysSincePurchase: 'a while' }, REFUND_DENY]);
    expect(results[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1', is_error: true });
    const error = JSON.parse(String(results[0]?.content)) as ModelToolError;
    expect(error.error.code).toBe('invalid_arguments');
    expect(error.error.issues.map((i) => i.path)).toEqual(['daysSincePurchase']);
    expect(results[1]).not.toHaveProperty('is_error');
    expect(answer).toBe((await explain(refund, REFUND_DENY, { at: AT })).text);
  });

  it('leaves other blocks and other tools to the host', async () => {
    expect(await handleToolUse(policies, { type: 'text', text: 'hello' })).toBeNull();
    expect(await handleToolUse(policies, { type: 'tool_use', id: 't', name: 'lookup_order', input: {} })).toBeNull();
  });
});
