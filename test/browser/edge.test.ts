import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionResult } from '../../src/index.js';
import {
  buildBundle,
  bundleScript,
  DENIED_FACTS,
  DENIED_OPTIONS,
  dutchReturnPeriodReason,
  nodeCryptoHash,
  nodeReference,
  REFUND,
  type BrowserBundle,
} from './bundle.js';

/**
 * The core as an edge runtime runs it: the browser bundle loaded as an ES module into a fresh
 * realm (node:vm) that has web globals only: no `process`, `require`, `Buffer`, `global`. It must
 * import nothing, evaluate, and explain a refund case exactly as src/ does in Node.
 */

interface EdgeRun {
  ok: boolean;
  error?: string;
  imports: string[];
  probe: Record<string, string> | null;
  console: { level: string; text: string }[];
  hash?: string;
  result?: DecisionResult;
}

const RUNNER = fileURLToPath(new URL('./edge-runner.mjs', import.meta.url));

function runAtTheEdge(file: string, request: unknown): Promise<EdgeRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--experimental-vm-modules', '--no-warnings', RUNNER, file],
      { timeout: 30_000, maxBuffer: 16 * 1024 * 1024, env: {} },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`edge runner failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as EdgeRun);
      },
    );
    child.stdin?.end(JSON.stringify(request));
  });
}

let bundle: BrowserBundle;
beforeAll(async () => {
  bundle = await buildBundle();
});
afterAll(() => {
  if (bundle) rmSync(dirname(bundle.file), { recursive: true, force: true });
});

describe('the browser bundle', () => {
  it('reaches no Node builtin, by the metafile', async () => {
    const { nodeBuiltinsIn } = await bundleScript();
    expect(nodeBuiltinsIn(bundle.metafile)).toEqual([]);
    expect(Object.keys(bundle.metafile.inputs)).toContain('src/index.ts');
  });

  it('is one self-contained ES module: no import statement left', () => {
    expect(bundle.code).not.toMatch(/\bimport\s*(?:[\w{*][^;]*?\bfrom\s*)?["']/);
    expect(bundle.code).not.toMatch(/\bimport\(\s*["']/);
    expect(bundle.code).not.toMatch(/["']node:/);
  });

  it.each([
    ["import { createHash } from 'node:crypto'; export const h = createHash('sha256');", 'node:crypto'],
    ["import { EventEmitter } from 'events'; export const e = new EventEmitter();", 'events'],
    ["export const read = () => import('fs/promises');", 'fs/promises'],
  ])('refuses an entry that imports a Node builtin: %s', async (source, builtin) => {
    const { buildBrowserBundle } = await bundleScript();
    const dir = mkdtempSync(join(tmpdir(), 'because-guard-'));
    try {
      const entry = join(dir, 'entry.js');
      writeFileSync(entry, source);
      await expect(buildBrowserBundle({ entry, outdir: join(dir, 'out') })).rejects.toThrow(`must not import the Node builtin "${builtin}"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the builtin guard recognises what it must refuse', async () => {
    const { isNodeBuiltin } = await bundleScript();
    for (const name of ['node:crypto', 'crypto', 'fs/promises', 'events', 'node:zlib']) expect(isNodeBuiltin(name), name).toBe(true);
    for (const name of ['i18next', 'zod/mini', '@noble/hashes/sha2', 'eventemitter2']) expect(isNodeBuiltin(name), name).toBe(false);
  });
});

describe('at the edge: a fresh realm with web globals only', () => {
  it('explains the refund case exactly as Node does, with the same policy hash', async () => {
    const run = await runAtTheEdge(bundle.file, { policy: REFUND, facts: DENIED_FACTS, options: DENIED_OPTIONS });
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    // The realm really lacked Node's globals, so nothing could have leaned on them.
    expect(run.probe).toEqual({
      process: 'undefined',
      require: 'undefined',
      Buffer: 'undefined',
      global: 'undefined',
      setImmediate: 'undefined',
      module: 'undefined',
      exports: 'undefined',
      __dirname: 'undefined',
    });
    expect(run.imports).toEqual([]);
    expect(run.console).toEqual([]);

    const node = await nodeReference();
    expect(run.result?.outcome).toBe('deny');
    expect(run.result?.decidedBy).toBe('outside-return-period');
    expect(run.result?.locale).toBe('nl');
    expect(run.result?.text).toContain('30 dagen');
    expect(run.result?.text).toContain(dutchReturnPeriodReason());
    expect(run.hash).toBe(nodeCryptoHash(REFUND));
    expect(run.hash).toBe(node.hash);
    expect(run.result).toEqual(JSON.parse(JSON.stringify(node.result)));
  });

  it('rejects bad facts with FactsError there too, not a TypeError', async () => {
    const run = await runAtTheEdge(bundle.file, {
      policy: REFUND,
      facts: { ...DENIED_FACTS, daysSincePurchase: 'forty-five' },
      options: DENIED_OPTIONS,
    });
    expect(run.ok).toBe(false);
    expect(run.error).toMatch(/^FactsError/);
    expect(run.error).toContain('daysSincePurchase');
  });
});
