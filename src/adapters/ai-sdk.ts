/**
 * `because/ai-sdk`: a policy as a tool of the Vercel AI SDK (`ai` 5 or 6, an optional peer
 * dependency).
 * @module because/ai-sdk
 */
import { jsonSchema, tool, type JSONSchema7, type JSONValue, type Tool } from 'ai';
import type { Policy } from '../policy/define.js';
import { callTool, factsInputSchema, toolDescription, type ModelDecision, type ModelToolError, type PolicyToolOptions } from './tool.js';

export { toolName, factsInputSchema } from './tool.js';
export type { PolicyToolOptions, HostFacts, HostFactsCall, ModelDecision, ModelToolError } from './tool.js';

/** The arguments of a policy tool: facts (`null` for unknown) and `locale`. */
export type PolicyToolInput = Readonly<Record<string, unknown>>;

/** What a policy tool's `execute` returns: the model-facing decision, or what to fix. */
export type PolicyToolOutput = ModelDecision | ModelToolError;

/**
 * A policy as an AI SDK tool, for `generateText`, `streamText` or an agent:
 * `tools: { [toolName(policy)]: policyTool(policy) }`.
 *
 * `execute` returns the model-facing decision ({@link ModelDecision}), never the trace: AI SDK
 * tool outputs are streamed to UI clients (`useChat`), and a trace holds internal figures. Log
 * the full result with `onDecision`. Bad arguments return a {@link ModelToolError}, which
 * `toModelOutput` hands the model as an error (`error-json`) so it corrects its call.
 *
 * The input schema is {@link factsInputSchema} (OpenAI strict mode compatible) and is not
 * checked by the SDK: the tool checks the arguments itself and answers with precise issues.
 *
 * @param policy A policy made by `definePolicy`.
 * @param options Host facts, default locale, audit callback, …: see {@link PolicyToolOptions}.
 *   A `hostFacts` function receives the SDK's execute options (`experimental_context`, …) as
 *   `context`.
 * @example
 * ```ts
 * import { generateText, stepCountIs } from 'ai';
 * import { policyTool } from 'because/ai-sdk';
 * const { text } = await generateText({
 *   model, system, messages,
 *   tools: { decide_refund: policyTool(refund) },
 *   stopWhen: stepCountIs(3),
 * });
 * ```
 */
export function policyTool(policy: Policy, options: PolicyToolOptions = {}): Tool<PolicyToolInput, PolicyToolOutput> {
  return tool<PolicyToolInput, PolicyToolOutput>({
    description: toolDescription(policy, options),
    inputSchema: jsonSchema<PolicyToolInput>(factsInputSchema(policy, options) as JSONSchema7),
    execute: async (input, executionOptions) => (await callTool(policy, input, options, executionOptions)).forModel,
    toModelOutput: (options) => {
      // AI SDK 6 passes { toolCallId, input, output }; AI SDK 5 passed the output itself.
      const output = outputOf(options);
      return 'error' in output ? { type: 'error-json', value: toJson(output) } : { type: 'json', value: toJson(output) };
    },
  });
}

function outputOf(options: unknown): PolicyToolOutput {
  const wrapped = (options as { output?: unknown }).output;
  return (typeof wrapped === 'object' && wrapped !== null ? wrapped : options) as PolicyToolOutput;
}

/** A fresh JSON copy, typed as the SDK's JSON value (our results are plain JSON by construction). */
function toJson(value: PolicyToolOutput): JSONValue {
  return JSON.parse(JSON.stringify(value)) as JSONValue;
}
