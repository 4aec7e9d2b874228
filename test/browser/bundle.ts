import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import { definePolicy, explain, type DecisionResult } from '../../src/index.js';

/**
 * What the browser and edge tests share: the bundle as scripts/browser-bundle.mjs builds it
 * (the very build `npm run size` measures), the refund case they explain, and what Node says
 * about that case through src/ directly.
 */

/** Where Debian's `chromium` package puts the browser; `BECAUSE_CHROMIUM` points elsewhere. */
export const CHROMIUM = process.env['BECAUSE_CHROMIUM'] ?? '/usr/bin/chromium';
/** The command that installs it (CI runs the same). */
export const CHROMIUM_INSTALL = 'apt-get update && apt-get install -y --no-install-recommends chromium';

/** The refund policy of rules-examples/, as JSON text and parsed. */
export const REFUND_TEXT = readFileSync(new URL('../../rules-examples/refund.json', import.meta.url), 'utf8');
export const REFUND = JSON.parse(REFUND_TEXT) as Record<string, unknown>;

/** Returned after 45 days, no loyalty tier: outside the return period of 30 days. */
export const DENIED_FACTS = {
  daysSincePurchase: 45,
  orderTotal: 80,
  loyaltyTier: 'none',
  finalSale: false,
  hygieneSealBroken: false,
  damagedOnArrival: false,
} as const;
export const DENIED_OPTIONS = { locale: 'nl', at: '2026-03-01' } as const;

/** The refund policy's own Dutch reason for that case, with its figure filled in. */
export function dutchReturnPeriodReason(): string {
  const rule = (REFUND['rules'] as { name: string; because?: Record<string, string> }[]).find(
    (r) => r.name === 'outside-return-period',
  );
  const template = rule?.because?.['nl'];
  if (template === undefined) throw new Error('rules-examples/refund.json: outside-return-period has no nl because text');
  const days = (REFUND['parameters'] as Record<string, { value: number }>)['returnPeriodDays']?.value;
  return template.replace('{{returnPeriodDays}}', String(days));
}

/** The policy hash computed with node:crypto: sha-256 of the canonical JSON without `$schema`. */
export function nodeCryptoHash(document: Record<string, unknown>): string {
  const { $schema: _ignored, ...rest } = document;
  const canonical = canonicalize(rest);
  if (canonical === undefined) throw new Error('policy does not canonicalize');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The same case explained by src/ in this Node process. */
export async function nodeReference(): Promise<{ hash: string; result: DecisionResult }> {
  const policy = definePolicy(REFUND);
  return { hash: policy.hash, result: await explain(policy, DENIED_FACTS, DENIED_OPTIONS) };
}

/** What scripts/browser-bundle.mjs returns. */
export interface BrowserBundle {
  readonly file: string;
  readonly code: string;
  readonly bytes: Uint8Array;
  readonly metafile: { inputs: Record<string, { bytes: number; imports: { path: string; original?: string }[] }> };
}
interface BundleScript {
  buildBrowserBundle(options?: { minify?: boolean; outdir?: string; entry?: string }): Promise<BrowserBundle>;
  nodeBuiltinsIn(metafile: BrowserBundle['metafile']): string[];
  isNodeBuiltin(specifier: string): boolean;
}

/** Loads scripts/browser-bundle.mjs (plain JS for `node scripts/…`, so typed here). */
export async function bundleScript(): Promise<BundleScript> {
  const specifier: string = new URL('../../scripts/browser-bundle.mjs', import.meta.url).href;
  return (await import(specifier)) as BundleScript;
}

/** Builds the minified browser bundle into a fresh temp dir. */
export async function buildBundle(): Promise<BrowserBundle> {
  return (await bundleScript()).buildBrowserBundle();
}
