import type { PolicyDocument } from './schema.js';

/**
 * Who may read a fact or parameter: its value, and for `internal` its label too.
 *
 * - `public`: anyone, the customer included.
 * - `personal`: the customer may read its label; its value only when `redact` is off.
 * - `internal`: staff and the host only; a customer reads neither its value, its label nor a
 *   literal it is compared with.
 */
export type Visibility = 'public' | 'personal' | 'internal';

/**
 * The visibility of every fact and parameter of a policy, decided once by `definePolicy`. A fact
 * both `internal` and `personal` is internal: the stricter of the two.
 * @internal
 */
export function visibilities(doc: PolicyDocument): ReadonlyMap<string, Visibility> {
  const out = new Map<string, Visibility>();
  for (const [name, p] of Object.entries(doc.parameters ?? {})) out.set(name, p.internal === true ? 'internal' : 'public');
  for (const [name, f] of Object.entries(doc.facts)) out.set(name, f.internal === true ? 'internal' : f.personal === true ? 'personal' : 'public');
  return out;
}
