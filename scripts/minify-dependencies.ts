import { transformSync } from 'esbuild';

/** A bundled module's header, as esbuild writes it before the module's code in a chunk. */
const HEADER = /^\/\/ (?:src|node_modules|locales)\/\S*$/gm;

/**
 * `code` (an output chunk of the build) with the code of the dependencies it bundles minified:
 * each part under a `// node_modules/…` header, up to the next header, is rewritten by esbuild
 * (white space, syntax, local names; top-level names are kept, so the rest of the chunk still
 * finds them; legal comments are kept). `because`'s own code, and the locales, are left as they
 * are, with their names and TSDoc. A part esbuild cannot read alone is left as it is.
 */
export function minifyDependencies(code: string): string {
  const starts = [...code.matchAll(HEADER)].map((m) => m.index);
  if (starts.length === 0) return code;
  let out = code.slice(0, starts[0]);
  for (let i = 0; i < starts.length; i++) {
    const part = code.slice(starts[i], starts[i + 1] ?? code.length);
    out += part.startsWith('// node_modules/') ? minified(part) : part;
  }
  return out;
}

function minified(part: string): string {
  const newline = part.indexOf('\n');
  const [header, body] = [part.slice(0, newline + 1), part.slice(newline + 1)];
  try {
    const { code } = transformSync(body, { loader: 'js', minify: true, treeShaking: false, legalComments: 'inline', target: 'node20', charset: 'ascii' });
    return `${header}${code}`;
  } catch {
    return part;
  }
}
