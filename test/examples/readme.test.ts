import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain } from '../../src/index.js';

/** The README's example must print what the README says it prints. */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const example = /```ts\n(import \{ definePolicy, explain \} from 'because';[\s\S]*?)```/.exec(README)?.[1] ?? '';

describe('README example', () => {
  it('shows the outcome, text, citation and hash that explain gives for its facts', async () => {
    const facts = JSON.parse(
      (/^\s*(\{ daysSincePurchase.*\}),$/m.exec(example)?.[1] ?? '{}').replace(/(\w+):/g, '"$1":').replace(/'/g, '"'),
    ) as Record<string, unknown>;
    expect(Object.keys(facts)).toContain('daysSincePurchase');
    const policy = definePolicy(JSON.parse(readFileSync(new URL('../../rules-examples/refund.json', import.meta.url), 'utf8')));
    const result = await explain(policy, facts, { locale: 'en', at: '2026-03-01' });

    expect(example).toContain(`result.outcome;   // '${result.outcome}'`);
    expect(example).toContain(`result.decidedBy; // '${result.decidedBy}'`);
    const shownText = /result\.text;\n((?:\/\/.*\n)+)/.exec(example)?.[1]?.replace(/^\/\/ ?"?|"?$/gm, '').replace(/\n\s*/g, ' ').trim();
    expect(shownText).toBe(result.text);
    expect(example).toContain(`title: '${result.reasons[0]?.source?.title}'`);
    expect(example).toContain(`hash: '${result.policy.hash.slice(0, 8)}…'`);
  });
});
