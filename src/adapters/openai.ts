/**
 * `because/openai`: a policy as a function tool of the OpenAI API, Chat Completions and Responses.
 * No dependency on the `openai` package: the definitions and messages are plain objects typed by
 * the minimal interfaces below, which match the SDK's.
 * @module because/openai
 */
import type { Policy } from '../policy/define.js';
import { isRecord } from '../policy/json.js';
import { callTool, factsInputSchema, toolDescription, toolName, type JsonSchema, type ModelToolError, type PolicyToolOptions } from './tool.js';
import { policyNamed, type PolicyWithOptions } from './tool-list.js';

export { toolName, factsInputSchema } from './tool.js';
export type { PolicyToolOptions, HostFacts, HostFactsCall, ModelDecision, ModelToolError } from './tool.js';
export type { PolicyWithOptions } from './tool-list.js';

/** A function tool for Chat Completions (`tools` of `chat.completions.create`). */
export interface ChatCompletionsFunctionTool {
  readonly type: 'function';
  readonly function: { readonly name: string; readonly description: string; readonly parameters: JsonSchema; readonly strict: true };
}

/** A function tool for the Responses API (`tools` of `responses.create`). */
export interface ResponsesFunctionTool {
  readonly type: 'function';
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
  readonly strict: true;
}

/** A tool call of a Chat Completions assistant message (`message.tool_calls[i]`). */
export interface ChatCompletionsToolCall {
  readonly id: string;
  readonly type?: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** A `function_call` item of a Responses API output. */
export interface ResponsesFunctionCall {
  readonly type?: 'function_call';
  readonly call_id: string;
  readonly name: string;
  readonly arguments: string;
}

/** The message answering a Chat Completions tool call: append it to `messages`. */
export interface ChatCompletionsToolMessage {
  readonly role: 'tool';
  readonly tool_call_id: string;
  /** JSON of the {@link ModelDecision} or the {@link ModelToolError}. */
  readonly content: string;
}

/** The item answering a Responses function call: send it in the next `input`. */
export interface ResponsesFunctionCallOutput {
  readonly type: 'function_call_output';
  readonly call_id: string;
  /** JSON of the {@link ModelDecision} or the {@link ModelToolError}. */
  readonly output: string;
}

/**
 * A policy as a Chat Completions function tool, in strict mode.
 * @example
 * ```ts
 * const completion = await openai.chat.completions.create({ model, messages, tools: [chatCompletionsTool(refund)] });
 * ```
 */
export function chatCompletionsTool(policy: Policy, options: PolicyToolOptions = {}): ChatCompletionsFunctionTool {
  return {
    type: 'function',
    function: { name: toolName(policy, options), description: toolDescription(policy, options), parameters: factsInputSchema(policy, options), strict: true },
  };
}

/**
 * A policy as a Responses API function tool, in strict mode.
 * @example
 * ```ts
 * const response = await openai.responses.create({ model, input, tools: [responsesTool(refund)] });
 * ```
 */
export function responsesTool(policy: Policy, options: PolicyToolOptions = {}): ResponsesFunctionTool {
  return { type: 'function', name: toolName(policy, options), description: toolDescription(policy, options), parameters: factsInputSchema(policy, options), strict: true };
}

/**
 * Runs a tool call the model made, if it names one of the policies' tools, and returns what to
 * send back: a `tool` message for a Chat Completions call (`{ id, function: { name, arguments } }`),
 * a `function_call_output` item for a Responses call (`{ call_id, name, arguments }`).
 *
 * Never throws for what the model sent: arguments that are not JSON, or facts of the wrong type,
 * come back as a {@link ModelToolError} the model can act on.
 *
 * @param policies The policies offered as tools, each alone or with its tool options.
 * @param call The tool call from the model's response.
 * @returns The reply, or `null` when the call names none of these policies' tools (so a host can
 *   try its other tools: `await handleToolCall(policies, call) ?? otherTools(call)`).
 * @example
 * ```ts
 * for (const call of completion.choices[0].message.tool_calls ?? []) {
 *   messages.push((await handleToolCall([refund], call)) ?? unknownTool(call));
 * }
 * ```
 */
export async function handleToolCall(policies: readonly (Policy | PolicyWithOptions)[], call: ChatCompletionsToolCall): Promise<ChatCompletionsToolMessage | null>;
export async function handleToolCall(policies: readonly (Policy | PolicyWithOptions)[], call: ResponsesFunctionCall): Promise<ResponsesFunctionCallOutput | null>;
export async function handleToolCall(
  policies: readonly (Policy | PolicyWithOptions)[],
  call: ChatCompletionsToolCall | ResponsesFunctionCall,
): Promise<ChatCompletionsToolMessage | ResponsesFunctionCallOutput | null>;
export async function handleToolCall(
  policies: readonly (Policy | PolicyWithOptions)[],
  call: ChatCompletionsToolCall | ResponsesFunctionCall,
): Promise<ChatCompletionsToolMessage | ResponsesFunctionCallOutput | null> {
  const shape = callShape(call);
  if (shape === undefined) return null;
  const entry = policyNamed(policies, shape.name);
  if (entry === undefined) return null;
  // callTool parses the JSON arguments itself, and answers invalid JSON as an argument problem.
  const args = shape.arguments.trim() === '' ? {} : shape.arguments;
  return reply(shape, JSON.stringify((await callTool(entry.policy, args, entry.options)).forModel));
}

interface CallShape {
  readonly kind: 'chat' | 'responses';
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

function callShape(call: unknown): CallShape | undefined {
  if (!isRecord(call)) return undefined;
  const fn = call['function'];
  if (typeof call['id'] === 'string' && isRecord(fn) && typeof fn['name'] === 'string') {
    return { kind: 'chat', id: call['id'], name: fn['name'], arguments: typeof fn['arguments'] === 'string' ? fn['arguments'] : '' };
  }
  if (typeof call['call_id'] === 'string' && typeof call['name'] === 'string') {
    return { kind: 'responses', id: call['call_id'], name: call['name'], arguments: typeof call['arguments'] === 'string' ? call['arguments'] : '' };
  }
  return undefined;
}

function reply(shape: CallShape, output: string): ChatCompletionsToolMessage | ResponsesFunctionCallOutput {
  return shape.kind === 'chat'
    ? { role: 'tool', tool_call_id: shape.id, content: output }
    : { type: 'function_call_output', call_id: shape.id, output };
}
