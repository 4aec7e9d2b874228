import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of `because`, from the package.json above this file (src/node, or dist once built).
 * @internal
 */
export function packageVersion(): string {
  // import.meta.url is missing in a CommonJS build; __dirname is missing in ESM.
  const here = typeof import.meta.url === 'string' ? dirname(fileURLToPath(import.meta.url)) : typeof __dirname === 'string' ? __dirname : process.cwd();
  for (const candidate of [join(here, '..', 'package.json'), join(here, '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'because' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next one
    }
  }
  return 'unknown';
}
