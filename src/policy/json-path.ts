/**
 * The JSONPath subset a policy may use in a condition's `path`: a `$` root followed by member
 * names (`.name`, `['name']`) and array indices (`[0]`), a bracket also after a dot (`.[0]`, `.['a.b']`)
 * as json-rules-engine's own tests write it. No wildcards, filters, scripts, slices or
 * recursive descent, so nothing is evaluated and every path reads exactly one place.
 *
 * For these paths the result equals what json-rules-engine's default resolver (jsonpath-plus with
 * `wrap: false`) returns; the differential test in `test/core/differential.test.ts` holds us to that.
 * @internal
 */

/** A parsed path: its member names and indices, as strings. */
export type PathSegments = readonly string[];

const DOT_NAME = /^\.([A-Za-z_][A-Za-z0-9_-]*)/;
const INDEX = /^\[(0|[1-9][0-9]*)\]/;
const QUOTED = /^\[(?:'([^'\\[\]]*)'|"([^"\\[\]]*)")\]/;

/**
 * Parses `path`, or returns `undefined` when it is not a plain member/index path.
 * @internal
 */
export function parseJsonPath(path: string): PathSegments | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: string[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    // json-rules-engine's resolver (jsonpath-plus) reads `$.[0]` and `$.a.['b']` as `$[0]` and `$.a['b']`.
    if (rest.startsWith('.[')) rest = rest.slice(1);
    const m = DOT_NAME.exec(rest) ?? INDEX.exec(rest) ?? QUOTED.exec(rest);
    if (m === null) return undefined;
    const name = m[1] ?? m[2];
    if (name === undefined || name === '' || /[$@*?()~^]/.test(name)) return undefined;
    segments.push(name);
    rest = rest.slice(m[0].length);
  }
  return segments;
}

/**
 * Reads `segments` from `value` as json-rules-engine does: a value that is not an object is
 * returned unchanged; a missing member gives `undefined`.
 * @internal
 */
export function resolvePath(value: unknown, segments: PathSegments): unknown {
  if (value === null || typeof value !== 'object') return value;
  let current: unknown = value;
  for (const key of segments) {
    // jsonpath-plus steps only into truthy values that own the member.
    if (!current || !Object.hasOwn(current as object, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
