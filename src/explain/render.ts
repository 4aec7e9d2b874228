import i18next, { type i18n } from 'i18next';
import de from '../../locales/de/because.json';
import en from '../../locales/en/because.json';
import fr from '../../locales/fr/because.json';
import nlBE from '../../locales/nl-BE/because.json';
import nl from '../../locales/nl/because.json';
import { placeholders, policyTexts } from '../policy/check.js';
import type { PolicyInternals } from '../policy/define.js';
import { localeFallbacks } from '../policy/locale.js';
import { fillPhrase, phraseFor } from '../policy/custom-operators.js';
import type { FactDeclaration, JsonValue, OutcomeDeclaration, PolicyDocument, Subject, Text, Tone, Unit } from '../policy/schema.js';
import { REDACTED } from '../result/schema.js';
import type { Nameable, SayableLeaf, Showable } from './boundary.js';
import { listJoin, memoIn, memoNumber, type ListJoin } from './format.js';
import { compileTemplate, fillFromRecord, fillSaying, type Template } from './templates.js';

/**
 * Texts are produced last: everything before this module carries codes and values; here they
 * become sentences, through one private i18next instance per policy (never the host's global
 * one) and a `t` fixed to the call's locale (never `changeLanguage`). i18next picks each string
 * once per locale; templates.ts fills it in on every call.
 * @internal
 */

/** The locales `because` has built-in phrases for. */
export const BUILT_IN_LOCALES = ['en', 'nl', 'nl-BE', 'de', 'fr'] as const;
const BUILT_IN: Record<string, Record<string, unknown>> = { en, nl, 'nl-BE': nlBE, de, fr };

/** Lists longer than this are cut short in texts: "a, b, c, d and 96 more". */
const MAX_LISTED = 5;

/**
 * `prefix + suffix`, the same string object every time: a key made afresh on every call
 * (`condition.${op}`) is hashed afresh by every `Map` it looks up, a kept one only once. Kept
 * per prefix, at most {@link MAX_KEYS} of them in all (the names of a policy's outcomes,
 * operators, tones and subjects); past it the cache starts afresh.
 * @internal
 */
export function phraseKey(prefix: string, suffix: string): string {
  let bySuffix = phraseKeys.get(prefix);
  if (bySuffix === undefined) {
    bySuffix = new Map();
    phraseKeys.set(prefix, bySuffix);
  }
  let key = bySuffix.get(suffix);
  if (key === undefined) {
    if (++phraseKeyCount > MAX_KEYS) {
      phraseKeys.clear();
      phraseKeyCount = 1;
      phraseKeys.set(prefix, bySuffix);
      bySuffix.clear();
    }
    key = prefix + suffix;
    bySuffix.set(suffix, key);
  }
  return key;
}
const MAX_KEYS = 4096;
const phraseKeys = new Map<string, Map<string, string>>();
let phraseKeyCount = 0;

/** The phrased operators and their negations. */
const NEGATED: Readonly<Record<string, string>> = {
  equal: 'notEqual',
  notEqual: 'equal',
  lessThan: 'greaterThanInclusive',
  greaterThanInclusive: 'lessThan',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
  in: 'notIn',
  notIn: 'in',
  contains: 'doesNotContain',
  doesNotContain: 'contains',
};

/** `swap:op` compares the value with the fact: the operator as seen from the fact. */
const SWAPPED: Readonly<Record<string, string>> = {
  lessThan: 'greaterThan',
  greaterThan: 'lessThan',
  lessThanInclusive: 'greaterThanInclusive',
  greaterThanInclusive: 'lessThanInclusive',
  equal: 'equal',
  notEqual: 'notEqual',
  in: 'contains',
  contains: 'in',
  notIn: 'doesNotContain',
  doesNotContain: 'notIn',
};

/** A policy text compiled: its template (`null` when i18next renders it), and its text when it has no placeholders. */
interface CompiledText {
  readonly template: Template | null;
  readonly constant: string | undefined;
}

/** A policy text in one locale: see `entryOf` in {@link makeRenderer}. */
interface PolicyTextEntry {
  readonly source: string;
  readonly names: readonly string[];
  compiled: CompiledText | undefined;
}

/** Whether `values` has a value for each of `names`. */
function allKnown(names: readonly string[], values: TextValues): boolean {
  for (const n of names) if (values.has === undefined ? values.say(n, false) === undefined : !values.has(n)) return false;
  return true;
}

/** A condition's phrase with its subject and label filled in: literal text, the fact's value (`ACTUAL`) and the compared value (`VALUE`). */
interface Merged {
  readonly parts: readonly (string | typeof ACTUAL | typeof VALUE)[];
  /** Whether the fact's value is said. */
  readonly actual: boolean;
}
const ACTUAL = 0;
const VALUE = 1;

interface LeafPhrasing {
  readonly parsed: ParsedOperator;
  readonly valueInfo: ValueInfo | undefined;
  /** Whether the base operator is a custom one: phrased without a merged template. */
  readonly custom: boolean;
  /** Per negation (+1) and hidden value (+2): the merged template, `null` when i18next renders a part. */
  readonly merged: (Merged | null | undefined)[];
  /**
   * The value last compared with, and its text: a policy's constants are the same on every call
   * (the same value, the same frozen list), and so is their text.
   */
  expected: unknown;
  expectedText: string | undefined;
}

/**
 * `outer` (`condition.<op>`, filled with `{ subject, value }`, and `operator` for the generic
 * phrase) with `subject` (`condition.subject`, filled with `{ label, actual }`, or
 * `condition.subject_unknown` with `{ label }`) filled in where it names the subject, as `tr`
 * fills them one after the other: a value is inserted as it is, a name without a value keeps
 * its placeholder.
 */
function mergeCondition(outer: Template, subject: Template, label: string, operator: string | undefined, withActual: boolean): Merged {
  const parts: (string | typeof ACTUAL | typeof VALUE)[] = [];
  const push = (part: string | typeof ACTUAL | typeof VALUE): void => {
    const last = parts.length - 1;
    if (typeof part === 'string' && typeof parts[last] === 'string') parts[last] += part;
    else parts.push(part);
  };
  let actual = false;
  for (const part of outer) {
    if (typeof part === 'string') push(part);
    else if (part.name === 'subject') {
      for (const inner of subject) {
        if (typeof inner === 'string') push(inner);
        else if (inner.name === 'label') push(label);
        else if (inner.name === 'actual' && withActual) {
          push(ACTUAL);
          actual = true;
        } else push(inner.source);
      }
    } else if (part.name === 'value') push(VALUE);
    else if (part.name === 'operator' && operator !== undefined) push(operator);
    else push(part.source);
  }
  return { parts, actual };
}

function fillMerged(merged: Merged, actual: string, value: string): string {
  const { parts } = merged;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string | typeof ACTUAL | typeof VALUE;
    out += part === ACTUAL ? actual : part === VALUE ? value : part;
  }
  return out;
}

