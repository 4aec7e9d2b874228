import { OptionsError, type Issue, type NonEmptyArray } from '../errors.js';
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
 * @throws {OptionsError} when the id is empty, `at` is no date, or the input cannot be stored as JSON (a cycle, a bigint).
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
  const issues: Issue[] = [];
  if (typeof meta.id !== 'string' || meta.id === '') issues.push({ code: 'invalid_type', path: 'id', message: 'The record id is a non-empty string, such as a ticket id.' });
  if (Number.isNaN(at.getTime())) issues.push({ code: 'invalid_date', path: 'at', message: '"at" is a Date or an ISO 8601 date such as "2026-03-01T10:00:00Z".' });
  // What is stored is what is hashed: the JSON of the input (a Date in the options becomes its
  // ISO string, as `explain` reads it), so a replay of `record.input` matches `inputHash`.
  let normalised: AuditRecord['input'] | undefined;
  try {
    normalised = JSON.parse(JSON.stringify({ facts: input.facts ?? null, options: input.options ?? {} })) as AuditRecord['input'];
  } catch (error) {
    issues.push({ code: 'not_json', path: 'input', message: `The facts and options cannot be stored as JSON: ${(error as Error).message.split('\n')[0] ?? ''}` });
  }
  if (normalised === undefined || issues.length > 0) throw new OptionsError(issues as unknown as NonEmptyArray<Issue>);
  return {
    id: meta.id,
    at: at.toISOString(),
    engine: `because@${ENGINE_VERSION}`,
    inputHash: sha256Hex(canonicalJson(normalised)),
    input: normalised,
    result: JSON.parse(JSON.stringify(result)) as DecisionResult,
  };
}

