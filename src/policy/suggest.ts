/** Did-you-mean suggestions for names written by hand. */

/**
 * Operator names other rule languages use, with json-rules-engine's own: `greaterThanOrEqual`
 * is too far from `greaterThanInclusive` for an edit distance to find it.
 * @internal
 */
export const OPERATOR_ALIASES: Readonly<Record<string, string>> = {
  greaterThanOrEqual: 'greaterThanInclusive',
  greaterThanOrEqualTo: 'greaterThanInclusive',
  greaterOrEqual: 'greaterThanInclusive',
  gte: 'greaterThanInclusive',
  '>=': 'greaterThanInclusive',
  lessThanOrEqual: 'lessThanInclusive',
  lessThanOrEqualTo: 'lessThanInclusive',
  lessOrEqual: 'lessThanInclusive',
  lte: 'lessThanInclusive',
  '<=': 'lessThanInclusive',
  gt: 'greaterThan',
  '>': 'greaterThan',
  lt: 'lessThan',
  '<': 'lessThan',
  eq: 'equal',
  equals: 'equal',
  '==': 'equal',
  '===': 'equal',
  ne: 'notEqual',
  neq: 'notEqual',
  '!=': 'notEqual',
  '!==': 'notEqual',
  isIn: 'in',
  oneOf: 'in',
  notOneOf: 'notIn',
  includes: 'contains',
  notContains: 'doesNotContain',
  doesNotInclude: 'doesNotContain',
};

/**
 * The candidate closest to `word` when it is close enough to be a slip of the keyboard:
 * case-insensitive edit distance (with transpositions) of at most a third of the word, and at
 * most 3. The first of equally close candidates wins.
 * @internal
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Damerau-Levenshtein distance (optimal string alignment) between two short strings. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  if (a.length > 64 || b.length > 64) return a === b ? 0 : Infinity;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * A word with its indefinite article, as a message says it: "an integer", "a string", "an array".
 * @internal
 */
export function article(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
