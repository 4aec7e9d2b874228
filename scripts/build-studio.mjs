// Builds the page of `because studio` with esbuild, beside its HTML and CSS: src/studio/studio.ts
// (the page, the core it evaluates, the editor and lint) as studio.js, and src/studio/site.ts (no
// editor) as site.js, which `because studio --export` copies as the exported site's studio.js.
// Each is one minified classic script (an IIFE: an exported site works from file://, where module
// scripts are refused). `npm run build` writes them to dist/studio/, where the CLI finds them.
//
//   node scripts/build-studio.mjs            # writes dist/studio/
//   node scripts/build-studio.mjs --outdir d # writes d/
//
// `buildStudio()` is what test/studio/*.test.ts use.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src/studio');
/** The files of the page, as the studio server serves them. */
export const STUDIO_ASSETS = ['index.html', 'studio.js', 'site.js', 'studio.css'];

/**
 * Builds the page into `outdir` (default dist/studio). Throws when esbuild fails.
 * @param {{ outdir?: string, minify?: boolean }} [options]
 * @returns {Promise<{ outdir: string, sizes: Record<string, { bytes: number, gzip: number }> }>} each script's size, minified and gzipped
 */
export async function buildStudio({ outdir = join(ROOT, 'dist/studio'), minify = true } = {}) {
  const dir = resolve(outdir);
  mkdirSync(dir, { recursive: true });
  const sizes = {};
  for (const [entry, out] of [['studio.ts', 'studio.js'], ['site.ts', 'site.js']]) {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [join(SRC, entry)],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      minify,
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
      outfile: join(dir, out),
    });
    const [js] = result.outputFiles;
    if (js === undefined) throw new Error(`esbuild wrote no ${out}`);
    writeFileSync(join(dir, out), js.contents);
    sizes[out] = { bytes: js.contents.length, gzip: gzipSync(js.contents, { level: 9 }).length };
  }
  copyFileSync(join(SRC, 'index.html'), join(dir, 'index.html'));
  copyFileSync(join(SRC, 'studio.css'), join(dir, 'studio.css'));
  return { outdir: dir, sizes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  try {
    const { outdir, sizes } = await buildStudio(at >= 0 ? { outdir: process.argv[at + 1] } : {});
    for (const [name, { bytes, gzip }] of Object.entries(sizes)) console.log(`${outdir}/${name}: ${bytes} bytes, ${gzip} gzipped`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
