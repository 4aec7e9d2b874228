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
 * runtimes ({@link portableSha256Hex}), and natively in Node (test/core/hash.test.ts holds the
 * two to the same digest).
 * @internal
 */
export function sha256Hex(text: string): string {
  return nodeCrypto === undefined ? portableSha256Hex(text) : nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The round constants of sha-256 (FIPS 180-4, 4.2.2). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * {@link sha256Hex} without the runtime's help: sha-256 (FIPS 180-4) over the UTF-8 of `text`
 * (`TextEncoder`, which writes a lone surrogate as U+FFFD, as Node does). A few lines in place of
 * `@noble/hashes`, a third of its size in the browser bundle.
 * @internal
 */
export function portableSha256Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const n = bytes.length;
  // The message, a 1 bit, zeros, and its length in bits as 64 bits, in whole 64-byte blocks.
  const padded = new Uint8Array((((n + 8) >> 6) + 1) * 64);
  padded.set(bytes);
  padded[n] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(n / 0x20000000));
  view.setUint32(padded.length - 4, (n * 8) >>> 0);
  const h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Int32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (s0 + (w[i - 7] as number) + s1 + (w[i - 16] as number)) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + s1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    const state = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = ((h[i] as number) + (state[i] as number)) | 0;
  }
  let hex = '';
  for (const word of h) hex += (word >>> 0).toString(16).padStart(8, '0');
  return hex;
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
