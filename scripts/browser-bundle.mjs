// Bundles the core entry point (src/index.ts) for browsers and edge runtimes with esbuild:
// platform 'browser', ESM, minified, every dependency inlined. It fails when anything in the
// bundle reaches for a Node builtin (`node:fs`, `crypto`, `events`, …), because the contract
// promises that the core runs where bots run.
//
//   node scripts/browser-bundle.mjs            # writes the bundle to a temp dir, prints its path
//   node scripts/browser-bundle.mjs --outdir d # writes it to d/because.browser.js
//
// `buildBrowserBundle()` is what scripts/size.mjs and test/browser/*.test.ts use.
import { builtinModules } from 'node:module';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ENTRY = join(ROOT, 'src/index.ts');
export const BUNDLE_NAME = 'because.browser.js';

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, name.split('/')[0]]));

/** True when `specifier` names a Node builtin: `node:…`, `fs`, `fs/promises`, `events`, … */
export function isNodeBuiltin(specifier) {
  if (specifier.startsWith('node:')) return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/**
 * Stops resolution of any Node builtin before esbuild can swap it for an empty module through a
 * package's "browser" field: such an import is a bug in the core, wherever it hides.
 */
const forbidNodeBuiltins = {
  name: 'forbid-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !isNodeBuiltin(args.path)) return undefined;
      return { errors: [{ text: `the browser bundle must not import the Node builtin "${args.path}" (imported by ${args.importer || '?'})` }] };
    });
  },
};

/**
 * Lists every Node builtin the metafile shows: an input named after one (`node:…`, `(disabled):…`)
 * or an import of one. Empty for a clean bundle.
 */
export function nodeBuiltinsIn(metafile) {
  const found = [];
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (input.startsWith('node:') || input.startsWith('(disabled):') || isNodeBuiltin(input)) found.push(input);
    for (const imported of imports) {
      if (isNodeBuiltin(imported.original ?? imported.path) || isNodeBuiltin(imported.path) || imported.external) {
        found.push(`${input} -> ${imported.original ?? imported.path}`);
      }
    }
  }
  return found;
}

/**
 * Builds the browser bundle. Throws when esbuild fails or the bundle touches a Node builtin.
 * @param {{ minify?: boolean, outdir?: string, entry?: string }} [options] `outdir` defaults to a
 *   fresh temp dir; `entry` to src/index.ts (the tests bundle other entries to prove the guard).
 * @returns {Promise<{ file: string, code: string, bytes: Uint8Array, metafile: import('esbuild').Metafile }>}
 */
export async function buildBrowserBundle({ minify = true, outdir, entry = ENTRY } = {}) {
  const dir = outdir ? resolve(outdir) : mkdtempSync(join(tmpdir(), 'because-browser-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, BUNDLE_NAME);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [forbidNodeBuiltins],
  });
  const builtins = nodeBuiltinsIn(result.metafile);
  if (builtins.length > 0) {
    throw new Error(`the browser bundle reaches Node builtins:\n  ${builtins.join('\n  ')}`);
  }
  const output = result.outputFiles.find((out) => out.path === file);
  if (!output) throw new Error(`esbuild wrote no ${BUNDLE_NAME}`);
  writeFileSync(file, output.contents);
  return { file, code: output.text, bytes: output.contents, metafile: result.metafile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at >= 0 ? process.argv[at + 1] : undefined;
  try {
    const { file, bytes } = await buildBrowserBundle(outdir ? { outdir } : {});
    console.log(`${file} (${bytes.length} bytes)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
