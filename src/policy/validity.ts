import { PolicyNotInForceError } from '../errors.js';
import type { Policy } from './define.js';
import type { PolicyDocument } from './schema.js';

const DAY = 86_400_000;

/** Policy documents are frozen: their windows are worked out once. */
const windows = new WeakMap<PolicyDocument, { from: number; to: number }>();

/** Start (inclusive) and end (exclusive) of a policy's validity, in ms; a date-only `validTo` includes that whole day. */
function window(doc: PolicyDocument): { from: number; to: number } {
  let found = windows.get(doc);
  if (found === undefined) {
    const from = doc.validFrom == null ? -Infinity : Date.parse(doc.validFrom);
    const to =
      doc.validTo == null ? Infinity : doc.validTo.length === 10 ? Date.parse(doc.validTo) + DAY : Date.parse(doc.validTo) + 1;
    found = { from, to };
    if (Object.isFrozen(doc)) windows.set(doc, found);
  }
  return found;
}

/**
 * Whether a policy document is in force at `at`.
 * @internal
 */
export function isInForce(doc: PolicyDocument, at: Date): boolean {
  const { from, to } = window(doc);
  const t = at.getTime();
  return t >= from && t < to;
}

/**
 * Throws {@link PolicyNotInForceError} unless the policy is in force at `at`.
 * @internal
 */
export function inForce(doc: PolicyDocument, at: Date): void {
  if (isInForce(doc, at)) return;
  const range = `${doc.validFrom ?? '…'} to ${doc.validTo ?? '…'}`;
  throw new PolicyNotInForceError([
    {
      code: 'not_in_force',
      path: doc.validFrom != null && at.getTime() < window(doc).from ? 'validFrom' : 'validTo',
      message: `Policy "${doc.id}" version ${doc.version} is in force from ${range}, not on ${at.toISOString().slice(0, 10)}.`,
    },
  ]);
}

/**
 * Picks, from several versions of a policy, the one in force on `at`. When more than one is,
 * the one that came into force last wins.
 *
 * @param policies Versions of a policy, in any order.
 * @param at The date the decision is about. @default now
 * @throws {PolicyNotInForceError} when none is in force on `at`.
 * @example
 * ```ts
 * const policy = policyInForce([refund2025, refund2026], '2026-03-01');
 * ```
 */
export function policyInForce(policies: readonly Policy[], at: Date | string = new Date()): Policy {
  const date = at instanceof Date ? at : new Date(at);
  const candidates = policies.filter((p) => isInForce(p.document, date));
  const best = candidates.sort((a, b) => window(b.document).from - window(a.document).from)[0];
  if (best !== undefined) return best;
  throw new PolicyNotInForceError([
    {
      code: 'not_in_force',
      path: '',
      message: `None of the ${policies.length} policy versions (${policies.map((p) => `${p.id}@${p.version}`).join(', ')}) is in force on ${Number.isNaN(date.getTime()) ? String(at) : date.toISOString().slice(0, 10)}.`,
    },
  ]);
}