/** An operator with its decorators read: what `condition()` phrases of it. */
interface ParsedOperator {
  /** The base operator, as seen from the fact (`swap` applied). */
  readonly base: string;
  /** Whether it has decorators at all. */
  readonly decorated: boolean;
  /** Whether it is negated (an odd number of `not`). */
  readonly not: boolean;
  /** Whether every decorator is one that keeps the phrasing (`not`, `swap`, `someFact`…). */
  readonly plain: boolean;
  /** Whether every decorator is `not` (none counts). */
  readonly onlyNot: boolean;
  /** Whether `someValue` is among them. */
  readonly someValue: boolean;
}

function parseOperator(operator: string): ParsedOperator {
  const decorators = operator.split(':');
  let base = decorators.pop() ?? operator;
  let not = false;
  let plain = true;
  for (const decorator of decorators) {
    if (decorator === 'not') not = !not;
    else if (decorator === 'swap') base = SWAPPED[base] ?? base;
    else if (!['someFact', 'everyFact', 'someValue', 'everyValue'].includes(decorator)) plain = false;
  }
  return { base, decorated: decorators.length > 0, not, plain, onlyNot: decorators.every((d) => d === 'not'), someValue: decorators.includes('someValue') };
}

/** Operators read once each (a policy names few); bounded, as operator names are any string. */
const parsedOperators = new Map<string, ParsedOperator>();
function operatorOf(operator: string): ParsedOperator {
  let parsed = parsedOperators.get(operator);
  if (parsed === undefined) {
    parsed = parseOperator(operator);
    if (parsedOperators.size >= MAX_KEYS) parsedOperators.clear();
    parsedOperators.set(operator, parsed);
  }
  return parsed;
}

/**
 * French elides "que" and "si" before a vowel ("parce qu’un colis", "s’il"). A frame cannot
 * write the elision itself, since the reason it is filled with decides it; so it is done on the
 * finished sentence. Not before "oui" and "onze", nor before "h" (aspirated or not: unknowable).
 */
/** @internal */
export function elideFrench(text: string): string {
  // Each pattern needs its plain form ("que" before a vowel, "si il"): most sentences have
  // neither, and are left as they are.
  const que = QUE_BEFORE_VOWEL.test(text);
  const si = text.includes('i il');
  if (!que && !si) return text;
  let out = text;
  if (que) out = out.replace(/(?<![\p{L}\p{N}])((?:lors|puis)?[Qq]u)e (?!(?:oui|onze)(?![\p{L}]))(?=[aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÉÈÊÎÔŒ])/gu, '$1’');
  if (si) out = out.replace(/(?<![\p{L}\p{N}])([Ss])i (?=ils?(?![\p{L}]))/gu, '$1’');
  return out;
}
/** What the elision of "que" needs at the least: "que " before a vowel. */
const QUE_BEFORE_VOWEL = /[Qq]ue [aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÉÈÊÎÔŒ]/;

/**
 * What an outcome happens to, as the sentence frames say it: the outcome's own `subject`, else
 * the policy's, else "your offers" for personalisation and "your request" for everything else
 * (a request is never misnamed: a declined credit-limit request is not a declined account).
 * @internal
 */
export function subjectOf(doc: Pick<PolicyDocument, 'kind' | 'subject'>, outcome: OutcomeDeclaration | undefined): Subject {
  return outcome?.subject ?? doc.subject ?? (doc.kind === 'personalisation' ? 'offers' : 'request');
}

/**
 * How the customer text frames an outcome: its `tone`, else negative for an adverse outcome and
 * neutral for any other. Only an author says "Good news".
 * @internal
 */
export function toneOf(outcome: OutcomeDeclaration | undefined): Tone {
  return outcome?.tone ?? (outcome?.adverse === true ? 'negative' : 'neutral');
}

/**
 * A name without a label, as words: `daysSincePurchase` → "days since purchase", `keep-open` →
 * "keep open". Better than the raw name; a label in the customer's language is better still.
 */
function humanise(name: string): string {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .replace(/\b([A-Z])(?=[a-z])/g, (c) => c.toLowerCase())
    .trim();
}

/** How a named value (fact or parameter) is shown. */
interface ValueInfo {
  readonly declaration?: Pick<FactDeclaration, 'type' | 'unit' | 'currency' | 'valueLabels'>;
  readonly label?: Text;
}

/**
 * The values a policy text may name, in words, as the reader's boundary lets them be said: a
 * value formatted from its {@link Showable} name, or what stands in for one the reader may not
 * read ("a set limit", "[redacted]"). The renderer fills them in and never formats them itself.
 * @internal
 */
export interface TextValues {
  /** Every name that has a value. */
  names(): Iterable<string>;
  /** The value of `name` in words (with its unit for `{{name, unit}}`), `undefined` when it has none. */
  say(name: string, withUnit: boolean): string | undefined;
  /**
   * Whether `name` has a value: whether `say(name, false)` is not `undefined`, without saying
   * it. Absent, `say` is asked.
   */
  has?(name: string): boolean;
}

/** A renderer bound to one policy and one call's locale. @internal */
export interface Renderer {
  readonly locale: string;
  /**
   * A policy text (inline or `$t(key)`) with its placeholders filled in; a sentence that names a
   * value `values` lacks is left out, and a text left empty is ''.
   */
  policyText(text: Text, values: TextValues): string;
  /** A built-in phrase. */
  phrase(key: string, values?: Record<string, unknown>): string;
  /** A value formatted for the locale, as its fact or parameter declares it. */
  format(name: Showable, value: unknown, withUnit?: boolean): string;
  /** The label of a fact or parameter, or its name. */
  label(name: Nameable): string;
  /** The label of an outcome, or its name. */
  outcomeLabel(outcome: string): string;
  /** A list joined as the language joins it: "a, b and c". */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
  /**
   * A condition phrased from its operator, label and figures, or from its fact's statements
   * (`says`): as a reason (`condition`, "the item arrived damaged") or as what would be needed
   * (`needs`, a clause that follows "if": "you send us proof"). `values` fill the statements'
   * placeholders.
   */
  condition(leaf: SayableLeaf, mood?: 'condition' | 'needs', values?: TextValues): string;
  /**
   * A lower and an upper bound of one fact that held, as one comparison: "the delay (2 hours)
   * is between 1 hour and 8 hours". `undefined` where they are not bounds of one fact read whole
   * whose values may both be said.
   */
  between(lower: SayableLeaf, upper: SayableLeaf): string | undefined;
  /**
   * What we still need to know of a fact, as the object of "we need to know": "whether the item
   * arrived damaged" for a yes/no fact, else its label ("the order total").
   */
  whether(fact: Nameable, values: TextValues): string;
  /**
   * A counterfactual's change of one fact, as a clause that follows "if": the fact's statement
   * of its new value ("you are moving abroad"), what is added to or removed from a list, or the
   * new value beside the current one. `shown` is `fact` when the reader may read its values.
   */
  change(fact: Nameable, shown: Showable | undefined, from: unknown, to: unknown, values: TextValues): string;
}

