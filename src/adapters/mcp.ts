/**
 * `because/mcp`: a policy as a tool on a Model Context Protocol server (the official TypeScript
 * SDK, `@modelcontextprotocol/sdk`, an optional peer dependency).
 * @module because/mcp
 */
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Policy } from '../policy/define.js';
import { jsonSchemaAsZod } from './zod-bridge.js';
import { callTool, factsInputSchema, ModelDecisionSchema, schemaText, toolDescription, toolName, type PolicyToolOptions } from './tool.js';

export { toolName, factsInputSchema } from './tool.js';
export type { PolicyToolOptions, HostFacts, HostFactsCall, ModelDecision, ModelToolError } from './tool.js';

/** Options of {@link registerPolicyTool}: those of every adapter, and the tool's display title. */
export interface McpPolicyToolOptions extends PolicyToolOptions {
  /**
   * The tool's display title.
   * @default the policy's title (English or its first locale), else its id
   */
  readonly title?: string;
}

/**
 * Registers a policy as a tool on the host's MCP server.
 *
 * - Input: the facts as in `factsInputSchema` in the portable `json-schema` dialect (one type
 *   per fact, none required: a left-out fact is unknown, as is `null`; and `locale`), which the
 *   MCP Inspector's `--strict` check passes; the SDK passes the arguments on unchecked, so every
 *   problem comes back as one readable result.
 * - Output: `structuredContent` is the model-facing decision ({@link ModelDecision}, declared as
 *   the tool's `outputSchema`), `content` its JSON as a text block. The trace stays on the server:
 *   pass `onDecision` to log it.
 * - Bad facts give a result with `isError: true` whose text lists each problem with its argument
 *   path, never a thrown error: the model can correct its call.
 * - Annotations: read-only, idempotent, closed world.
 *
 * @param server The host's `McpServer`.
 * @param policy A policy made by `definePolicy`.
 * @param options Tool name, host facts, default locale, …: see {@link PolicyToolOptions}.
 * @returns The SDK's handle of the tool (to disable, update or remove it).
 * @example
 * ```ts
 * import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
 * import { registerPolicyTool } from 'because/mcp';
 * const server = new McpServer({ name: 'shop', version: '1.0.0' });
 * registerPolicyTool(server, refundPolicy, { hostFacts: { orderTotal: 79.95 } });
 * ```
 */
export function registerPolicyTool(server: McpServer, policy: Policy, options: McpPolicyToolOptions = {}): RegisteredTool {
  const name = toolName(policy, options);
  const inputSchema = jsonSchemaAsZod(factsInputSchema(policy, { ...options, dialect: 'json-schema' }));
  const title = options.title ?? (policy.document.title === undefined ? policy.id : schemaText(policy.document.title, policy));
  const config = {
    title,
    description: toolDescription(policy, { ...options, dialect: 'json-schema' }),
    inputSchema,
    outputSchema: ModelDecisionSchema,
    annotations: { title, readOnlyHint: true, idempotentHint: true, openWorldHint: false, destructiveHint: false },
  };
  return server.registerTool(name, config, async (args: unknown, extra: unknown): Promise<CallToolResult> => {
    const outcome = await callTool(policy, args, options, extra);
    if (!outcome.ok) {
      return { isError: true, content: [{ type: 'text', text: JSON.stringify(outcome.forModel) }] };
    }
    return {
      content: [{ type: 'text', text: JSON.stringify(outcome.forModel) }],
      structuredContent: { ...outcome.forModel },
    };
  });
}

