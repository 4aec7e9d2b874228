import { formatPath } from '../../errors.js';
import { policyTexts } from '../../policy/check.js';
import type { Text } from '../../policy/schema.js';
import type { LintRuleContext, RuleFinding } from './rule.js';

/** B1 guidance: sentences of about 20 words on average, none over 30. */
export const MAX_AVERAGE_WORDS = 20;
export const MAX_SENTENCE_WORDS = 30;

/**
 * Signs that a short text is a clause, per language: a finite verb or auxiliary, a personal
 * pronoun as its subject, and, where a subordinate clause puts its verb last (Dutch, German), a
 * last word that looks like a verb. A reason with none of them is a bare noun phrase ("final
 * sale") rather than a clause ("the item was bought in a final sale"). A heuristic for the
 * obvious cases: it only looks at short texts, where a missing verb is telling.
 */
const CLAUSE_WORDS: Readonly<Record<string, RegExp>> = {
  en: /^(?:is|are|was|were|be|been|has|have|had|can|cannot|can’t|can't|could|will|would|shall|should|do|does|did|must|may|might|need|needs|applies|apply|\w+ed|\w+n’t|\w+n't|you|we|it|they|he|she|there|i)$/i,
  nl: /^(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|hebt|had|kan|kunnen|kon|mag|mogen|moet|moeten|wil|zal|zou|gaat|staat|ligt|komt|geldt|bent|ben|u|we|wij|het|er|hij|zij|ze|ik)$/i,
  de: /^(?:ist|sind|war|waren|wird|werden|wurde|wurden|hat|haben|hatte|kann|können|konnte|darf|muss|müssen|soll|will|liegt|gibt|fehlt|gilt|gelten|sie|wir|es|er|ich|man)$/i,
  fr: /^(?:est|sont|était|étaient|a|ont|avait|avez|avons|êtes|sommes|peut|peuvent|doit|doivent|sera|serait|fait|font|va|vont|vous|nous|il|ils|elle|elles|on|je|\p{L}+’(?:est|a|ont|y))$/iu,
};
/** Dutch and German subordinate clauses end on the verb. */
const VERB_LAST: Readonly<Record<string, RegExp>> = { nl: /(?:t|en|d)$/i, de: /(?:t|en|n)$/i };

/** Short texts only: beyond this many words, a verb list cannot tell a clause from a phrase. */
const NOUN_PHRASE_WORDS = 5;

const wordsOf = (sentence: string): string[] => sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** The sentences of a text, placeholders counted as one word each. */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\{\{[^{}]*\}\}/g, 'X')
    .split(/(?<=[.!?…])\s+(?=[\p{Lu}\p{N}“„«"(])/u)
    .map((s) => s.trim())
    .filter((s) => wordsOf(s).length > 0);
}

/** What is not plain about one text in one language, or `undefined`. */
export function notPlain(text: string, locale: string, clause: boolean): string | undefined {
  const sentences = sentencesOf(text);
  const counts = sentences.map((s) => wordsOf(s).length);
  const longest = Math.max(0, ...counts);
  const average = counts.length === 0 ? 0 : counts.reduce((a, b) => a + b, 0) / counts.length;
  if (longest > MAX_SENTENCE_WORDS) return `a sentence of ${longest} words; B1 plain language keeps every sentence under ${MAX_SENTENCE_WORDS + 1} words. Split it.`;
  if (average > MAX_AVERAGE_WORDS) return `sentences of ${Math.round(average)} words on average; B1 plain language keeps them to about ${MAX_AVERAGE_WORDS}. Split them.`;
  if (!clause) return undefined;
  const trimmed = text.trim();
  const language = locale.split('-')[0] ?? locale;
  if (/[.!?]$/.test(trimmed) && !trimmed.endsWith('...')) return 'it ends with a full stop, but the sentence around it ("… because {reason}.") adds its own. Write the reason as a clause without the final stop.';
  // German writes every noun with a capital: a capital says nothing there.
  if (language !== 'de' && /^\p{Lu}\p{Ll}/u.test(trimmed)) return `it starts with a capital ("${trimmed.split(/\s/)[0] ?? ''}"), but it follows "because" in the middle of a sentence. Write it as a clause in lower case.`;
  const words = wordsOf(trimmed).map((w) => w.replace(/[^\p{L}’']/gu, ''));
  const signs = CLAUSE_WORDS[language];
  const last = VERB_LAST[language];
  const clauseLike = signs === undefined || words.some((w) => signs.test(w)) || (last !== undefined && last.test(words[words.length - 1] ?? ''));
  if (words.length <= NOUN_PHRASE_WORDS && !clauseLike) {
    return `"${trimmed}" reads as a name, not a clause; the customer reads it after "because". Say what happened: "the item arrived damaged", not "damaged on arrival".`;
  }
  return undefined;
}

/**
 * `text_not_plain`: a customer text above B1 plain-language guidance, in any of its languages: a
 * sentence over 30 words, or sentences of over 20 words on average. Reasons and statements
 * (`because`, `says`, `confidentialReason`) are also checked to be clauses: not a capital at
 * the start (except in German), no full stop at the end, and not a bare noun phrase (a short
 * text without a verb: see {@link CLAUSE_WORDS}).
 * @internal
 */
export function textNotPlain({ document: doc }: LintRuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const { text, path } of policyTexts(doc)) {
    const kind = customerKind(path);
    if (kind === undefined) continue;
    // An internal fact's statements never reach a customer.
    if (path[0] === 'facts' && doc.facts[path[1] as string]?.internal === true) continue;
    for (const [locale, source] of entries(text)) {
      const problem = notPlain(source, locale, kind === 'clause');
      if (problem === undefined) continue;
      out.push({
        code: 'text_not_plain',
        ...(path[0] === 'rules' ? { rule: doc.rules[path[1] as number]?.name as string } : {}),
        path: formatPath(locale === '' ? path : [...path, locale]),
        message: `This customer text is not plain: ${problem}`,
      });
    }
  }
  return out;
}

/** Which customer texts are checked, and which of them are clauses. */
function customerKind(path: readonly (string | number)[]): 'clause' | 'text' | undefined {
  const [section, , field] = path;
  if (section === 'rules' && field === 'because') return 'clause';
  if (section === 'facts' && field === 'says') return 'clause';
  if (section === 'texts' && path[1] === 'confidentialReason') return 'clause';
  if (section === 'facts' && field === 'question') return 'text';
  if (section === 'outcomes' && field === 'message') return 'text';
  return undefined;
}

function entries(text: Text): [string, string][] {
  return typeof text === 'string' ? [['', text]] : Object.entries(text);
}