/** Values for a text that may name none: a sentence that names one is left out. @internal */
export const NO_VALUES: TextValues = { names: () => [], say: () => undefined, has: () => false };

/**
 * Intl formatters are costly to build (tens of microseconds each) and immutable once built, so
 * one per locale and options serves every policy and call.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A number that rounds to zero is written without a sign ("€0.00", not "-€0.00"), where the
 * platform knows `signDisplay: 'negative'` (ES2023); elsewhere -0 itself never gets this far.
 */
let SIGN: Pick<Intl.NumberFormatOptions, 'signDisplay'> | undefined;
/** Asked on first use, not on import: the first `Intl` formatter loads the platform's ICU data. */
function sign(): Pick<Intl.NumberFormatOptions, 'signDisplay'> {
  if (SIGN === undefined) {
    try {
      const options = { signDisplay: 'negative' } as unknown as Intl.NumberFormatOptions;
      SIGN = new Intl.NumberFormat('en', options).format(-0.001) === '0' ? options : {};
    } catch {
      SIGN = {};
    }
  }
  return SIGN;
}

function numberFormatFor(locale: string, currency?: string): Intl.NumberFormat {
  const key = currency === undefined ? locale : `${locale}\u0000${currency}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, currency === undefined ? { maximumFractionDigits: 2, ...sign() } : { style: 'currency', currency, ...sign() });
    numberFormats.set(key, format);
  }
  return format;
}

/** Each unit of CONTRACT §1 as `Intl` names it; measures read best as symbols ("5 km", "20%"). */
const INTL_UNITS: Readonly<Record<Exclude<Unit, 'currency'>, { unit: string; display: 'long' | 'short' }>> = {
  second: { unit: 'second', display: 'long' },
  minute: { unit: 'minute', display: 'long' },
  hour: { unit: 'hour', display: 'long' },
  day: { unit: 'day', display: 'long' },
  week: { unit: 'week', display: 'long' },
  month: { unit: 'month', display: 'long' },
  year: { unit: 'year', display: 'long' },
  km: { unit: 'kilometer', display: 'short' },
  kg: { unit: 'kilogram', display: 'short' },
  percent: { unit: 'percent', display: 'short' },
};

const unitFormats = new Map<string, Partial<Record<Exclude<Unit, 'currency'>, Intl.NumberFormat>>>();
/** A number with its unit, as the locale writes it: "24 maanden", "1,5 Stunden", "12,5 %". */
function unitFormatFor(locale: string, unit: Exclude<Unit, 'currency'>): Intl.NumberFormat {
  let byUnit = unitFormats.get(locale);
  if (byUnit === undefined) {
    byUnit = {};
    unitFormats.set(locale, byUnit);
  }
  let format = byUnit[unit];
  if (format === undefined) {
    const { unit: intlUnit, display } = INTL_UNITS[unit];
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: intlUnit, unitDisplay: display, maximumFractionDigits: 2 });
    byUnit[unit] = format;
  }
  return format;
}

/**
 * `n` with its unit. A number and its unit never part at a line break: the plain space some
 * locales' data put between them ("3 minutes" in French, beside "3\u00a0heures") becomes a
 * no-break space.
 */
function unitText(locale: string, unit: Exclude<Unit, 'currency'>, n: number): string {
  const format = unitFormatFor(locale, unit);
  return memoNumber(format, n, () => format.format(n).replace(/(\d) (?=\p{L})/u, '$1\u00a0'));
}

function dateFormatFor(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format;
}

/**
 * Names i18next reads as options of `t()` rather than as values, and the ones `because` passes
 * itself. Values never go to i18next as options (see {@link shielded}); a text nesting `$t(…)`
 * would still hand its values to the nested `t()` as options, so values of these names are
 * filled in by `because` after i18next is done, wherever their placeholders are left.
 */
const RESERVED = new Set([
  'defaultValue', 'applyPostProcessor', 'postProcessPassResolved', 'i18nResolved', 'missingInterpolationHandler', 'formatParams', 'interpolationkey',
  'appendNamespaceToCIMode', 'appendNamespaceToMissingKey', 'context', 'contextSeparator', 'count', 'fallbackLng', 'fallbackNS',
  'ignoreJSONStructure', 'interpolation', 'joinArrays', 'keySeparator', 'lng', 'lngs', 'missingKeyNoValueFallbackToKey', 'nest',
  'ns', 'nsSeparator', 'ordinal', 'pluralSeparator', 'postProcess', 'range', 'replace', 'returnDetails', 'returnEmptyString', 'returnNull',
  'returnObjects', 'skipInterpolation', 'split', 'lowerCaseLng', 'cleanCode',
]);
const reserved = (name: string): boolean => RESERVED.has(name) || name.startsWith('defaultValue');

/**
 * Values are handed to i18next as opaque tokens (a private-use character, a number, another):
 * nothing a customer typed (`{{`, `$t(`, a name like `lngs`) can reach its interpolation,
 * nesting or options. The tokens are swapped for the values once i18next is done.
 */
const TOKEN = /\uE000(\d+)([\uE001\uE002])/g;
/** The `unit` format turns a value's token into the token of its text with the unit. */
const unitToken = (value: unknown): string | undefined => (typeof value === 'string' && /^\uE000\d+\uE001$/.test(value) ? `${value.slice(0, -1)}\uE002` : undefined);
interface Shielded {
  /** A token for a value: its text, and its text with the unit (`{{name, unit}}`). */
  token(text: string, withUnit?: () => string): string;
  /** The finished text: every token replaced by its value, inserted as it is. */
  reveal(text: string): string;
}
function shielded(): Shielded {
  const texts: (readonly [string, (() => string) | undefined])[] = [];
  return {
    token(text, withUnit) {
      texts.push([text, withUnit]);
      return `\uE000${texts.length - 1}\uE001`;
    },
    reveal: (text) =>
      text.replace(TOKEN, (token, index: string, kind: string) => {
        const [plain, withUnit] = texts[Number(index)] ?? [token, undefined];
        return kind === '\uE002' && withUnit !== undefined ? withUnit() : plain;
      }),
  };
}

/** `{{name}}`, `{{- name}}` and `{{name, unit}}` of a reserved name, which i18next leaves alone. */
const RESERVED_PLACEHOLDER = /\{\{(-?) *([A-Za-z_$][\w$-]*) *(, *unit *)?\}\}/g;

/**
 * The names a policy text interpolates, or `undefined` for every name (a text that nests
 * `$t(…)` reads from the policy's bundles, which name any value). For `{{order.total}}` both
 * `order` and `order.total` are named, as i18next looks up either.
 */
function namesUsed(source: string): ReadonlySet<string> | undefined {
  if (source.includes('$t(')) return undefined;
  const names = new Set<string>();
  for (const match of source.matchAll(/\{\{(.+?)\}\}/g)) {
    let inner = (match[1] as string).trim();
    if (inner.startsWith('-')) inner = inner.slice(1).trim();
    const key = (inner.split(',')[0] as string).trim();
    const parts = key.split('.');
    for (let i = 1; i <= parts.length; i++) names.add(parts.slice(0, i).join('.'));
  }
  return names;
}

function instanceFor(internals: PolicyInternals): i18n {
  const cached = internals.cache.get('i18n') as i18n | undefined;
  if (cached !== undefined) return cached;
  const instance = i18next.createInstance();
  const resources: Record<string, Record<string, unknown>> = {};
  const own = internals.options.resources ?? {};
  // A host's bundle also overrides the built-in phrases it names ("frame.negative.request"):
  // merged into a copy, as the built-in bundles are shared by every policy.
  for (const [lng, bundle] of Object.entries(BUILT_IN)) resources[lng] = { because: Object.hasOwn(own, lng) ? structuredClone(bundle) : bundle };
  for (const [lng, bundle] of Object.entries(own)) resources[lng] = { ...resources[lng], policy: bundle };
  void instance.init({
    resources,
    initAsync: false,
    lng: 'en',
    fallbackLng: 'en',
    ns: ['because', 'policy'],
    defaultNS: 'because',
    interpolation: { escapeValue: false, skipOnVariables: true },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  for (const [lng, bundle] of Object.entries(own)) instance.addResourceBundle(lng, 'because', bundle, true, true);
  instance.services.formatter?.add('unit', (value) => unitToken(value) ?? String(value));
  internals.cache.set('i18n', instance);
  return instance;
}

/**
 * The locales a policy's texts cover in full: of the locales its texts are written in (its
 * `locales` first), those that every text has (itself or its language: `nl` covers `nl-BE`).
 * A policy without per-locale texts covers the locales of the host's bundles, else English.
 * Worked out once per policy.
 * @internal
 */
export function coveredLocales(internals: PolicyInternals, policyLocales: readonly string[]): readonly string[] {
  let covered = internals.cache.get('locales:covered') as string[] | undefined;
  if (covered === undefined) {
    const keyed = policyTexts(internals.document).flatMap(({ text }) => (typeof text === 'string' ? [] : [text]));
    if (keyed.length === 0) {
      const bundles = Object.keys(internals.options.resources ?? {});
      covered = bundles.length > 0 ? bundles : ['en'];
    } else {
      const has = (text: Readonly<Record<string, string>>, l: string): boolean => Object.hasOwn(text, l) || Object.hasOwn(text, languageOf(l));
      const written = [...new Set([...policyLocales, ...keyed.flatMap((text) => Object.keys(text))])];
      covered = written.filter((l) => keyed.every((text) => has(text, l)));
      if (covered.length === 0) covered = written;
    }
    internals.cache.set('locales:covered', covered);
  }
  return covered;
}

const languageOf = (locale: string): string => locale.split('-')[0]?.toLowerCase() ?? locale;

/**
 * Picks the one language of a result among the locales the policy's texts cover in full: the
 * requested locale; else, in the requested language, the requested regional variant when
 * `because` has built-in phrases for it (`nl-BE` with a policy written in `nl`), else the
 * covered locale of that language; else the first covered locale. A French request to a
 * policy written in English and Dutch is answered in English, never in a mix.
 * @internal
 */
export function resolveLocale(requested: string | undefined, covered: readonly string[]): string {
  const first = covered[0] ?? 'en';
  if (requested === undefined) return first;
  // The covered locale itself rather than the equal string asked for: it is the key of the
  // policy's renderer, whose hash is kept (see `phraseKey`).
  const at = covered.indexOf(requested);
  if (at !== -1) return covered[at] as string;
  const fallbacks = localeFallbacks(requested);
  const match = fallbacks.find((l) => covered.includes(l)) ?? covered.find((l) => languageOf(l) === languageOf(requested));
  if (match === undefined) return first;
  // The same language: in `because`'s own regional phrases where it has them (`nl-BE`).
  const builtIn = fallbacks.find((l) => (BUILT_IN_LOCALES as readonly string[]).includes(l));
  return builtIn !== undefined && languageOf(builtIn) === languageOf(match) ? builtIn : match;
}

/**
 * The fallback chain of a locale: itself, its shorter tags, the policy's first locale, English.
 * @internal
 */
export function chain(locale: string, policyLocales: readonly string[]): string[] {
  const out = [...localeFallbacks(locale), policyLocales[0] ?? 'en', 'en'];
  return out.filter((l, i) => out.indexOf(l) === i);
}

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralRulesFor(locale: string): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

/** i18next's `makeString`: how it turns an interpolated value into text. */
const asText = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/**
 * The renderer of a policy and locale. It holds nothing of a call, so one is made per policy and
 * locale and kept with the policy.
 * @internal
 */
export function createRenderer(internals: PolicyInternals, locale: string, policyLocales: readonly string[]): Renderer {
  // `policyLocales` are the policy's own, the same on every call.
  let renderers = internals.cache.get('renderers') as Map<string, Renderer> | undefined;
  if (renderers === undefined) {
    renderers = new Map();
    internals.cache.set('renderers', renderers);
  }
  let renderer = renderers.get(locale);
  if (renderer === undefined) {
    renderer = makeRenderer(internals, locale, chain(locale, policyLocales));
    renderers.set(locale, renderer);
  }
  return renderer;
}

/**
 * A new renderer. `compile: false` renders every text through i18next's `t()`, as the compiled
 * templates must match (test/explain/templates.test.ts).
 * @internal
 */
export function makeRenderer(internals: PolicyInternals, locale: string, locales: readonly string[], { compile = true } = {}): Renderer {
  const instance = instanceFor(internals);
  const t = instance.getFixedT([...locales], 'because');
  const doc = internals.document;
  const plurals = locales.map(pluralRulesFor);

  /**
   * A built-in phrase, from its compiled template (see templates.ts). i18next picks the string
   * once per key and plural category: on the count's category in every language of the
   * fallback chain, and on zero, as its own lookup does.
   */
  const compiled = new Map<string, Template | null>();
  /** Per key, per plural category (the text `memoNumber` keeps for a count): its template. */
  const counted = new Map<string, Map<string, Template | null>>();
  const resolve = (key: string, count: number | undefined): Template | null => {
    const source = t(key, count !== undefined ? { count, skipInterpolation: true } : { skipInterpolation: true });
    return compile ? (compileTemplate(source) ?? null) : null;
  };
  /** The template of a phrase without a count: `null` when i18next renders it. */
  const templateOf = (key: string): Template | null => {
    let template = compiled.get(key);
    if (template === undefined) {
      template = resolve(key, undefined);
      compiled.set(key, template);
    }
    return template;
  };
  const tr = (key: string, values?: Readonly<Record<string, unknown>>): string => {
    const count = values?.['count'];
    let template: Template | null | undefined;
    if (typeof count === 'number') {
      const category = memoNumber(plurals, count, () => `${count === 0 ? 'zero ' : ''}${plurals.map((p) => p.select(count)).join(' ')}`);
      let byCategory = counted.get(key);
      if (byCategory === undefined) {
        byCategory = new Map();
        counted.set(key, byCategory);
      }
      template = byCategory.get(category);
      if (template === undefined) {
        template = resolve(key, count);
        byCategory.set(category, template);
      }
    } else template = templateOf(key);
    if (template === null) {
      // Through i18next, values as tokens: see `shielded`.
      const shield = shielded();
      const replace = Object.create(null) as Record<string, string>;
      for (const [name, value] of Object.entries(values ?? {})) replace[name] = shield.token(asText(value));
      return shield.reveal(t(key, typeof count === 'number' ? { replace, count } : { replace }));
    }
    return fillFromRecord(template, values);
  };

  const infos = new Map<string, ValueInfo | null>();
  const infoOf = (name: string): ValueInfo | undefined => {
    let info = infos.get(name);
    if (info === undefined) {
      info = describe(name) ?? null;
      infos.set(name, info);
    }
    return info ?? undefined;
  };
  const describe = (name: string): ValueInfo | undefined => {
    if (Object.hasOwn(doc.facts, name)) {
      const f = doc.facts[name] as FactDeclaration;
      return { declaration: f, ...(f.label === undefined ? {} : { label: f.label }) };
    }
    const p = doc.parameters?.[name];
    if (p !== undefined && Object.hasOwn(doc.parameters ?? {}, name)) {
      const type = typeof p.value === 'number' ? 'number' : Array.isArray(p.value) ? 'array' : 'string';
      return {
        declaration: { type, ...(p.unit === undefined ? {} : { unit: p.unit }), ...(p.currency === undefined ? {} : { currency: p.currency }) },
        ...(p.label === undefined ? {} : { label: p.label }),
      };
    }
    return undefined;
  };

  /**
   * How the value a fact is compared with is shown: as that value's own fact or parameter
   * declares it, but a parameter compared with a fact holds values of that fact: it takes the
   * fact's value labels unless it declares its own unit. Found once per pair.
   */
  const compared = new Map<string, Map<string, ValueInfo | null>>();
  const comparedInfo = (fact: string, expectedFact: string): ValueInfo | undefined => {
    let byFact = compared.get(expectedFact);
    if (byFact === undefined) {
      byFact = new Map();
      compared.set(expectedFact, byFact);
    }
    let info = byFact.get(fact);
    if (info === undefined) {
      const factInfo = infoOf(fact);
      const expectedInfo = infoOf(expectedFact);
      info =
        (!Object.hasOwn(doc.facts, expectedFact) && expectedInfo?.declaration?.unit === undefined
          ? { ...expectedInfo, declaration: { ...expectedInfo?.declaration, type: factInfo?.declaration?.type ?? 'string', valueLabels: factInfo?.declaration?.valueLabels } }
          : expectedInfo) ?? null;
      byFact.set(fact, info);
    }
    return info ?? undefined;
  };

  const pick = (text: Text): string => {
    if (typeof text === 'string') return text;
    for (const l of locales) if (text[l] !== undefined) return text[l] as string;
    return Object.values(text)[0] ?? '';
  };

  // The locale's joins, found when first needed.
  let joinAnd: ListJoin | undefined;
  let joinOr: ListJoin | undefined;
  const list = (items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string =>
    items.length < 2
      ? (items[0] ?? '')
      : type === 'conjunction'
        ? (joinAnd ??= listJoin(locale, 'conjunction'))(items)
        : (joinOr ??= listJoin(locale, 'disjunction'))(items);

  // Made at the first number said, not with the renderer: the first `Intl.NumberFormat` of a
  // process loads the platform's number data, which a text without a number never needs.
  let numberFormat: Intl.NumberFormat | undefined;
  /** The texts `memoNumber` gave, looked up here first (no function made for a number said before); bounded as `memoIn` bounds it. */
  const numberTexts = new Map<number, string>();
  const number = (n: number): string => {
    const known = numberTexts.get(n);
    if (known !== undefined && !Object.is(n, -0)) return known;
    const format = (numberFormat ??= numberFormatFor(locale));
    return memoIn(numberTexts, n, () => memoNumber(format, n, () => format.format(n)));
  };

  /** Whole minutes as people say them: "2 hours and 59 minutes", "3 hours", "45 minutes". */
  const duration = (minutes: number): string => {
    const hours = Math.floor(minutes / 60);
    const rest = minutes - hours * 60;
    const parts = hours > 0 ? [unitText(locale, 'hour', hours)] : [];
    if (rest > 0 || hours === 0) parts.push(unitText(locale, 'minute', rest));
    return list(parts);
  };

  const unitOf = (n: number, unit: Exclude<Unit, 'currency'>): string => {
    if (unit === 'hour' && n >= 0) return duration(Math.round(n * 60));
    if (unit === 'minute' && Number.isInteger(n) && n >= 60) return duration(n);
    return unitText(locale, unit, n);
  };
  // A number's text with its unit, kept per unit (or currency) and number (see memoNumber).
  const unitTexts = new Map<string, Map<number, string>>();
  const currencyTexts = new Map<string, Map<number, string>>();
  const textsOf = (texts: Map<string, Map<number, string>>, key: string): Map<number, string> => {
    let known = texts.get(key);
    if (known === undefined) {
      known = new Map();
      texts.set(key, known);
    }
    return known;
  };
  const withUnit = (n: number, unit: Unit, currency: string | undefined): string => {
    // A number said before is looked up first: no function is made for it.
    if (unit === 'currency') {
      const code = currency ?? 'EUR';
      const texts = textsOf(currencyTexts, code);
      const known = texts.get(n);
      if (known !== undefined && !Object.is(n, -0)) return known;
      return memoIn(texts, n, () => numberFormatFor(locale, code).format(n));
    }
    const texts = textsOf(unitTexts, unit);
    const known = texts.get(n);
    if (known !== undefined && !Object.is(n, -0)) return known;
    return memoIn(texts, n, () => unitOf(n, unit));
  };

  const formatValue = (info: ValueInfo | undefined, value: unknown, unit: boolean, listType: 'conjunction' | 'disjunction' = 'conjunction'): string => {
    const decl = info?.declaration;
    if (typeof value === 'number') {
      if (decl?.unit === 'currency') return withUnit(value, 'currency', decl.currency);
      return unit && decl?.unit !== undefined ? withUnit(value, decl.unit, decl.currency) : number(value);
    }
    if (typeof value === 'boolean') return tr(value ? 'value.true' : 'value.false');
    if (typeof value === 'string') {
      const valueLabel = decl?.valueLabels !== undefined && Object.hasOwn(decl.valueLabels, value) ? decl.valueLabels[value] : undefined;
      if (valueLabel !== undefined) return pick(valueLabel);
      if (decl?.type === 'date' && !Number.isNaN(Date.parse(value))) {
        return dateFormatFor(locale).format(new Date(value));
      }
      return value;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return tr('value.nothing');
      // A long list is named by its first items and how many more there are.
      // An index loop: a policy's lists are frozen, and `slice`/`map` on a frozen array take a slow path.
      const count = value.length > MAX_LISTED ? MAX_LISTED - 1 : value.length;
      const shown: string[] = [];
      for (let i = 0; i < count; i++) shown.push(formatValue(info, value[i], unit));
      const more = value.length - shown.length;
      return list(more > 0 ? [...shown, tr('value.more', { count: more, number: number(more) })] : shown, listType);
    }
    // An object as JSON, its braces apart: a text never holds "{{" or "}}".
    return JSON.stringify(value as JsonValue).replace(/([{}])(?=[{}])/g, '$1 ');
  };

  // A parameter's value is the same on every call: formatted once per locale.
  const parameterTexts = { plain: new Map<string, string>(), unit: new Map<string, string>() };
  const format = (name: Showable, value: unknown, unit = false): string => {
    const parameter = internals.parameters.get(name);
    if (value !== parameter || (parameter === undefined && !internals.parameters.has(name))) return formatValue(infoOf(name), value, unit);
    const texts = unit ? parameterTexts.unit : parameterTexts.plain;
    let text = texts.get(name);
    if (text === undefined) {
      text = formatValue(infoOf(name), value, unit);
      texts.set(name, text);
    }
    return text;
  };
  // A label is the same on every call: found once per name (a policy's facts and parameters).
  const labels = new Map<string, string>();
  const label = (name: Nameable): string => {
    let text = labels.get(name);
    if (text === undefined) {
      const info = infoOf(name);
      text = info?.label === undefined ? humanise(name) : pick(info.label);
      labels.set(name, text);
    }
    return text;
  };
  /** A comparison's subject: the fact's label, with its value unless `actual` is not said ("the delay (2 hours)"). */
  const subjectPhrase = (fact: Showable, actual: unknown): string =>
    actual === undefined ? tr('condition.subject_unknown', { label: label(fact) }) : tr('condition.subject', { label: label(fact), actual: format(fact, actual, true) });
  const polish = (locale.split('-')[0] ?? locale) === 'fr' ? elideFrench : (s: string): string => s;
  // A phrase without values is the same on every call.
  const phrases = new Map<string, string>();
  const phrase = (key: string, values?: Record<string, unknown>): string => {
    if (values !== undefined) return polish(tr(key, values));
    let text = phrases.get(key);
    if (text === undefined) {
      text = polish(tr(key));
      phrases.set(key, text);
    }
    return text;
  };
  const outcomeLabels = new Map<string, string>();
  const policyTemplates = new Map<string, CompiledText>();
  /**
   * `$t(key)` stands for that key's string in the host's bundles, which i18next fills with the
   * same values: the strings are spliced in (nested ones too, a few levels deep) and the whole
   * is compiled. Anything else (a key the bundles lack, options, a namespace) is left as it is.
   */
  const nestedSource = (source: string): string => {
    let text = source;
    for (let depth = 0; depth < 8 && text.includes('$t('); depth++) {
      const next = text.replace(/\$t\(([\w.-]+)\)/g, (whole, key: string) =>
        instance.exists(key, { ns: 'policy', lngs: [...locales] }) ? t(key, { ns: 'policy', skipInterpolation: true }) : whole,
      );
      if (next === text) break;
      text = next;
    }
    return text;
  };
  const namesUsedBy = new Map<string, ReadonlySet<string> | undefined>();
  const sentencesOf = new Map<string, readonly { text: string; names: readonly string[] }[]>();
  /**
   * `source` without the sentences that name a value the call does not know: a text never
   * shows a placeholder. A text whose every sentence needs one (a reason is one clause) is ''.
   */
  const sentencesFor = (source: string): readonly { text: string; names: readonly string[] }[] => {
    let sentences = sentencesOf.get(source);
    if (sentences === undefined) {
      sentences = source.includes('$t(') ? [] : source.split(/(?<=[.!?…])\s+/).map((text) => ({ text, names: placeholders(text).map((n) => n.split('.')[0] as string) }));
      sentencesOf.set(source, sentences);
    }
    return sentences;
  };
  const knownOnly = (source: string, values: TextValues): string => {
    const sentences = sentencesFor(source);
    const known = (x: { names: readonly string[] }): boolean => allKnown(x.names, values);
    let all = true;
    for (const sentence of sentences) {
      if (!known(sentence)) {
        all = false;
        break;
      }
    }
    if (all) return source;
    return sentences.filter(known).map((x) => x.text).join(' ');
  };

  /**
   * The fact's own clause for `value` (its `says`), filled in; `undefined` when it has none (or
   * one that names a value this call does not know).
   */
  const statement = (fact: string, value: unknown, values: TextValues): string | undefined => {
    if (typeof value !== 'boolean' && typeof value !== 'string') return undefined;
    const says = Object.hasOwn(doc.facts, fact) ? doc.facts[fact]?.says : undefined;
    const key = String(value);
    if (says === undefined || !Object.hasOwn(says, key)) return undefined;
    return renderer.policyText(says[key] as Text, values) || undefined;
  };
  /** A yes/no fact without statements: "“damaged on arrival” applies" rather than "… is yes". */
  // A flag's phrase names only its label: the same on every call, kept per fact (a policy's).
  const flags = new Map<string, [string | undefined, string | undefined]>();
  const flag = (fact: Nameable, is: boolean): string => {
    let said = flags.get(fact);
    if (said === undefined) {
      said = [undefined, undefined];
      if (flags.size >= MAX_KEYS) flags.clear();
      flags.set(fact, said);
    }
    const at = is ? 1 : 0;
    return (said[at] ??= tr(is ? 'condition.flag_true' : 'condition.flag_false', { label: label(fact) }));
  };
  const isBoolean = (fact: string): boolean => Object.hasOwn(doc.facts, fact) && doc.facts[fact]?.type === 'boolean';

  const whether = (fact: Nameable, values: TextValues): string => {
    if (!isBoolean(fact)) return label(fact);
    const clause = statement(fact, true, values) ?? statement(fact, false, values);
    return clause !== undefined ? tr('missing.whether', { clause }) : tr('missing.whether_flag', { label: label(fact) });
  };

  /**
   * What a comparison of one fact by one operator (with one fact or parameter as its value) is
   * phrased from, found once: the operator read, how its value is shown, and, per negation and
   * whether the fact's value is said, `condition.<op>` with `condition.subject` filled into it
   * and the fact's label into that, leaving only the fact's value and the compared value to fill.
   */
  const phrasings = new Map<string, Map<string, LeafPhrasing>>();
  const comparedPhrasings = new Map<string, Map<string, Map<string, LeafPhrasing>>>();
  const phrasingOf = (fact: Showable, operator: string, expectedFact: Showable | undefined): LeafPhrasing => {
    let byOperator: Map<string, LeafPhrasing> | undefined;
    if (expectedFact === undefined) {
      byOperator = phrasings.get(fact);
      if (byOperator === undefined) {
        byOperator = new Map();
        phrasings.set(fact, byOperator);
      }
    } else {
      let byFact = comparedPhrasings.get(expectedFact);
      if (byFact === undefined) {
        byFact = new Map();
        comparedPhrasings.set(expectedFact, byFact);
      }
      byOperator = byFact.get(fact);
      if (byOperator === undefined) {
        byOperator = new Map();
        byFact.set(fact, byOperator);
      }
    }
    let phrasing = byOperator.get(operator);
    if (phrasing === undefined) {
      const parsed = operatorOf(operator);
      phrasing = {
        parsed,
        valueInfo: expectedFact === undefined ? infoOf(fact) : comparedInfo(fact, expectedFact),
        custom: internals.operators.has(parsed.base),
        merged: [undefined, undefined, undefined, undefined],
        expected: undefined,
        expectedText: undefined,
      };
      byOperator.set(operator, phrasing);
    }
    return phrasing;
  };
  const mergedOf = (phrasing: LeafPhrasing, fact: Showable, operator: string, op: string | undefined, negated: boolean, hideActual: boolean): Merged | null => {
    const index = (negated ? 1 : 0) + (hideActual ? 2 : 0);
    let merged = phrasing.merged[index];
    if (merged === undefined) {
      const generic = op === undefined || !phrasing.parsed.plain || !Object.hasOwn(NEGATED, op);
      const outer = templateOf(generic ? (negated ? 'condition.generic_negated' : 'condition.generic') : phraseKey('condition.', op));
      const subject = templateOf(hideActual ? 'condition.subject_unknown' : 'condition.subject');
      merged = outer === null || subject === null ? null : mergeCondition(outer, subject, label(fact), generic ? operator : undefined, !hideActual);
      phrasing.merged[index] = merged;
    }
    return merged;
  };

  /**
   * A policy text as this renderer reads it, found once per text: its string in this locale,
   * every name its sentences need, and (once asked) its template when every one is known.
   */
  const textEntries = new Map<Text, PolicyTextEntry>();
  const entryOf = (text: Text): PolicyTextEntry => {
    let entry = textEntries.get(text);
    if (entry === undefined) {
      const source = pick(text);
      entry = { source, names: [...new Set(sentencesFor(source).flatMap((x) => x.names))], compiled: undefined };
      // Texts are a policy's own; a bound all the same, for texts made on the fly.
      if (textEntries.size >= MAX_KEYS) textEntries.clear();
      textEntries.set(text, entry);
    }
    return entry;
  };
  const compiledOf = (source: string): CompiledText => {
    let compiled = policyTemplates.get(source);
    if (compiled === undefined) {
      const template = compile ? (compileTemplate(nestedSource(source)) ?? null) : null;
      // A text without placeholders is the same on every call, polished once.
      compiled = { template, constant: template?.length === 1 ? polish(template[0] as string) : undefined };
      policyTemplates.set(source, compiled);
    }
    return compiled;
  };

  const renderer: Renderer = {
    locale,
    phrase,
    format,
    label,
    list,
    outcomeLabel(outcome) {
      const declared = doc.outcomes[outcome];
      if (declared?.label !== undefined && Object.hasOwn(doc.outcomes, outcome)) return pick(declared.label);
      let text = outcomeLabels.get(outcome);
      if (text === undefined) {
        text = t(`outcome.${outcome}`, { defaultValue: humanise(outcome) });
        outcomeLabels.set(outcome, text);
      }
      return text;
    },
    policyText(text, values) {
      const entry = entryOf(text);
      let source = entry.source;
      let compiled: CompiledText;
      // Every sentence is kept when every name is known: the whole text, compiled once.
      if (allKnown(entry.names, values)) {
        if (source === '') return '';
        compiled = entry.compiled ?? (entry.compiled = compiledOf(source));
      } else {
        source = knownOnly(source, values);
        if (source === '') return '';
        compiled = compiledOf(source);
      }
      if (compiled.constant !== undefined) return compiled.constant;
      if (compiled.template !== null) return polish(fillSaying(compiled.template, values));
      let used = namesUsedBy.get(source);
      if (used === undefined && !namesUsedBy.has(source)) {
        used = namesUsed(source);
        namesUsedBy.set(source, used);
      }
      const shield = shielded();
      // A null-prototype object: i18next finds nothing inherited (`{{constructor}}`) in it.
      const replace = Object.create(null) as Record<string, string>;
      const held = new Map<string, string>();
      for (const name of values.names()) {
        if (used !== undefined && !used.has(name)) continue;
        const token = shield.token(values.say(name, false) ?? '', () => values.say(name, true) ?? '');
        if (reserved(name)) held.set(name, token);
        else replace[name] = token;
      }
      // A placeholder of a reserved name never reaches i18next: its value, or the placeholder
      // itself when there is none, goes in as a token.
      const fillHeld = (text: string): string =>
        text.replace(RESERVED_PLACEHOLDER, (placeholder, _dash: string, name: string, unit: string | undefined) => {
          if (!reserved(name)) return placeholder;
          const token = held.get(name);
          return token === undefined ? shield.token(placeholder) : unit === undefined ? token : (unitToken(token) as string);
        });
      // A nested `$t(key)` gets `replace` as its options: it must name the namespace and locales.
      Object.assign(replace, { ns: 'policy', lngs: [...locales] });
      // An absent key makes i18next render `defaultValue`: interpolated, and `$t(key)` nested
      // from the host's bundles in the `policy` namespace.
      return polish(shield.reveal(fillHeld(t('policy:\u0000', { replace, defaultValue: fillHeld(source), ns: 'policy' }))));
    },
    condition(leaf, mood = 'condition', values = NO_VALUES) {
      // A SayableLeaf passed the reader's boundary: its labels and figures may be said.
      const fact = leaf.fact as Showable;
      const expectedFact = leaf.expectedFact as Showable | undefined;
      const phrasing = compile ? phrasingOf(fact, leaf.operator, expectedFact) : undefined;
      const parsed = phrasing?.parsed ?? operatorOf(leaf.operator);
      const { base, plain, decorated } = parsed;
      // A reason states what holds, so a leaf that came out false (under a `not`) is phrased
      // negated; what is needed is the opposite of what is.
      let negated = mood === 'condition' ? leaf.result === false : leaf.result === true;
      if (parsed.not) negated = !negated;
      if (mood === 'needs' && leaf.result === 'unknown') return tr(isBoolean(fact) ? 'needs.unknown_whether' : 'needs.unknown', { what: whether(fact, values) });
      const op = negated ? NEGATED[base] : base;
      const direct = !decorated && leaf.path === undefined && expectedFact === undefined;
      if (direct && typeof leaf.expected === 'boolean' && (op === 'equal' || op === 'notEqual')) {
        // A yes/no fact says what it is (or would have to be): "the item arrived damaged", or
        // "“damaged on arrival” does not apply"; never "damaged on arrival (no) is not yes".
        const is = op === 'equal' ? leaf.expected : !leaf.expected;
        return statement(fact, is, values) ?? flag(fact, is);
      }
      if (mood === 'condition' && direct && plain && op === 'in' && leaf.actual !== undefined && leaf.actual !== null && leaf.actual !== REDACTED && typeof leaf.actual !== 'object') {
        // What holds is the value the fact has: "the channel is the shop", not "the channel
        // (the shop) is the shop or the website".
        return renderer.condition({ fact: leaf.fact, operator: 'equal', expected: leaf.actual, actual: leaf.actual, result: true, evaluated: leaf.evaluated } as SayableLeaf, mood, values);
      }
      if (direct && (op === 'equal' || op === 'in')) {
        // A value of a string fact in its own words: the value it has, for a reason; the value (or
        // any of the values) it would need, for what is needed.
        const wanted: readonly unknown[] = mood === 'condition' && leaf.actual !== undefined ? [leaf.actual] : Array.isArray(leaf.expected) ? leaf.expected : [leaf.expected];
        // An index loop, not `map`: a policy's lists are frozen (see formatValue).
        const said: (string | undefined)[] = [];
        for (let i = 0; i < wanted.length; i++) {
          const v = wanted[i];
          said.push(v === REDACTED ? undefined : statement(fact, v, values));
        }
        if (said.length > 0 && said.every((x) => x !== undefined)) return list([...new Set(said as string[])], 'disjunction');
      }
      // A parameter compared with a fact holds values of that fact: it takes the fact's value
      // labels unless it declares its own unit.
      const valueInfo = phrasing !== undefined ? phrasing.valueInfo : expectedFact === undefined ? infoOf(fact) : comparedInfo(fact, expectedFact);
      const listType = base === 'in' || base === 'notIn' || parsed.someValue ? 'disjunction' : 'conjunction';
      let value: string;
      if (leaf.expected === undefined) value = expectedFact !== undefined ? label(expectedFact) : tr('value.hidden');
      // (Only a constant's or a parameter's: a fact's value is the call's, and is not kept.)
      else if (phrasing === undefined || (expectedFact !== undefined && Object.hasOwn(doc.facts, expectedFact))) value = formatValue(valueInfo, leaf.expected, true, listType);
      else if (phrasing.expectedText !== undefined && Object.is(phrasing.expected, leaf.expected)) value = phrasing.expectedText;
      else {
        value = formatValue(valueInfo, leaf.expected, true, listType);
        phrasing.expected = leaf.expected;
        phrasing.expectedText = value;
      }
      // "the kind of request is a repair", not "the kind of request (a repair) is a repair"; "a
      // gift card appears in your basket", not "… in your basket (a gift card)".
      const restates = mood === 'condition' && plain && !decorated && (op === 'equal' || op === 'contains') && leaf.path === undefined;
      const hideActual = restates || leaf.actual === undefined;
      if (phrasing !== undefined && !phrasing.custom) {
        // The phrase and its subject merged into one template, the label in it (see `phrasingOf`).
        const merged = mergedOf(phrasing, fact, leaf.operator, op, negated, hideActual);
        if (merged !== null) return fillMerged(merged, merged.actual ? format(fact, leaf.actual, true) : '', value);
      }
      const subject = subjectPhrase(fact, hideActual ? undefined : leaf.actual);
      const custom = internals.operators.get(base);
      if (custom !== undefined && plain && parsed.onlyNot) {
        // A custom operator reads as its author phrased it in this language (nl-BE takes nl's),
        // never in another: without a phrase here it reads as the generic condition below. What
        // is needed is a clause after "if", as what holds is one after "because".
        const phrase = phraseFor(custom, localeFallbacks(locale));
        if (phrase !== undefined) return fillPhrase(negated ? phrase.fails : phrase.holds, subject, value);
      }
      if (op === undefined || !plain || !Object.hasOwn(NEGATED, op)) {
        return tr(negated ? 'condition.generic_negated' : 'condition.generic', { subject, value, operator: leaf.operator });
      }
      return tr(phraseKey('condition.', op), { subject, value });
    },
    between(lower, upper) {
      const fact = lower.fact as Showable;
      if (upper.fact !== fact || lower.path !== undefined || upper.path !== undefined) return undefined;
      if (internals.operators.has(lower.operator) || internals.operators.has(upper.operator)) return undefined;
      const bound = (leaf: SayableLeaf): string | undefined => {
        const expected = leaf.expected;
        if (expected === undefined || expected === REDACTED) return undefined;
        // A parameter's or another fact's value, as `condition` says it.
        return formatValue(leaf.expectedFact === undefined ? infoOf(fact) : comparedInfo(fact, leaf.expectedFact as Showable), expected, true);
      };
      if (lower.expected === upper.expected && lower.expectedFact === undefined && upper.expectedFact === undefined) {
        // At least 5 and at most 5 (both held): the fact is 5.
        return renderer.condition({ fact: lower.fact, operator: 'equal', expected: lower.expected, actual: lower.actual, result: true, evaluated: true } as SayableLeaf);
      }
      const low = bound(lower);
      const high = bound(upper);
      if (low === undefined || high === undefined) return undefined;
      return tr('condition.between', { subject: subjectPhrase(fact, lower.actual), low, high });
    },
    whether,
    change(fact, shown, from, to, values) {
      if (shown === undefined) return tr('change.value', { label: label(fact), to: REDACTED, from: REDACTED });
      const said = statement(shown, to, values);
      if (said !== undefined) return said;
      if (typeof to === 'boolean' && isBoolean(fact)) return flag(fact, to);
      if (Array.isArray(to)) {
        const before = Array.isArray(from) ? from : [];
        const has = (xs: readonly unknown[], x: unknown): boolean => xs.some((y) => JSON.stringify(y) === JSON.stringify(x));
        const added = to.filter((x) => !has(before, x));
        const removed = before.filter((x) => !has(to, x));
        const clauses = [
          ...(added.length > 0 ? [tr('change.added', { label: label(fact), items: format(shown, added, true) })] : []),
          ...(removed.length > 0 ? [tr('change.removed', { label: label(fact), items: format(shown, removed, true) })] : []),
        ];
        if (clauses.length > 0) return list(clauses);
      }
      return tr('change.value', { label: label(fact), to: format(shown, to, true), from: from === undefined ? tr('value.unknown') : format(shown, from, true) });
    },
  };
  return renderer;
}
