import { readFileSync } from 'node:fs';
import { BUILT_IN_LOCALES } from '../../src/explain/render.js';

/**
 * Words that mark a language: the words of a built-in bundle that no other language's bundle
 * uses ("omdat", "weil", "parce", "because"). A text holding one of another language's is a mix.
 */

const languageOf = (locale: string): string => locale.split('-')[0] as string;

function stringsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  return Object.values(node as Record<string, unknown>).flatMap(stringsOf);
}

const wordsOf = (text: string): string[] =>
  text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}’']+/u)
    .map((w) => w.replace(/^.*[’']/, ''))
    .filter((w) => w.length >= 3);

const bundleWords = new Map<string, Set<string>>();
for (const locale of BUILT_IN_LOCALES) {
  const language = languageOf(locale);
  const words = bundleWords.get(language) ?? new Set<string>();
  const bundle = JSON.parse(readFileSync(new URL(`../../locales/${locale}/because.json`, import.meta.url), 'utf8')) as unknown;
  for (const s of stringsOf(bundle)) for (const w of wordsOf(s)) words.add(w);
  bundleWords.set(language, words);
}

/** Per language, the words only its bundle uses. */
export const MARKERS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [...bundleWords].map(([language, words]) => [
    language,
    new Set([...words].filter((w) => [...bundleWords].every(([other, o]) => other === language || !o.has(w)))),
  ]),
);

/** Words that are words in more than one of these languages ("die" in Dutch and German, "question" in English and French) or names ("Plus"). */
const SHARED = new Set(['die', 'was', 'plus', 'question', 'minute', 'minutes', 'service', 'type', 'total', 'information', 'date']);

/** The words of `text` that mark a language other than `locale`'s: empty for a text in one language. */
export function foreignWords(text: string, locale: string): string[] {
  const own = languageOf(locale);
  const ownWords = bundleWords.get(own) ?? new Set<string>();
  return wordsOf(text).filter((w) => !ownWords.has(w) && !SHARED.has(w) && [...MARKERS].some(([language, markers]) => language !== own && markers.has(w)));
}
