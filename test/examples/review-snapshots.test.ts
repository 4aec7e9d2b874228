import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/index.js';
import { checkSnapshot } from '../../src/node/cli/review.js';
import { reviewFileFor } from '../../src/node/index.js';

/**
 * Every example policy has its review snapshot, `<name>.review.md`, and the policy still says
 * exactly what the snapshot holds: a changed text (of the policy or of a built-in locale) fails
 * here with a diff until the snapshots are written anew (`npm run review:update`) and the diff
 * is read and committed with the change.
 */

const dir = fileURLToPath(new URL('../../rules-examples/', import.meta.url));
const policies = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json')).sort();

describe('review snapshots of rules-examples', () => {
  it('finds the example policies', () => {
    expect(policies.length).toBeGreaterThanOrEqual(6);
  });

  it.each(policies)('%s matches its review snapshot', async (name) => {
    const file = reviewFileFor(`${dir}${name}`);
    expect(existsSync(file), `${name} has no review snapshot: run npm run review:update and commit ${file}`).toBe(true);
    const policy = definePolicy(JSON.parse(readFileSync(`${dir}${name}`, 'utf8')));
    const check = await checkSnapshot(policy, file, false, 'test');
    expect(check?.status, `${file} no longer matches what the policy says. If the new texts are right, run npm run review:update and commit the diff:\n${check?.diff ?? ''}`).toBe('match');
  }, 60_000);
});
