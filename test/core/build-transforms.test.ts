import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as src from '../../src/index.js';
import { asciiOnly } from '../../scripts/ascii-only.js';
import { minifyDependencies } from '../../scripts/minify-dependencies.js';

/**
 * tsup.config.ts rewrites each chunk of dist/ before writing it: the bundled dependencies
 * minified (scripts/minify-dependencies.ts), every character in ASCII (scripts/ascii-only.ts).
 * Here the core is bundled as the build bundles it (ESM for Node, dependencies inlined), put
 * through the same two rewrites, loaded, and held to src/ on every example policy's test cases:
 * the same results, errors and schemas.
 */

const EXAMPLES = new URL('../../rules-examples/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, EXAMPLES), 'utf8')) as unknown;

interface TestsFile {
  policy: string;
  cases: { facts: Record<string, unknown>; at?: string; locale?: string; audience?: 'customer' | 'agent'; whyNot?: string }[];
}

let dir: string;
let raw: string;
let rewritten: string;
let built: typeof src;

beforeAll(async () => {
  const result = await esbuild.build({
    entryPoints: [new URL('../../src/index.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  raw = result.outputFiles[0]?.text ?? '';
  rewritten = asciiOnly(minifyDependencies(raw));
  dir = mkdtempSync(join(tmpdir(), 'because-build-'));
  const file = join(dir, 'index.mjs');
  writeFileSync(file, rewritten);
  built = (await import(pathToFileURL(file).href)) as typeof src;
}, 60_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the rewritten bundle (minified dependencies, ASCII)', () => {
  it('minifies the dependencies only, and is ASCII', () => {
    const parts = (code: string): Map<string, string> => {
      const out = new Map<string, string>();
      const headers = [...code.matchAll(/^\/\/ (?:src|node_modules|locales)\/\S*$/gm)];
      headers.forEach((m, i) => out.set(m[0], code.slice(m.index, headers[i + 1]?.index ?? code.length)));
      return out;
    };
    const [before, after] = [parts(raw), parts(rewritten)];
    expect([...after.keys()]).toEqual([...before.keys()]);
    let shrunk = 0;
    for (const [header, text] of before) {
      if (header.startsWith('// node_modules/')) {
        if ((after.get(header) ?? '').length < text.length) shrunk++;
      } else {
        expect(after.get(header), header).toBe(asciiOnly(text));
      }
    }
    expect(shrunk).toBeGreaterThan(10);
    expect(rewritten.length).toBeLessThan(raw.length * 0.85);
    expect(/[^\x00-\x7f]/.test(rewritten)).toBe(false);
  });

  const testsFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.tests.json'));
  it.each(testsFiles)('explains and decides %s as src/ does', async (file) => {
    const tests = read(file) as TestsFile;
    const doc = read(tests.policy);
    const [a, b] = [src.definePolicy(doc), built.definePolicy(doc)];
    expect(b.hash).toBe(a.hash);
    for (const c of tests.cases) {
      const options = { at: c.at ?? '2026-03-01', ...(c.locale === undefined ? {} : { locale: c.locale }), ...(c.audience === undefined ? {} : { audience: c.audience }) };
      expect(JSON.stringify(await built.explain(b, c.facts, options))).toBe(JSON.stringify(await src.explain(a, c.facts, options)));
      const outcomes = Object.keys((doc as { outcomes: Record<string, unknown> }).outcomes);
      for (const whyNot of outcomes.slice(0, 2)) {
        const withWhyNot = { ...options, audience: 'agent' as const, whyNot };
        expect(JSON.stringify(await built.explain(b, c.facts, withWhyNot))).toBe(JSON.stringify(await src.explain(a, c.facts, withWhyNot)));
      }
      expect(JSON.stringify(await built.decide(b, c.facts, { at: options.at }))).toBe(JSON.stringify(await src.decide(a, c.facts, { at: options.at })));
    }
  });

  it('refuses a broken policy with the same issues, and keeps the same schemas', () => {
    const doc = read('refund.json') as Record<string, unknown>;
    const broken = { ...doc, id: 'Bad Id', extra: 1, rules: [{ name: '', conditions: { all: [{ fact: 'nope', operator: 'equal' }] }, event: { type: 'x' } }] };
    const issues = (define: typeof src.definePolicy): unknown => {
      try {
        define(broken);
        return 'accepted';
      } catch (error) {
        return (error as src.PolicyError).issues;
      }
    };
    expect(issues(built.definePolicy)).toEqual(issues(src.definePolicy));
    const options = { target: 'draft-7', unrepresentable: 'any' } as const;
    expect(z.toJSONSchema(built.PolicySchema, options)).toEqual(z.toJSONSchema(src.PolicySchema, options));
    expect(z.toJSONSchema(built.DecisionResultSchema, options)).toEqual(z.toJSONSchema(src.DecisionResultSchema, options));
  });
});
