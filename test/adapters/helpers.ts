import { readdirSync, readFileSync } from 'node:fs';
import { definePolicy, type Policy } from '../../src/index.js';

/** The example policies' folder. */
export const EXAMPLES = new URL('../../rules-examples/', import.meta.url);

/** Every policy file in rules-examples/ (not the tests files), by file name. */
export function examplePolicyFiles(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json'))
    .sort();
}

/** Loads an example policy by file name. */
export function examplePolicy(file: string): Policy {
  return definePolicy(JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8')) as unknown);
}

/** Facts on which the refund policy declines: 45 days, outside the 30-day return period. */
export const REFUND_DENY = { daysSincePurchase: 45, orderTotal: 79.95, loyaltyTier: 'none', finalSale: false, hygieneSealBroken: false, damagedOnArrival: false };

/** The date the example policies are in force on. */
export const AT = '2026-03-01';
