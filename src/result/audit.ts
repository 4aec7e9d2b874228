import { canonicalJson, sha256Hex } from '../policy/hash.js';
import type { DecisionResult } from './schema.js';

/** The version of `because` that wrote an audit record. */
export const ENGINE_VERSION = '0.1.0';

/** A logged decision: the result plus what it takes to replay and compare it. */
export interface AuditRecord {
  /** The caller's id for this decision (a ticket or conversation id). */
  readonly id: string;
  /** When the decision was taken, ISO 8601. */
  readonly at: string;
  /** `because@<version>` that took it. */
  readonly engine: string;
  /** sha-256 of the canonical JSON of the facts and options that went in. */
  readonly inputHash: string;
  /** The facts that went in, as given (personal ones too: store the record accordingly). */
  readonly input: { readonly facts: unknown; readonly options: unknown };
  readonly result: DecisionResult;
}

/**
 * Wraps a result in an audit record. The result itself stays free of timestamps and random ids
 * (so two calls compare equal); the record adds them.
 *
 * @param result What `explain` returned.
 * @param input The facts and options passed to `explain`.
 * @param meta The record's id and time. @default at: now
 * @example
 * ```ts
 * const record = toAuditRecord(result, { facts, options }, { id: ticket.id });
 * log.write(JSON.stringify(record));
 * ```
 */
export function toAuditRecord(
  result: DecisionResult,
  input: { facts: unknown; options?: unknown },
  meta: { id: string; at?: Date | string },
): AuditRecord {
  const at = meta.at === undefined ? new Date() : new Date(meta.at);
  const normalised = { facts: input.facts, options: input.options ?? {} };
  return {
    id: meta.id,
    at: at.toISOString(),
    engine: `because@${ENGINE_VERSION}`,
    inputHash: sha256Hex(canonicalJson(normalised)),
    input: JSON.parse(JSON.stringify(normalised)) as AuditRecord['input'],
    result: JSON.parse(JSON.stringify(result)) as DecisionResult,
  };
}
