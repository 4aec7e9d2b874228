import { readFile } from 'node:fs/promises';
import { definePolicy, type Policy, type PolicyOptions } from '../policy/define.js';
import { PolicyError } from '../errors.js';

/**
 * Reads a policy file and defines it. Node-only: import it from `because/node`.
 *
 * @param file Path of the policy's JSON file.
 * @throws {PolicyError} when the file cannot be read, is not JSON, or is not a valid policy;
 *   `error.file` names the file.
 * @example
 * ```ts
 * import { loadPolicy } from 'because/node';
 * const policy = await loadPolicy('rules-examples/refund.json');
 * ```
 */
export async function loadPolicy(file: string, options?: PolicyOptions): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw withFile(new PolicyError([{ code: 'unreadable_file', path: '', message: `Cannot read ${file}: ${(error as Error).message}` }]), file);
  }
  try {
    return definePolicy(text, options);
  } catch (error) {
    if (error instanceof PolicyError) throw withFile(error, file);
    throw error;
  }
}

/**
 * Reads a JSON file.
 * @throws {PolicyError} with code `unreadable_file` or `invalid_json`.
 */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw withFile(new PolicyError([{ code: 'unreadable_file', path: '', message: `Cannot read ${file}: ${(error as Error).message}` }]), file);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw withFile(new PolicyError([{ code: 'invalid_json', path: '', message: `${file} is not valid JSON: ${(error as Error).message}` }]), file);
  }
}

function withFile<E extends Error>(error: E, file: string): E & { file: string } {
  return Object.assign(error, { file });
}
