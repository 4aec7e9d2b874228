import { defineConfig, type Options } from 'tsup';
import { asciiOnly } from './scripts/ascii-only.js';
import { minifyDependencies } from './scripts/minify-dependencies.js';

/**
 * Each chunk as V8 reads it fastest on import (it parses every byte of a module): the bundled
 * dependencies minified (scripts/minify-dependencies.ts; i18next and zod were two fifths of the
 * main chunks), and every character in ASCII (scripts/ascii-only.ts: a module with one other
 * character is decoded and parsed as two-byte text). `because`'s own code is left unminified.
 */
const readyToLoad: NonNullable<Options['plugins']>[number] = {
  name: 'ready-to-load',
  renderChunk(code, chunk) {
    if (!/\.c?js$/.test(chunk.path)) return undefined;
    const out = asciiOnly(minifyDependencies(code));
    return out === code ? undefined : { code: out };
  },
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    authoring: 'src/authoring/index.ts',
    tool: 'src/adapters/tool.ts',
    mcp: 'src/adapters/mcp.ts',
    'ai-sdk': 'src/adapters/ai-sdk.ts',
    openai: 'src/adapters/openai.ts',
    'openai-agents': 'src/adapters/openai-agents.ts',
    anthropic: 'src/adapters/anthropic.ts',
    gemini: 'src/adapters/gemini.ts',
    langchain: 'src/adapters/langchain.ts',
    node: 'src/node/index.ts',
    'mcp-server': 'src/node/mcp-server.ts',
    // the worker threads of `because replay`, found beside the CLI at run time
    'replay-worker': 'src/node/replay-worker.ts',
    cli: 'src/node/cli.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps in the package: see the commit "Package: prepack builds; no source maps".
  sourcemap: false,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // zod is bundled, tree-shaken and minified (as every bundled dependency: see readyToLoad
  // above): its package entry loads some hundred files (every error locale) on import, most of
  // a cold start. Schemas from this copy work with the host's zod
  // (zod 4 reads `_zod`, and keeps its registry on globalThis); see docs/performance.md.
  // The core's other dependencies are bundled too: each file Node loads on its own costs a
  // resolution (package.json lookups, exports maps) and, for CommonJS, a lexing pass, and these
  // are some fifteen small files (json-rules-engine's operator map, @noble/hashes, canonicalize)
  // plus i18next, about a third of the import. None of them crosses the public API (a policy's
  // i18next instance is private; operators are taken as plain objects), so a host's own copy is
  // never confused with ours.
  noExternal: ['zod', 'i18next', '@noble/hashes', 'canonicalize', /^json-rules-engine\/dist\//],
  plugins: [readyToLoad],
});
