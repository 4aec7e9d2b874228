/**
 * `because/openai-agents`: a policy as a function tool of the OpenAI Agents SDK
 * (`@openai/agents`, an optional peer dependency).
 * @module because/openai-agents
 */
import { tool, type FunctionTool } from '@openai/agents';
import type { Policy } from '../policy/define.js';
import { callTool, factsInputSchema, toolDescription, toolName, type PolicyToolOptions } from './tool.js';

export { toolName, factsInputSchema } from './tool.js';
export type { PolicyToolOptions, HostFacts, HostFactsCall, ModelDecision, ModelToolError } from './tool.js';

/** The JSON Schema of a policy tool's parameters, of the shape the Agents SDK wants for a strict tool. */
export type PolicyToolParameters = {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  additionalProperties: false;
};

/**
 * A policy as a strict function tool of an `Agent`: `new Agent({ tools: [policyTool(refund)] })`.
 *
 * The model sees {@link factsInputSchema} (OpenAI strict mode: every fact listed, `null` for
 * unknown). The tool's output is the JSON the shared tool core gives the model (`callTool`'s
 * `forModel`): the customer text to relay verbatim, the questions to ask, the escalation; never
 * the trace (log it with `onDecision`). Bad arguments give the issues to correct as the output, so
 * the model corrects its call; the tool never throws for what the model sent.
 *
 * @param policy A policy made by `definePolicy`.
 * @param options Host facts, default locale, audit callback, …: see {@link PolicyToolOptions}.
 *   A `hostFacts` function receives the SDK's `RunContext` as `context` (its `.context` is what
 *   the host passed to `run`).
 * @example
 * ```ts
 * import { Agent, run } from '@openai/agents';
 * import { policyTool } from 'because/openai-agents';
 * const agent = new Agent({ name: 'Support', instructions, tools: [policyTool(refund)] });
 * const result = await run(agent, 'I bought shoes 45 days ago, can I return them?');
 * ```
 */
export function policyTool(policy: Policy, options: PolicyToolOptions = {}): FunctionTool<unknown, PolicyToolParameters, string> {
  return tool({
    name: toolName(policy, options),
    description: toolDescription(policy, options),
    parameters: factsInputSchema(policy, options) as PolicyToolParameters,
    strict: true,
    execute: async (input: unknown, runContext): Promise<string> => JSON.stringify((await callTool(policy, input, options, runContext)).forModel),
  });
}
