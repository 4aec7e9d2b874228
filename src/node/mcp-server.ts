/**
 * `because/mcp-server`: policies served as MCP tools over stdio, as `because mcp` does. Node only.
 * @module because/mcp-server
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { registerPolicyTool } from '../adapters/mcp.js';
import { OptionsError } from '../errors.js';
import { toolName } from '../adapters/tool.js';
import type { Policy } from '../policy/define.js';
import { loadPolicy } from './index.js';
import { packageVersion } from './version.js';

/**
 * Serves policies as MCP tools over stdio, one tool per policy: what `because mcp POLICY…` runs.
 * Loads every file first, so a bad policy stops the server before it starts. Resolves when the
 * client closes the connection (stdin ends). Nothing but MCP messages is written to stdout.
 *
 * @param sources Paths of policy JSON files, or policies made by `definePolicy` (or both).
 * @throws {PolicyError} (as a rejection) when a file cannot be read or is not a valid policy;
 *   `error.file` names it.
 * @throws {OptionsError} (as a rejection) when two policies would give the same tool name.
 * @example
 * ```ts
 * import { runMcpServer } from 'because/mcp-server';
 * await runMcpServer(['policies/refund.json', 'policies/account-access.json']);
 * ```
 */
export async function runMcpServer(sources: readonly (string | Policy)[]): Promise<void> {
  const policies: Policy[] = [];
  for (const source of sources) policies.push(typeof source === 'string' ? await loadPolicy(source) : source);
  const nameOf = (i: number): string => {
    const source = sources[i];
    return typeof source === 'string' ? source : `the policy "${source?.id ?? ''}"`;
  };
  const seen = new Map<string, number>();
  policies.forEach((policy, i) => {
    const name = toolName(policy);
    const before = seen.get(name);
    if (before !== undefined) {
      throw new OptionsError([{ code: 'duplicate_tool', path: `policies[${i}]`, message: `${nameOf(i)} and ${nameOf(before)} both give the tool "${name}": serve one version of a policy at a time.` }]);
    }
    seen.set(name, i);
  });

  const server = new McpServer({ name: 'because', version: packageVersion() });
  for (const policy of policies) registerPolicyTool(server, policy);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}

