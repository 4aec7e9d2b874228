import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, loadTestsFile, readJsonFile } from '../../src/node/index.js';

/** The file loaders of `because/node` read what editors write, and refuse a key written twice. */

const dir = mkdtempSync(join(tmpdir(), 'because-loaders-'));
const refund = readFileSync(new URL('../../rules-examples/refund.json', import.meta.url), 'utf8');
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('because/node loaders', () => {
  it('accept a byte order mark at the start of a policy, facts or tests file', async () => {
    expect((await loadPolicy(write('bom.json', `\uFEFF${refund}`))).id).toBe('refund');
    expect(await readJsonFile(write('facts.json', '\uFEFF{"daysSincePurchase": 45}'))).toEqual({ daysSincePurchase: 45 });
    expect((await loadTestsFile(write('bom.tests.json', '\uFEFF{"policy": "./bom.json", "cases": []}'))).suite.cases).toEqual([]);
  });

  it.each<[string, (file: string) => Promise<unknown>, string, string]>([
    ['a policy', loadPolicy, refund.replace('"id": "refund",', '"id": "refund",\n  "id": "refunds",'), 'id'],
    ['a facts file', readJsonFile, '{"a": {"b": 1,\n "b": 2}}', 'a.b'],
    ['a tests file', loadTestsFile, '{"cases": [{"name": "x", "facts": {}, "facts": {}, "expect": {"outcome": "deny"}}]}', 'cases[0].facts'],
  ])('refuse a key written twice in %s, naming the file, the path and both places', async (_what, load, text, path) => {
    const file = write(`twice-${path}.json`, text);
    const error = (await load(file).then(() => undefined, (e: unknown) => e)) as { file: string; issues: { code: string; path: string; message: string }[] };
    expect(error.file).toBe(file);
    expect(error.issues).toEqual([{ code: 'duplicate_key', path, message: expect.stringMatching(/^".+" is written twice in the same object, at line \d+, column \d+ and at line \d+, column \d+;/) }]);
  });
});
