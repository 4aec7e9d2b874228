import { describe, expect, it } from 'vitest';
import { chatCompletionsTool, handleToolCall, responsesTool } from '../../src/adapters/openai.js';
import { factsInputSchema, type ModelDecision, type ModelToolError } from '../../src/adapters/tool.js';
import { AT, examplePolicy, REFUND_DENY } from './helpers.js';
import { strictModeViolations } from './strict-mode.js';

const refund = examplePolicy('refund.json');
const service = examplePolicy('service.json');
const policies = [{ policy: refund, options: { at: AT } }, service];

describe('tool definitions', () => {
  it('Chat Completions: a strict function tool', () => {
    const t = chatCompletionsTool(refund);
    expect(t).toEqual({ type: 'function', function: { name: 'decide_refund', description: expect.stringMatching(/Never decide/), parameters: factsInputSchema(refund), strict: true } });
    expect(strictModeViolations(t.function.parameters)).toEqual([]);
  });

  it('Responses: a strict function tool, flat', () => {
    const t = responsesTool(refund, { name: 'refund' });
    expect(t).toEqual({ type: 'function', name: 'refund', description: expect.any(String), parameters: factsInputSchema(refund), strict: true });
  });
});

describe('handleToolCall', () => {
  it('round-trips a Chat Completions tool call to a tool message', async () => {
    const reply = await handleToolCall(policies, { id: 'call_abc', type: 'function', function: { name: 'decide_refund', arguments: JSON.stringify({ ...REFUND_DENY, email: null, locale: 'nl' }) } });
    expect(reply).toMatchObject({ role: 'tool', tool_call_id: 'call_abc' });
    const content = JSON.parse(reply?.content ?? '') as ModelDecision;
    expect(content).toMatchObject({ outcome: 'deny', locale: 'nl' });
    expect(content).not.toHaveProperty('trace');
  });

  it('round-trips a Responses function_call item to a function_call_output item', async () => {
    const reply = await handleToolCall(policies, { type: 'function_call', call_id: 'fc_1', name: 'decide_refund', arguments: JSON.stringify({ ...REFUND_DENY, damagedOnArrival: true }) });
    expect(reply).toMatchObject({ type: 'function_call_output', call_id: 'fc_1' });
    expect((JSON.parse(reply?.output ?? '') as ModelDecision).outcome).toBe('approve');
  });

  it.each([
    ['truncated JSON', '{"daysSincePurchase": 4', 'invalid_json'],
    ['not JSON at all', 'daysSincePurchase=4', 'invalid_json'],
    ['a JSON list', '[4]', 'invalid_type'],
    ['a fact of the wrong type', '{"daysSincePurchase": "four"}', 'invalid_type'],
  ])('answers %s with an error output, never a throw', async (_, args, code) => {
    const chat = await handleToolCall(policies, { id: 'c', function: { name: 'decide_refund', arguments: args } });
    const responses = await handleToolCall(policies, { call_id: 'r', name: 'decide_refund', arguments: args });
    for (const text of [chat?.content, responses?.output]) {
      const error = JSON.parse(text ?? '') as ModelToolError;
      expect(error.error.code).toBe('invalid_arguments');
      expect(error.error.issues[0]?.code).toBe(code);
    }
  });

  it('treats empty arguments as no facts: undecided with questions', async () => {
    const reply = await handleToolCall(policies, { call_id: 'r', name: 'decide_refund', arguments: '' });
    const content = JSON.parse(reply?.output ?? '') as ModelDecision;
    expect(content.outcome).toBe('undecided');
    expect(content.missing.length).toBeGreaterThan(0);
  });

  it('picks the policy by tool name, and returns null for a tool it does not know', async () => {
    const other = await handleToolCall(policies, { id: 'x', function: { name: 'get_weather', arguments: '{}' } });
    expect(other).toBeNull();
    const malformed = await handleToolCall(policies, { nonsense: true } as never);
    expect(malformed).toBeNull();
    const svc = await handleToolCall(policies, { call_id: 's', name: 'decide_service', arguments: '{}' });
    expect((JSON.parse(svc?.output ?? '') as ModelDecision).policy.id).toBe('service');
  });
});
