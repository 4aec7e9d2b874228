/**
 * `because/anthropic`: a policy as a client tool of Anthropic's Messages API (tool use). No
 * dependency on `@anthropic-ai/sdk`: the tool definition and the blocks are plain objects typed by
 * the minimal interfaces below, which the SDK's `Tool`, `ToolUseBlock` and `ToolResultBlockParam`
 * accept.
 * @module because/anthropic
 */
import type { Policy } from '../policy/define.js';
import { isRecord } from '../policy/json.js';
import { callTool, factsInputSchema, toolDescription, toolName, type PolicyToolOptions } from './tool.js';
import { policyNamed, type PolicyWithOptions } from './tool-list.js';

export { toolName, factsInputSchema } from './tool.js';
export type { PolicyToolOptions, HostFacts, HostFactsCall, ModelDecision, ModelToolError } from './tool.js';
export type { PolicyWithOptions } from './tool-list.js';

/** A tool definition for `tools` of `messages.create`. */
export interface AnthropicTool {
  readonly name: string;
  readonly description: string;
  /** The facts as plain JSON Schema: one type each, none required (leave out what is unknown). */
  readonly input_schema: { readonly type: 'object'; readonly [keyword: string]: unknown };
}

/** A `tool_use` block of an assistant message's `content`. */
export interface AnthropicToolUse {
  readonly type: 'tool_use';
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}

/** The block answering a `tool_use` block: send it in the next user message's `content`. */
export interface AnthropicToolResult {
  readonly type: 'tool_result';
  readonly tool_use_id: string;
  /** JSON of the {@link ModelDecision} (whose `text` the model relays verbatim) or the {@link ModelToolError}. */
  readonly content: string;
  /** Set when the call failed: bad arguments to correct, or a hand-over to a person. */
  readonly is_error?: true;
}

/**
 * A policy as a tool of the Messages API.
 * @param policy A policy made by `definePolicy`.
 * @param options Tool name, description, host facts: see {@link PolicyToolOptions}.
 * @example
 * ```ts
 * const message = await anthropic.messages.create({ model, max_tokens: 1024, messages, tools: [anthropicTool(refund)] });
 * ```
 */
export function anthropicTool(policy: Policy, options: PolicyToolOptions = {}): AnthropicTool {
  const portable = { ...options, dialect: 'json-schema' } as const;
  return { name: toolName(policy, options), description: toolDescription(policy, portable), input_schema: { ...factsInputSchema(policy, portable), type: 'object' } };
}

/**
 * Runs a `tool_use` block the model sent, if it names one of the policies' tools, and returns the
 * `tool_result` block to send back. Its `content` is the JSON the shared tool core gives the model
 * (`callTool`'s `forModel`): the customer text to relay verbatim, the questions to ask, the
 * escalation. Bad arguments come back with `is_error: true` and the issues to correct; the
 * handler never throws for what the model sent.
 *
 * @param policies The policies offered as tools, each alone or with its tool options.
 * @param block A content block of the model's message (blocks other than `tool_use` give `null`).
 * @param context Passed to a `hostFacts` function as `context` (the signed-in customer, …).
 * @returns The `tool_result` block, or `null` when the block is no `tool_use` of these policies'
 *   tools (so a host can try its other tools).
 * @example
 * ```ts
 * const results = await Promise.all(message.content.map((block) => handleToolUse([refund], block)));
 * messages.push({ role: 'assistant', content: message.content });
 * messages.push({ role: 'user', content: results.filter((r) => r !== null) });
 * ```
 */
export async function handleToolUse(policies: readonly (Policy | PolicyWithOptions)[], block: unknown, context?: unknown): Promise<AnthropicToolResult | null> {
  if (!isRecord(block) || block['type'] !== 'tool_use' || typeof block['id'] !== 'string' || typeof block['name'] !== 'string') return null;
  const entry = policyNamed(policies, block['name']);
  if (entry === undefined) return null;
  const outcome = await callTool(entry.policy, block['input'], entry.options, context);
  const content = JSON.stringify(outcome.forModel);
  return outcome.ok ? { type: 'tool_result', tool_use_id: block['id'], content } : { type: 'tool_result', tool_use_id: block['id'], content, is_error: true };
}
