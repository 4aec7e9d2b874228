import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RunContext } from '@openai/agents';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyTool as aiSdkTool } from '../../src/adapters/ai-sdk.js';
import { handleToolUse } from '../../src/adapters/anthropic.js';
import { handleFunctionCall } from '../../src/adapters/gemini.js';
import { policyTool as agentsTool } from '../../src/adapters/openai-agents.js';
import { policyTool as langchainTool } from '../../src/adapters/langchain.js';
import { registerPolicyTool } from '../../src/adapters/mcp.js';
import { handleToolCall } from '../../src/adapters/openai.js';
import { callTool, toolName, type PolicyToolOptions } from '../../src/adapters/tool.js';
import { BUILT_IN_LOCALES } from '../../src/explain/render.js';
import { customerView, explain, type DecisionResult, type Policy } from '../../src/index.js';
import { generatedPolicy, OUTCOME_NAMES, taintedPolicy, type Sentinel } from '../helpers/arbitraries.js';

/**
 * The taint property (issue 12, CONTRACT §6): random policies whose internal and personal facts
 * and parameters carry sentinel values and labels (figures, amounts, words, enum values and
 * their labels, dates); random facts; every locale; both audiences; with and without whyNot.
 * No sentinel may appear in what a customer may read (customerView) nor in any adapter's
 * model-facing result; staff must see the internal ones, or this test could not fail.
 */

const RUNS = 500;

/** The sentinels found in a text, in any of their forms. */
function leaks(text: string, sentinels: readonly Sentinel[], kinds: readonly Sentinel['kind'][]): string[] {
  const lower = text.toLowerCase();
  return sentinels.filter((s) => kinds.includes(s.kind) && s.forms.some((f) => lower.includes(f))).map((s) => s.what);
}

/**
 * A result as JSON without the policy's `{ id, version, hash }`, at whatever depth an adapter
 * nests it (the Agents SDK wraps the result in `output`): a hash may hold any digits.
 */
function modelFacing(output: unknown): string {
  const value: unknown = typeof output === 'string' ? JSON.parse(output) : output;
  return JSON.stringify(value, (key, v: unknown) => (key === 'policy' && v !== null && typeof v === 'object' && 'hash' in v ? undefined : v));
}

function staffTexts(result: DecisionResult): string {
  return JSON.stringify([result.text, result.reasons.map((r) => r.text), result.whyNot?.text, result.whyNot?.blockers.map((b) => b.text)]);
}

async function mcpClient(policy: Policy, options: PolicyToolOptions): Promise<Client> {
  const server = new McpServer({ name: 'taint', version: '1.0.0' });
  registerPolicyTool(server, policy, options);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'taint-client', version: '1.0.0' });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return client;
}

describe('taint: nothing internal or personal reaches a customer', () => {
  it(`holds for ${RUNS} random policies, every locale, both audiences, with and without whyNot, and every adapter`, async () => {
    const stats = { policies: 0, refused: 0, explains: 0, adapterCalls: 0, staffShown: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(taintedPolicy, fc.nat(), async ({ doc, sentinels, values }, seed) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) {
          stats.refused++;
          return;
        }
        stats.policies++;
        for (const [i, locale] of BUILT_IN_LOCALES.entries()) {
          const whyNot = (seed + i) % 4 === 0 ? undefined : OUTCOME_NAMES[(seed + i) % OUTCOME_NAMES.length];
          const options = { locale, ...(whyNot === undefined ? {} : { whyNot }) };
          const customer = await explain(policy, values, options);
          const view = JSON.stringify(customerView(customer));
          expect(leaks(view, sentinels, ['internal', 'personal']), `${locale} customer: ${view}`).toEqual([]);
          // Without redaction a customer may read personal values, never internal ones.
          const unredacted = JSON.stringify(customerView(await explain(policy, values, { ...options, redact: false })));
          expect(leaks(unredacted, sentinels, ['internal']), `${locale} unredacted: ${unredacted}`).toEqual([]);
          // Staff see internal figures; with redact on, no personal value anywhere in the result.
          const staff = await explain(policy, values, { ...options, audience: 'agent' });
          expect(leaks(modelFacing(staff), sentinels, ['personal']), `${locale} staff: ${modelFacing(staff)}`).toEqual([]);
          if (leaks(staffTexts(staff), sentinels, ['internal']).length > 0) stats.staffShown.set(locale, (stats.staffShown.get(locale) ?? 0) + 1);
          stats.explains += 3;
        }

        // The tool adapters: the model passes what it may know, the host the internal facts.
        const internal = Object.keys(doc.facts).filter((n) => doc.facts[n]?.internal === true);
        const hostFacts = Object.fromEntries(Object.entries(values).filter(([n]) => internal.includes(n)));
        const args: Record<string, unknown> = { locale: BUILT_IN_LOCALES[seed % BUILT_IN_LOCALES.length] };
        for (const name of Object.keys(doc.facts)) if (!internal.includes(name)) args[name] = values[name] ?? null;
        const toolOptions: PolicyToolOptions = { hostFacts };
        const outputs: unknown[] = [(await callTool(policy, args, toolOptions)).forModel];
        if (stats.policies % 25 === 1) {
          const name = toolName(policy);
          outputs.push((await handleToolCall([{ policy, options: toolOptions }], { id: 'call', function: { name, arguments: JSON.stringify(args) } }))?.content);
          outputs.push(await aiSdkTool(policy, toolOptions).execute?.(args, { toolCallId: 'call', messages: [] }));
          outputs.push(((await langchainTool(policy, toolOptions).invoke({ type: 'tool_call', id: 'call', name, args })) as { content: string }).content);
          outputs.push((await handleToolUse([{ policy, options: toolOptions }], { type: 'tool_use', id: 'call', name, input: args }))?.content);
          outputs.push(JSON.stringify((await handleFunctionCall([{ policy, options: toolOptions }], { name, args }))?.functionResponse.response));
          outputs.push(await agentsTool(policy, toolOptions).invoke(new RunContext(), JSON.stringify(args)));
          const client = await mcpClient(policy, toolOptions);
          const called = await client.callTool({ name, arguments: args });
          outputs.push((called.content as { text: string }[])[0]?.text);
          await client.close();
        }
        for (const output of outputs) {
          const json = modelFacing(output);
          expect(leaks(json, sentinels, ['internal', 'personal']), `model-facing: ${json}`).toEqual([]);
          stats.adapterCalls++;
        }
      }),
      { numRuns: RUNS },
    );
    console.log(
      `taint: ${stats.policies} policies (${stats.refused} refused), ${stats.explains} explain calls, ${stats.adapterCalls} adapter calls; ` +
        `staff texts showed internal sentinels in ${[...stats.staffShown].map(([l, n]) => `${l} ${n}`).join(', ')}`,
    );
    expect(stats.policies).toBeGreaterThanOrEqual(RUNS * 0.95);
    // The sentinels and their forms are found where they may be: in staff texts, in every locale.
    for (const locale of BUILT_IN_LOCALES) expect(stats.staffShown.get(locale) ?? 0, locale).toBeGreaterThan(RUNS / 10);
  }, 300_000);
});
