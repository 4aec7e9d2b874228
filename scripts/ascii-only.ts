/**
 * `code` with every character outside ASCII written as a `\uXXXX` escape (one per UTF-16 code
 * unit, so a character outside the BMP becomes its surrogate pair).
 *
 * For the build (tsup.config.ts): esbuild already writes strings and templates in ASCII, but not
 * regular expression literals (render.ts has French vowels in one), and one such character makes
 * V8 read the whole module as a two-byte string: a slower decode on import and a slower parse,
 * then and for every function compiled later. The escape means the same character where esbuild
 * leaves one: in a regular expression literal (with or without the `u` flag; a surrogate pair
 * is one code point under `u`), a string or template (cooked), a comment. Not in the raw text of
 * a tagged template, which esbuild escapes itself; test/core/ascii-only.test.ts holds the
 * expressions of the source to the same matches.
 */
export function asciiOnly(code: string): string {
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
