// `npm run demo`: explains three refund decisions from rules-examples/refund.json, in English
// and Dutch, with the package as built in dist/.
import { readFileSync } from 'node:fs';
import { definePolicy, explain } from '../dist/index.js';

const policy = definePolicy(JSON.parse(readFileSync(new URL('../rules-examples/refund.json', import.meta.url), 'utf8')));
const cases = [
  {
    title: 'Returned after 45 days',
    facts: { daysSincePurchase: 45, orderTotal: 79.95, loyaltyTier: 'none', finalSale: false, hygieneSealBroken: false, damagedOnArrival: false },
  },
  {
    title: 'Gold member, a large order after 40 days',
    facts: { daysSincePurchase: 40, orderTotal: 1249.5, loyaltyTier: 'gold', finalSale: false, hygieneSealBroken: false, damagedOnArrival: false },
  },
  { title: 'Only the purchase date is known', facts: { daysSincePurchase: 12 } },
];

for (const { title, facts } of cases) {
  console.log(`\n=== ${title}: ${JSON.stringify(facts)}`);
  for (const locale of ['en', 'nl']) {
    const result = await explain(policy, facts, { locale, at: '2026-03-01' });
    console.log(`\n[${locale}] ${result.outcome}${result.decidedBy ? ` (rule ${result.decidedBy})` : ''}`);
    console.log(`  ${result.text}`);
    for (const reason of result.reasons) if (reason.source) console.log(`  source: ${reason.source.title}${reason.source.url ? ` <${reason.source.url}>` : ''}`);
    for (const m of result.missing) console.log(`  ? ${m.question}`);
    console.log(`  ${result.disclosure}`);
  }
}
console.log(`\npolicy ${policy.id}@${policy.version} sha-256 ${policy.hash}`);
