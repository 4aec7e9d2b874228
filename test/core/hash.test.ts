import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/index.js';
import { canonicalJson, policyHash, portableSha256Hex, sha256Hex } from '../../src/policy/hash.js';

/** CONTRACT §3: `hash` is the sha-256, as lowercase hex, of the policy's canonical JSON. */

const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Reverses the key order of every object, recursively. */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]));
  }
  return value;
}

function policyDoc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'hash',
    version: '1',
    title: { en: 'Hash', nl: 'Hasj — ü ✓ 😀' },
    facts: { a: { type: 'number', label: 'a' }, b: { type: 'string' } },
    parameters: { limit: { value: 1.5e-7 } },
    outcomes: { yes: {}, no: { adverse: true } },
    rules: [{ name: 'r', conditions: { all: [{ fact: 'a', operator: 'greaterThan', value: { fact: 'limit' } }] }, event: { type: 'yes' } }],
    ...overrides,
  };
}

describe('sha-256 of canonical JSON', () => {
  it('equals node:crypto over the same canonical string, for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value);
        const hex = sha256Hex(canonical);
        expect(hex).toMatch(/^[0-9a-f]{64}$/);
        expect(hex).toBe(nodeSha256(canonical));
      }),
      { numRuns: 300 },
    );
  });

  it('handles text outside the basic plane and lone surrogates as UTF-8', () => {
    for (const text of ['😀', 'ü', '\u2028', '\ud800', 'x\udfffy', '', 'a'.repeat(100_000)]) expect(sha256Hex(text)).toBe(nodeSha256(text));
  });

  it('canonical JSON sorts keys and drops white space (RFC 8785)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1e21, y: 0.1 } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":0.1,"z":1e+21}}');
  });

  it('is the policy hash, without $schema', () => {
    const doc = policyDoc();
    const policy = definePolicy({ $schema: '../schema/policy.schema.json', ...doc });
    expect(policy.hash).toBe(nodeSha256(canonicalJson(doc)));
    expect(policy.hash).toBe(policyHash(doc));
    expect(definePolicy(doc).hash).toBe(policy.hash);
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(sha256Hex(canonicalJson(reorder(value)))).toBe(sha256Hex(canonicalJson(value)));
      }),
      { numRuns: 200 },
    );
    expect(definePolicy(reorder(policyDoc())).hash).toBe(definePolicy(policyDoc()).hash);
  });

  it('changes with any change to the policy', () => {
    const base = definePolicy(policyDoc()).hash;
    const changes: Record<string, unknown>[] = [
      { version: '2' },
      { title: { en: 'Hash', nl: 'Hasj — ü ✓ 😁' } },
      { parameters: { limit: { value: 1.5e-6 } } },
      { rules: [{ name: 'r', conditions: { all: [{ fact: 'a', operator: 'greaterThanInclusive', value: { fact: 'limit' } }] }, event: { type: 'yes' } }] },
      { decision: { strategy: 'priority' } }, // the default written out is still a change of the document
    ];
    const hashes = changes.map((c) => definePolicy(policyDoc(c)).hash);
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('is the same for the same policy on any call', () => {
    expect(definePolicy(policyDoc()).hash).toBe(definePolicy(JSON.stringify(policyDoc())).hash);
  });
});

describe('the core has no node: imports', () => {
  it('no file under src/ outside src/node imports node:', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (relative(root, path) !== 'node') walk(path);
        } else if (/\.(ts|mts|cts|js|mjs|json)$/.test(name)) {
          files.push(path);
        }
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) =>
      /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]node:/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});

describe('sha256Hex: Node’s native digest and the portable one agree', () => {
  it('on any string, lone surrogates included (both encode them as U+FFFD)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '\uD800', 'a\uDC00b', '😀'.slice(0, 1), '{"a":1}'));
    fc.assert(
      fc.property(text, (s) => {
        expect(sha256Hex(s)).toBe(portableSha256Hex(s));
        expect(portableSha256Hex(s)).toBe(nodeSha256(s));
      }),
      { numRuns: 1000 },
    );
  });
});
