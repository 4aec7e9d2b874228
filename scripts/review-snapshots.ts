// `npm run review:update`: writes the review snapshot of every example policy,
// rules-examples/<name>.review.md, as `because review <name>.json --snapshot …` would.
// Run it after changing a text (of a policy or a built-in locale), then read the diff.
import { readdirSync } from 'node:fs';
import { main } from '../src/node/cli.js';
import { reviewFileFor } from '../src/node/index.js';

const dir = 'rules-examples';
let code = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json')).sort()) {
  const policy = `${dir}/${file}`;
  code = Math.max(code, await main(['review', policy, '--snapshot', reviewFileFor(policy)]));
}
process.exitCode = code;
