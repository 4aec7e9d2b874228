/**
 * `because/node`: reading policy and tests files from disk. Node only.
 * @module because/node
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseTestSuite, TestsFileError, type TestSuite } from '../authoring/tests-file.js';
import { definePolicy, type Policy, type PolicyOptions } from '../policy/define.js';
import { PolicyError } from '../errors.js';
import { parseJsonText, withoutBom } from '../policy/json-text.js';

export { loadOperators } from './operators.js';

/**
 * Reads a policy file and defines it. Node-only: import it from `because/node`.
 *
 * @param file Path of the policy's JSON file.
 * @throws {PolicyError} when the file cannot be read, is not JSON, writes a key twice in one
 *   object (`duplicate_key`, naming both places), or is not a valid policy; `error.file` names
 *   the file. A byte order mark at its start is skipped.
 * @example
 * ```ts
 * import { loadPolicy } from 'because/node';
 * const policy = await loadPolicy('rules-examples/refund.json');
 * ```
 */
export async function loadPolicy(file: string, options?: PolicyOptions): Promise<Policy> {
  const text = await readText(file);
  try {
    return definePolicy(text, options);
  } catch (error) {
    if (error instanceof PolicyError) throw withFile(error, file);
    throw error;
  }
}

/**
 * Reads a JSON file, such as a facts file. A byte order mark at its start is skipped.
 * @throws {PolicyError} with code `unreadable_file`, `invalid_json`, or `duplicate_key` for a key
 *   written twice in one object (the message names both places, line and column).
 */
export async function readJsonFile(file: string): Promise<unknown> {
  const parsed = parseJsonText(await readText(file), file);
  if (!parsed.ok) throw withFile(new PolicyError(parsed.issues), file);
  return parsed.value;
}

/**
 * A file's text, without a byte order mark; a `PolicyError` with code `unreadable_file` (naming
 * the file) when it cannot be read.
 */
async function readText(file: string): Promise<string> {
  try {
    return withoutBom(await readFile(file, 'utf8'));
  } catch (error) {
    throw withFile(new PolicyError([{ code: 'unreadable_file', path: '', message: `Cannot read ${file}: ${(error as Error).message}` }]), file);
  }
}

function withFile<E extends Error>(error: E, file: string): E & { file: string } {
  return Object.assign(error, { file });
}

/** A tests file read from disk by {@link loadTestsFile}. */
export interface LoadedTestsFile {
  /** The path of the tests file, as given. */
  readonly file: string;
  /** Its source text, for locating JSON paths in messages. */
  readonly text: string;
  /** The validated tests. */
  readonly suite: TestSuite;
  /**
   * The policy file it names (`"policy": "./refund.json"`), resolved against the tests file's
   * folder; `undefined` when it names none.
   */
  readonly policyFile: string | undefined;
}

/**
 * Reads and validates a tests file (`<name>.tests.json`), resolving the policy path it names
 * relative to the tests file.
 *
 * @param file Path of the tests file.
 * @throws {PolicyError} with code `unreadable_file` when it cannot be read.
 * @throws {TestsFileError} when it is not JSON or not a valid tests file; `error.file` names the file.
 * @example
 * ```ts
 * import { loadPolicy, loadTestsFile } from 'because/node';
 * import { runTests } from 'because/authoring';
 * const tests = await loadTestsFile('rules-examples/refund.tests.json');
 * const report = await runTests(await loadPolicy(tests.policyFile!), tests.suite);
 * ```
 */
export async function loadTestsFile(file: string): Promise<LoadedTestsFile> {
  const text = await readText(file);
  let suite: TestSuite;
  try {
    suite = parseTestSuite(text);
  } catch (error) {
    if (error instanceof TestsFileError) throw withFile(error, file);
    throw error;
  }
  return { file, text, suite, policyFile: suite.policy === undefined ? undefined : resolve(dirname(file), suite.policy) };
}

/**
 * The tests file that goes with a policy file by convention: `refund.json` → `refund.tests.json`.
 */
export function testsFileFor(policyFile: string): string {
  return policyFile.endsWith('.json') ? `${policyFile.slice(0, -'.json'.length)}.tests.json` : `${policyFile}.tests.json`;
}

/**
 * The review snapshot that goes with a policy file by convention: `refund.json` →
 * `refund.review.md`. `because test` checks it when it exists (see `because review`).
 */
export function reviewFileFor(policyFile: string): string {
  return policyFile.endsWith('.json') ? `${policyFile.slice(0, -'.json'.length)}.review.md` : `${policyFile}.review.md`;
}
