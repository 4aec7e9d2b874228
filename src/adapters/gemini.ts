/**
 * `because/gemini`: a policy as a function of Google's Gemini API (function calling with
 * `@google/genai`). No dependency on the SDK: the declaration and the parts are plain objects typed
 * by the minimal interfaces below, which the SDK's `FunctionDeclaration`, `FunctionCall` and
 * `Part` accept.
 * @module because/gemini
 */
import type { Policy } from '../policy/define.js';
import { isRecord } from '../policy/json.js';
import { callTool, factsInputSchema, toolDescription, toolName, type PolicyToolOptions } from './tool.js';
import { policyNamed, type PolicyWithOptions } from './tool-list.js';

export { toolName, factsInputSchema } from './tool.js';
export type { PolicyToolOptions, HostFacts, HostFactsCall, ModelDecision, ModelToolError } from './tool.js';
export type { PolicyWithOptions } from './tool-list.js';

/** A function declaration for `config.tools[i].functionDeclarations` of `generateContent`. */
export interface GeminiFunctionDeclaration {
  readonly name: string;
  readonly description: string;
  /**
   * The facts in Gemini's OpenAPI subset: upper-case types (`STRING`, `NUMBER`, …),
   * `nullable: true`, none required.
   */
  readonly parameters: { readonly [keyword: string]: unknown };
}

/** A `functionCall` of the model's response (`response.functionCalls[i]`, or a part's `functionCall`). */
export interface GeminiFunctionCall {
  readonly id?: string;
  readonly name?: string;
  readonly args?: Readonly<Record<string, unknown>>;
}

/** The part answering a function call: send it in the next user turn's `parts`. */
export interface GeminiFunctionResponsePart {
  readonly functionResponse: {
    /** The call's `id`, when the model gave one. */
    readonly id?: string;
    readonly name: string;
    /**
     * `{ output }` with the {@link ModelDecision} (whose `text` the model relays verbatim), or
     * the {@link ModelToolError}'s `{ error }`: Gemini reads these two keys as the function's
     * output and its error.
     */
    readonly response: Readonly<Record<string, unknown>>;
  };
}

/**
 * A policy as a Gemini function declaration.
 * @param policy A policy made by `definePolicy`.
 * @param options Tool name, description, host facts: see {@link PolicyToolOptions}.
 * @example
 * ```ts
 * const response = await ai.models.generateContent({
 *   model, contents, config: { tools: [{ functionDeclarations: [functionDeclaration(refund)] }] },
 * });
 * ```
 */
export function functionDeclaration(policy: Policy, options: PolicyToolOptions = {}): GeminiFunctionDeclaration {
  return { name: toolName(policy, options), description: toolDescription(policy, options), parameters: factsInputSchema(policy, { ...options, dialect: 'gemini' }) };
}

/**
 * Runs a function call the model made, if it names one of the policies' functions, and returns
 * the `functionResponse` part to send back. Its response carries the payload the shared tool core
 * gives the model (`callTool`'s `forModel`): as `output` the customer text to relay verbatim, the
 * questions to ask and the escalation; as `error` the issues to correct, for bad arguments. The
 * handler never throws for what the model sent.
 *
 * @param policies The policies offered as functions, each alone or with its tool options.
 * @param call A function call of the model's response (or a part holding one as `functionCall`).
 * @param context Passed to a `hostFacts` function as `context` (the signed-in customer, …).
 * @returns The part, or `null` when the call names none of these policies' functions (so a host
 *   can try its other functions).
 * @example
 * ```ts
 * const parts = await Promise.all((response.functionCalls ?? []).map((call) => handleFunctionCall([refund], call)));
 * contents.push(response.candidates[0].content, { role: 'user', parts: parts.filter((p) => p !== null) });
 * ```
 */
export async function handleFunctionCall(policies: readonly (Policy | PolicyWithOptions)[], call: unknown, context?: unknown): Promise<GeminiFunctionResponsePart | null> {
  const fn = isRecord(call) && isRecord(call['functionCall']) ? call['functionCall'] : call;
  if (!isRecord(fn) || typeof fn['name'] !== 'string') return null;
  const entry = policyNamed(policies, fn['name']);
  if (entry === undefined) return null;
  const outcome = await callTool(entry.policy, fn['args'], entry.options, context);
  const response = outcome.ok ? { output: outcome.forModel } : { error: outcome.forModel.error };
  return { functionResponse: { ...(typeof fn['id'] === 'string' ? { id: fn['id'] } : {}), name: fn['name'], response } };
}
