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

/**
 * The sha-256 of a string as lowercase hex. Synchronous and free of `node:crypto`, so it runs in
 * browsers and edge runtimes.
 * @internal
 */
export function sha256Hex(text: string): string {
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
