/**
 * `because/langchain`: a policy as a LangChain tool (`@langchain/core` 1, an optional peer
 * dependency), for `bindTools`, `createAgent` or LangGraph's `ToolNode`.
 * @module because/langchain
 */
import { tool, type DynamicStructuredTool } from '@langchain/core/tools';
import type { Policy } from '../policy/define.js';
import type { DecisionResult } from '../result/schema.js';
import { jsonSchemaAsZod } from './zod-bridge.js';
import { callTool, factsInputSchema, toolDescription, toolName, type ModelToolError, type PolicyToolOptions } from './tool.js';

export { toolName, factsInputSchema } from './tool.js';
export type { PolicyToolOptions, HostFacts, HostFactsCall, ModelDecision, ModelToolError } from './tool.js';

/**
 * The artifact of a policy tool's `ToolMessage`: the full decision, trace included, for the host
 * (it never reaches the model), or the error when the call failed.
 */
export type PolicyToolArtifact = { readonly ok: true; readonly result: DecisionResult } | { readonly ok: false; readonly error: ModelToolError['error'] };

/**
 * A policy as a LangChain structured tool with `responseFormat: 'content_and_artifact'`:
 * invoked with a tool call, it returns a `ToolMessage` whose `content` is the JSON of the
 * model-facing decision (or of what to fix) and whose `artifact` is the full result with its
 * trace, kept out of the model's context.
 *
 * Models see `factsInputSchema(policy)` (`bindTools`, also with `strict: true`). LangChain
 * passes the arguments on unchecked, so a fact of the wrong type, a bad date or an omitted key
 * (models without strict mode leave unknown facts out) never throws: the policy checks them and
 * answers with an error the model can act on.
 *
 * @param policy A policy made by `definePolicy`.
 * @param options Host facts, default locale, audit callback, …: see {@link PolicyToolOptions}.
 *   A `hostFacts` function receives LangChain's run config as `context`.
 * @example
 * ```ts
 * import { policyTool } from 'because/langchain';
 * const refundTool = policyTool(refund);
 * const message = await refundTool.invoke({ type: 'tool_call', id: 'call_1', name: refundTool.name, args });
 * message.content;  // JSON for the model
 * message.artifact; // { ok: true, result } with the trace
 * ```
 */
export function policyTool(policy: Policy, options: PolicyToolOptions = {}): DynamicStructuredTool {
  return tool(
    async (input: unknown, config: unknown): Promise<[string, PolicyToolArtifact]> => {
      const outcome = await callTool(policy, input, options, config);
      return outcome.ok ? [JSON.stringify(outcome.forModel), { ok: true, result: outcome.result }] : [JSON.stringify(outcome.forModel), { ok: false, error: outcome.forModel.error }];
    },
    {
      name: toolName(policy, options),
      description: toolDescription(policy, options),
      schema: jsonSchemaAsZod(factsInputSchema(policy, options)),
      responseFormat: 'content_and_artifact',
    },
  );
}
