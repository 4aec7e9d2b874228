import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import canonicalize from 'canonicalize';

/**
 * The canonical JSON of a value (RFC 8785: sorted keys, no white space, ECMAScript number
 * formatting).
 * @internal
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

/** The part of `node:crypto` used here. */
interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
}

/**
 * Node's own sha-256, where the runtime hands out its built-in modules without an import
 * (`process.getBuiltinModule`, Node ≥ 20.16): native, where the portable one below runs cold in
 * the interpreter for tens of milliseconds on a policy's first hash. `undefined` elsewhere.
 */
const nodeCrypto: NodeCrypto | undefined = (() => {
  try {
    const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
    // A lookup at run time, not an import: bundles for browsers hold no Node builtin, and the
    // bare name keeps the `node:` scheme out of them (test/browser/edge.test.ts looks for it).
    const crypto = typeof get === 'function' ? (get('crypto') as NodeCrypto | undefined) : undefined;
    return typeof crypto?.createHash === 'function' ? crypto : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * The sha-256 of a string's UTF-8 as lowercase hex. Synchronous; runs in browsers and edge
 * runtimes (`@noble/hashes`), and natively in Node (test/core/hash.test.ts holds the two to the
 * same digest).
 * @internal
 */
export function sha256Hex(text: string): string {
  return nodeCrypto === undefined ? portableSha256Hex(text) : nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** {@link sha256Hex} without the runtime's help. @internal */
export function portableSha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * The version hash of a policy document: sha-256 of its canonical JSON, leaving out `$schema`
 * (where an editor finds the schema says nothing about the policy).
 * @internal
 */
export function policyHash(document: Readonly<Record<string, unknown>>): string {
  const { $schema: _ignored, ...rest } = document;
  return sha256Hex(canonicalJson(rest));
}
