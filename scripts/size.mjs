// `npm run size`: the size of the core for a browser or an edge runtime, as a bot widget ships it:
// bundled, minified and gzipped (level 9). Prints the sizes and the inputs that weigh most, and
// exits 1 when the gzipped bundle is over budget or touches a Node builtin.
//
//   node scripts/size.mjs [--budget KiB] [--top N] [--json]
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBrowserBundle } from './browser-bundle.mjs';

/** The budget for the minified, gzipped core, in KiB: a ratchet on the 76.1 measured; the goal is 40 (issue 16, docs/performance.md). */
export const BUDGET_KIB = 77;

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? Number(process.argv[at + 1]) : fallback;
};
const budgetKiB = arg('--budget', BUDGET_KIB);
const top = arg('--top', 10);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** `node_modules/@scope/name/…` → `@scope/name`, `node_modules/name/…` → `name`, else `src`. */
const packageOf = (input) => {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return input.startsWith('src/') ? '(src)' : input;
  return parts[at + 1]?.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
};

let min;
let raw;
try {
  raw = await buildBrowserBundle({ minify: false });
  min = await buildBrowserBundle({ minify: true });
} catch (error) {
  console.error(`size: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
for (const built of [raw, min]) rmSync(dirname(built.file), { recursive: true, force: true });

const gzip = gzipSync(min.bytes, { level: 9 }).length;
const output = Object.values(min.metafile.outputs)[0];
const inputs = Object.entries(output?.inputs ?? {})
  .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
  .sort((a, b) => b.bytes - a.bytes);
const packages = new Map();
for (const { path, bytes } of inputs) packages.set(packageOf(path), (packages.get(packageOf(path)) ?? 0) + bytes);
const byPackage = [...packages].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
const over = gzip > budgetKiB * 1024;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ raw: raw.bytes.length, min: min.bytes.length, gzip, budget: budgetKiB * 1024, over, top: inputs.slice(0, top), packages: byPackage }, null, 2));
} else {
  console.log('because core (src/index.ts) for browsers and edge runtimes: esbuild, platform browser, esm');
  console.log(`  raw (bundled)    ${kib(raw.bytes.length).padStart(10)}`);
  console.log(`  minified         ${kib(min.bytes.length).padStart(10)}`);
  console.log(`  minified + gzip  ${kib(gzip).padStart(10)}   budget ${budgetKiB} KiB${over ? '  OVER' : ''}`);
  console.log(`\ntop ${top} inputs by minified bytes in the bundle:`);
  for (const { path, bytes } of inputs.slice(0, top)) console.log(`  ${kib(bytes).padStart(10)}  ${path}`);
  console.log('\nby package:');
  for (const { name, bytes } of byPackage) console.log(`  ${kib(bytes).padStart(10)}  ${name}`);
}
// What has put the core over budget before, and the change in src/ that took it out.
const HINTS = [
  [/node_modules\/zod\/v4\/locales\//, "zod's 40-odd error locales are in: some module reads the `z.core` (or `z.locales`) namespace as a value, e.g. `z.core.clone(…)`; call the function by its own name (`z.clone(…)`) so esbuild can drop the rest"],
  [/node_modules\/(eventemitter2|jsonpath-plus|hash-it|clone)\//, "json-rules-engine's whole Engine is in (eventemitter2, jsonpath-plus, hash-it, clone): a value import of 'json-rules-engine' pulls all of it, while the core only needs its operator map"],
];
const hints = HINTS.filter(([pattern]) => inputs.some(({ path }) => pattern.test(path))).map(([, hint]) => hint);
if (hints.length > 0 && !process.argv.includes('--json')) {
  console.log('\nwhy it is heavy:');
  for (const hint of hints) console.log(`  - ${hint}`);
}
if (over) {
  console.error(`\nsize: the gzipped core is ${kib(gzip)}, over its budget of ${budgetKiB} KiB`);
  process.exit(1);
}
