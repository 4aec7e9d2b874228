import { isPolicy, type Policy } from '../policy/define.js';
import { toolName, type PolicyToolOptions } from './tool.js';

/** A policy with the options of its tool, for the handlers that answer a model's tool calls. */
export interface PolicyWithOptions {
  readonly policy: Policy;
  readonly options: PolicyToolOptions;
}

/**
 * The policy whose tool is called `name` among those a host offers (each alone or with its tool
 * options), or `undefined` when none is: the handler then answers `null`, so the host can try
 * its other tools.
 * @internal
 */
export function policyNamed(policies: readonly (Policy | PolicyWithOptions)[], name: string): PolicyWithOptions | undefined {
  return policies.map((p) => (isPolicy(p) ? { policy: p, options: {} } : p)).find((p) => toolName(p.policy, p.options) === name);
}
