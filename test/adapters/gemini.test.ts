import { GoogleGenAI, type Content, type FunctionResponse } from '@google/genai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { functionDeclaration, handleFunctionCall } from '../../src/adapters/gemini.js';
import { callTool, factsInputSchema, type ModelDecision, type ModelToolError } from '../../src/adapters/tool.js';
import { explain } from '../../src/index.js';
import { AT, examplePolicy, REFUND_DENY } from './helpers.js';
import { geminiViolations } from './dialects.js';

const refund = examplePolicy('refund.json');
const policies = [{ policy: refund, options: { at: AT } }];

/**
 * A `generateContent` endpoint played by a scripted model, installed as the global `fetch` the SDK
 * calls: it calls the policy's function with each args of `script` in turn, and once a function
 * response carries an `output`, answers with its `text` verbatim. Every request body is kept.
 */
function scriptedModel(script: readonly unknown[]): Record<string, unknown>[] {
  const requests: Record<string, unknown>[] = [];
  let turn = 0;
  const reply = (parts: unknown[]): Response =>
    new Response(JSON.stringify({ candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }] }), { status: 200, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (_url: unknown, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { contents: Content[] };
    requests.push(body as unknown as Record<string, unknown>);
    const response = body.contents.at(-1)?.parts?.find((p) => p.functionResponse !== undefined)?.functionResponse as FunctionResponse | undefined;
    const output = response?.response?.['output'] as ModelDecision | undefined;
    if (output !== undefined) return reply([{ text: output.text }]);
    turn++;
    return reply([{ functionCall: { id: `call_${turn}`, name: 'decide_refund', args: script[turn - 1] } }]);
  });
  return requests;
}

/** The host's loop, as docs/bots.md shows it. */
async function conversation(script: readonly unknown[]): Promise<{ answer: string; requests: Record<string, unknown>[]; responses: FunctionResponse[] }> {
  const requests = scriptedModel(script);
  const ai = new GoogleGenAI({ apiKey: 'test' });
  const contents: Content[] = [{ role: 'user', parts: [{ text: 'I bought a jacket 45 days ago and want my money back.' }] }];
  const responses: FunctionResponse[] = [];
  const config = { tools: [{ functionDeclarations: [functionDeclaration(refund)] }] };
  for (;;) {
    const response = await ai.models.generateContent({ model: 'gemini-test', contents, config });
    const calls = response.functionCalls ?? [];
    if (calls.length === 0) return { answer: response.text ?? '', requests, responses };
    const parts = (await Promise.all(calls.map((call) => handleFunctionCall(policies, call)))).filter((p) => p !== null);
    responses.push(...parts.map((p) => p.functionResponse));
    contents.push(response.candidates?.[0]?.content ?? {}, { role: 'user', parts });
  }
}

describe('because/gemini with @google/genai (mocked transport)', () => {
  afterEach(() => void vi.unstubAllGlobals());

  it('offers a function declaration in the OpenAPI subset', async () => {
    const declaration = functionDeclaration(refund);
    expect(declaration).toEqual({ name: 'decide_refund', description: expect.stringMatching(/Never decide/), parameters: factsInputSchema(refund, { dialect: 'gemini' }) });
    expect(geminiViolations(declaration.parameters)).toEqual([]);
    const { requests } = await conversation([REFUND_DENY]);
    const tools = requests[0]?.['tools'] as { functionDeclarations: unknown[] }[];
    expect(tools[0]?.functionDeclarations).toEqual([JSON.parse(JSON.stringify(declaration))]);
  });

  it('a full turn: the model calls, the function decides, the model relays the customer text verbatim', async () => {
    const { answer, responses } = await conversation([{ ...REFUND_DENY, locale: 'de' }]);
    const expected = await explain(refund, REFUND_DENY, { locale: 'de', at: AT });
    expect(answer).toBe(expected.text);
    expect(responses).toEqual([{ id: 'call_1', name: 'decide_refund', response: { output: (await callTool(refund, { ...REFUND_DENY, locale: 'de' }, { at: AT })).forModel } }]);
  });

  it('a bad-arguments turn: the issues as the error, then the corrected call decides', async () => {
    const { answer, responses } = await conversation([{ ...REFUND_DENY, orderTotal: 'lots', locale: 'fr' }, { ...REFUND_DENY, locale: 'fr' }]);
    const error = responses[0]?.response as unknown as ModelToolError;
    expect(Object.keys(responses[0]?.response ?? {})).toEqual(['error']);
    expect(error.error.code).toBe('invalid_arguments');
    expect(error.error.issues.map((i) => i.path)).toEqual(['orderTotal']);
    expect(answer).toBe((await explain(refund, REFUND_DENY, { locale: 'fr', at: AT })).text);
  });

  it('reads a part holding the call, and leaves other functions to the host', async () => {
    const part = await handleFunctionCall(policies, { functionCall: { name: 'decide_refund', args: REFUND_DENY } });
    expect(part?.functionResponse).toMatchObject({ name: 'decide_refund', response: { output: { outcome: 'deny' } } });
    expect(part?.functionResponse).not.toHaveProperty('id');
    expect(await handleFunctionCall(policies, { name: 'lookup_order', args: {} })).toBeNull();
    expect(await handleFunctionCall(policies, { text: 'hello' })).toBeNull();
  });
});
