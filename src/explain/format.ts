/**
 * Formatting caches for the renderer: what `Intl` gives for a value is pure, so a value's text
 * is kept per formatter once made, and a list is joined by the locale's pattern, read once from
 * `Intl.ListFormat#formatToParts`. test/explain/format.test.ts holds each fast path to `Intl`.
 * @internal
 */

/** The most values kept per formatter; past it the cache starts afresh (bounded memory). */
const MAX_CACHED = 1024;

const texts = new WeakMap<object, Map<number, string>>();

/**
 * `make()`, the text of `n` by the formatter `owner`, kept per `owner` and `n`. `-0` is never
 * cached (a `Map` does not tell it from `0`, a formatter may).
 * @internal
 */
export function memoNumber(owner: object, n: number, make: () => string): string {
  if (Object.is(n, -0)) return make();
  let known = texts.get(owner);
  if (known === undefined) {
    known = new Map();
    texts.set(owner, known);
  }
  return memoIn(known, n, make);
}

/**
 * `make()`, the text of `n`, kept in `known` (at most {@link MAX_CACHED} numbers; past it the
 * cache starts afresh). `-0` is never cached.
 * @internal
 */
export function memoIn(known: Map<number, string>, n: number, make: () => string): string {
  if (Object.is(n, -0)) return make();
  let text = known.get(n);
  if (text === undefined) {
    text = make();
    if (known.size >= MAX_CACHED) known.clear();
    known.set(n, text);
  }
  return text;
}

/** A join of a list: `items` as the locale writes them in a running text. */
export type ListJoin = (items: readonly string[]) => string;

/**
 * Languages whose list patterns do not depend on the items (Spanish writes "e" for "y" before
 * an "i", Hebrew and others attach the conjunction): only these join by the pattern read once.
 * The built-in locales' languages; `Intl.ListFormat` serves every other.
 */
const PATTERN_LANGUAGES: ReadonlySet<string> = new Set(['en', 'nl', 'de', 'fr']);

interface ListPattern {
  /** Literal text between the items of a two-item list. */
  readonly pair: string;
  /** Between the first two items of a longer list. */
  readonly start: string;
  /** Between two items in the middle. */
  readonly middle: string;
  /** Between the last two items. */
  readonly end: string;
}

/** The literals between the elements of `format.formatToParts(items)`; undefined when there is text around the list. */
function between(format: Intl.ListFormat, items: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let literal = '';
  let seen = 0;
  for (const part of format.formatToParts(items)) {
    if (part.type === 'literal') literal += part.value;
    else {
      if (seen > 0) out.push(literal);
      else if (literal !== '') return undefined;
      if (part.value !== items[seen]) return undefined;
      literal = '';
      seen++;
    }
  }
  return literal === '' && seen === items.length ? out : undefined;
}

function patternOf(format: Intl.ListFormat): ListPattern | undefined {
  const pair = between(format, ['\uE100', '\uE101']);
  const three = between(format, ['\uE100', '\uE101', '\uE102']);
  const four = between(format, ['\uE100', '\uE101', '\uE102', '\uE103']);
  if (pair?.length !== 1 || three?.length !== 2 || four?.length !== 3) return undefined;
  const [start, middle, end] = four as [string, string, string];
  if (three[0] !== start || three[1] !== end) return undefined;
  return { pair: pair[0] as string, start, middle, end };
}

const joins = new Map<string, Partial<Record<'conjunction' | 'disjunction', ListJoin>>>();

/**
 * How `locale` joins a list of type `type` (`long` style): by the pattern read once from `Intl`
 * where the language's pattern does not depend on the items, else through a cached
 * `Intl.ListFormat`.
 * @internal
 */
export function listJoin(locale: string, type: 'conjunction' | 'disjunction'): ListJoin {
  let byType = joins.get(locale);
  if (byType === undefined) {
    byType = {};
    joins.set(locale, byType);
  }
  let join = byType[type];
  if (join === undefined) {
    const format = new Intl.ListFormat(locale, { style: 'long', type });
    const language = format.resolvedOptions().locale.split('-')[0]?.toLowerCase() ?? '';
    const pattern = PATTERN_LANGUAGES.has(language) ? patternOf(format) : undefined;
    join = pattern === undefined ? (items) => format.format(items) : byPattern(pattern);
    byType[type] = join;
  }
  return join;
}

function byPattern({ pair, start, middle, end }: ListPattern): ListJoin {
  return (items) => {
    const n = items.length;
    if (n < 2) return items[0] ?? '';
    if (n === 2) return (items[0] as string) + pair + (items[1] as string);
    let out = (items[0] as string) + start + (items[1] as string);
    for (let i = 2; i < n - 1; i++) out += middle + (items[i] as string);
    return out + end + (items[n - 1] as string);
  };
}
