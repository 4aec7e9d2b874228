// Builds the page of `because studio` with esbuild: src/studio/main.ts (with the core it
// evaluates in the page) as one minified classic script (an IIFE, so an exported site works from
// file://, where module scripts are refused), beside its HTML and CSS. `npm run build` writes it
// to dist/studio/, where the CLI finds it.
//
//   node scripts/build-studio.mjs            # writes dist/studio/
//   node scripts/build-studio.mjs --outdir d # writes d/
//
// `buildStudio()` is what test/studio/*.test.ts use.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src/studio');
/** The files of the page, as the studio server serves them. */
export const STUDIO_ASSETS = ['index.html', 'studio.js', 'studio.css'];

/**
 * Builds the page into `outdir` (default dist/studio). Throws when esbuild fails.
 * @param {{ outdir?: string, minify?: boolean }} [options]
 * @returns {Promise<{ outdir: string, bytes: number }>} `bytes`: the size of studio.js
 */
export async function buildStudio({ outdir = join(ROOT, 'dist/studio'), minify = true } = {}) {
  const dir = resolve(outdir);
  mkdirSync(dir, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [join(SRC, 'main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    outfile: join(dir, 'studio.js'),
  });
  const [js] = result.outputFiles;
  if (js === undefined) throw new Error('esbuild wrote no studio.js');
  writeFileSync(join(dir, 'studio.js'), js.contents);
  copyFileSync(join(SRC, 'index.html'), join(dir, 'index.html'));
  copyFileSync(join(SRC, 'studio.css'), join(dir, 'studio.css'));
  return { outdir: dir, bytes: js.contents.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  try {
    const { outdir, bytes } = await buildStudio(at >= 0 ? { outdir: process.argv[at + 1] } : {});
    console.log(`${outdir}/studio.js (${bytes} bytes)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
