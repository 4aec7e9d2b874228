import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPolicyTool } from '../../src/adapters/mcp.js';
import { runMcpServer } from '../../src/node/mcp-server.js';
import { factsInputSchema, type ModelDecision, type ModelToolError } from '../../src/adapters/tool.js';
import type { DecisionResult } from '../../src/index.js';
import { AT, EXAMPLES, examplePolicy, REFUND_DENY } from './helpers.js';
import { portableViolations } from './dialects.js';

const refund = examplePolicy('refund.json');
const account = examplePolicy('account-access.json');

type ToolResult = Awaited<ReturnType<Client['callTool']>>;
const textOf = (result: ToolResult): string => {
  const first = (result.content as { type: string; text?: string }[])[0];
  return first?.type === 'text' ? (first.text ?? '') : '';
};

async function connected(setup: (server: McpServer) => void): Promise<Client> {
  const server = new McpServer({ name: 'test', version: '1.0.0' });
  setup(server);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return client;
}

describe('registerPolicyTool (in-memory MCP)', () => {
  let client: Client;
  const decisions: DecisionResult[] = [];
  const contexts: unknown[] = [];
  beforeAll(async () => {
    client = await connected((server) => {
      registerPolicyTool(server, refund, { at: AT, onDecision: (r) => void decisions.push(r) });
      registerPolicyTool(server, account, { at: AT, hostFacts: ({ context }) => (contexts.push(context), { fraudScore: 10 }) });
    });
  });
  afterAll(() => client.close());

  it('lists one tool per policy with the portable JSON Schema, an output schema and annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['decide_refund', 'decide_account_access']);
    const tool = tools[0];
    const { $schema: _, ...inputSchema } = tool?.inputSchema as Record<string, unknown>;
    expect(inputSchema).toEqual(factsInputSchema(refund, { dialect: 'json-schema' }));
    expect(portableViolations(inputSchema)).toEqual([]);
    expect(tool?.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false });
    expect(tool?.title).toBe('Refunds');
    expect(tool?.outputSchema?.['properties']).toHaveProperty('text');
    expect(tool?.outputSchema?.['properties']).not.toHaveProperty('trace');
  });

  it('decides: structuredContent is the model-facing result, content its JSON', async () => {
    const result = await client.callTool({ name: 'decide_refund', arguments: { ...REFUND_DENY, email: null, locale: 'nl' } });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as unknown as ModelDecision;
    expect(structured.outcome).toBe('deny');
    expect(structured.locale).toBe('nl');
    expect(JSON.parse(textOf(result))).toEqual(structured);
    expect(structured).not.toHaveProperty('trace');
    expect(decisions.at(-1)?.trace.length).toBe(refund.document.rules.length);
  });

  it('requires no argument, as the schema says: left-out facts are unknown', async () => {
    const { daysSincePurchase: _, ...known } = REFUND_DENY;
    const result = await client.callTool({ name: 'decide_refund', arguments: known });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as unknown as ModelDecision;
    expect(structured.outcome).toBe('undecided');
    expect(structured.missing.map((m) => m.fact)).toContain('daysSincePurchase');
    const none = await client.callTool({ name: 'decide_refund', arguments: {} });
    expect((none.structuredContent as unknown as ModelDecision).outcome).toBe('undecided');
  });

  it('answers bad facts with isError and the issues, not a protocol error', async () => {
    const result = await client.callTool({ name: 'decide_refund', arguments: { daysSincePurchase: 'a while', loyaltyTier: 'diamond' } });
    expect(result.isError).toBe(true);
    const error = JSON.parse(textOf(result)) as ModelToolError;
    expect(error.error.code).toBe('invalid_arguments');
    expect(error.error.issues.map((i) => i.path).sort()).toEqual(['daysSincePurchase', 'loyaltyTier']);
  });

  it('supplies host facts from the call context and asks the model for none of them', async () => {
    const { tools } = await client.listTools();
    const schema = tools.find((t) => t.name === 'decide_account_access')?.inputSchema as { properties: object };
    expect(Object.keys(schema.properties)).not.toContain('fraudScore');
    const result = await client.callTool({ name: 'decide_account_access', arguments: { identityVerified: true, failedSignInsInWindow: 0, minutesSinceLastFailedSignIn: 100, failedIdentityChecks: 0, chargebacksLast12Months: 0, daysInvoiceOverdue: 0 } });
    expect((result.structuredContent as unknown as ModelDecision).outcome).toBe('allow');
    // The SDK's request context (abort signal, request id, auth info) reaches hostFacts.
    expect(contexts.at(-1)).toMatchObject({ requestId: expect.anything(), signal: expect.any(AbortSignal) });
  });
});

describe('runMcpServer: loading', () => {
  it('rejects before serving when a policy file is unreadable or two give the same tool', async () => {
    await expect(runMcpServer(['no/such/policy.json'])).rejects.toThrow(/Cannot read no\/such\/policy.json/);
    const file = fileURLToPath(new URL('refund.json', EXAMPLES));
    await expect(runMcpServer([file, file])).rejects.toThrow(/both give the tool "decide_refund"/);
  });
});

describe('runMcpServer over stdio (a child process, as `because mcp` runs it)', () => {
  let client: Client;
  let stderr = '';
  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', fileURLToPath(new URL('./fixtures/mcp-server.ts', import.meta.url)), fileURLToPath(new URL('refund.json', EXAMPLES)), fileURLToPath(new URL('service.json', EXAMPLES))],
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
  }, 30_000);
  afterAll(() => client.close());

  it('lists a tool per policy file', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['decide_refund', 'decide_service']);
    expect(client.getServerVersion()?.name).toBe('because');
  });

  it('decides, survives bad facts, and decides again', async () => {
    // The policy is in force from 2026-01-01 and the server decides "now": the machine's clock.
    const good = await client.callTool({ name: 'decide_refund', arguments: { ...REFUND_DENY, email: null, locale: 'en' } });
    expect(good.isError, `${textOf(good)}\n${stderr}`).toBeFalsy();
    expect((good.structuredContent as unknown as ModelDecision).outcome).toBe('deny');

    const bad = await client.callTool({ name: 'decide_refund', arguments: { daysSincePurchase: [45] } });
    expect(bad.isError).toBe(true);
    expect((JSON.parse(textOf(bad)) as ModelToolError).error.issues[0]?.path).toBe('daysSincePurchase');

    const again = await client.callTool({ name: 'decide_refund', arguments: { ...REFUND_DENY, damagedOnArrival: true } });
    expect((again.structuredContent as unknown as ModelDecision).outcome).toBe('approve');
  }, 30_000);
});
