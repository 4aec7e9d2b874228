import type { Issue } from '../errors.js';
import { formatPath } from '../errors.js';
import { isIsoDate } from './dates.js';
import { canonicalLocale } from './locale.js';
import { article, closest } from './suggest.js';
import type { PolicyDocument, Text } from './schema.js';

/** Placeholder formats a text may use: `{{returnPeriodDays, unit}}`. */
export const PLACEHOLDER_FORMATS = ['unit'] as const;

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
/** The outcome every policy has: no rule decided and there is no default. */
export const UNDECIDED = 'undecided';

/**
 * The checks of a policy document that its zod schema cannot express: references between its
 * parts, duplicate names and the placeholders of its texts.
 * @internal
 */
export function checkDocument(doc: PolicyDocument, known: { readonly names: boolean; readonly outcomes: boolean } = { names: true, outcomes: true }): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], code: string, message: string): void => {
    issues.push({ code, path: formatPath(path), message });
  };
  const outcomes = doc.outcomes;
  const names = new Set([...Object.keys(doc.facts), ...Object.keys(doc.parameters ?? {})]);

  // zod skips a `__proto__` key of a record without a word; as a name it would reach the
  // prototype of every object the name is assigned into.
  for (const sectionName of ['facts', 'parameters', 'outcomes', 'conditions'] as const) {
    const section = doc[sectionName];
    if (section !== undefined && Object.hasOwn(section, '__proto__')) {
      add([sectionName, '__proto__'], 'invalid_format', '"__proto__" is reserved by JavaScript and cannot be a name; choose another one.');
    }
  }

  if (Object.hasOwn(outcomes, UNDECIDED)) {
    add(['outcomes', UNDECIDED], 'reserved_outcome', `"${UNDECIDED}" is reserved: it is the outcome when no rule decides and there is no default.`);
  }
  for (const name of Object.keys(doc.parameters ?? {})) {
    if (Object.hasOwn(doc.facts, name)) {
      add(['parameters', name], 'parameter_shadows_fact', `The parameter "${name}" has the name of a fact; give one of them another name.`);
    }
  }
  for (const [name, fact] of Object.entries(doc.facts)) {
    // With a malformed document (see lenient.ts) a declaration may lack its type: checks that
    // depend on it are left out rather than guessed.
    if ((fact.type as string | undefined) === undefined) continue;
    if (fact.unit === 'currency' && fact.currency === undefined) {
      add(['facts', name, 'currency'], 'missing_currency', `"${name}" is an amount of money: say which currency, e.g. "currency": "EUR".`);
    }
    if (fact.currency !== undefined && fact.unit !== 'currency') {
      add(['facts', name, 'unit'], 'currency_without_unit', `"${name}" has a currency, so its unit must be "currency".`);
    }
    if (fact.enum !== undefined && fact.type !== 'string') {
      add(['facts', name, 'enum'], 'enum_on_non_string', `Only a string fact can list allowed values; "${name}" is ${article(fact.type)}.`);
    }
    if (fact.valueLabels !== undefined) {
      if (fact.type !== 'string' && !(fact.type === 'array' && (fact.items === undefined || fact.items === 'string'))) {
        add(['facts', name, 'valueLabels'], 'value_labels_on_non_string', `Only a string fact (or a list of strings) has value labels; "${name}" is ${article(fact.type)}.`);
      } else if (fact.enum !== undefined) {
        for (const value of Object.keys(fact.valueLabels)) {
          if (!fact.enum.includes(value)) {
            add(['facts', name, 'valueLabels', value], 'unknown_value', `"${value}" is not one of the values of "${name}": ${fact.enum.join(', ')}.`);
          }
        }
      }
    }
    if (fact.says !== undefined) {
      const values = fact.type === 'boolean' ? ['true', 'false'] : fact.type === 'string' ? fact.enum : undefined;
      if (fact.type !== 'boolean' && fact.type !== 'string') {
        add(['facts', name, 'says'], 'says_on_unsupported_type', `Only a boolean or a string fact says itself as a clause; "${name}" is ${article(fact.type)}.`);
      } else if (values !== undefined) {
        for (const value of Object.keys(fact.says)) {
          if (!values.includes(value)) {
            add(['facts', name, 'says', value], 'unknown_value', `"${value}" is not one of the values of "${name}": ${values.join(', ')}.`);
          }
        }
      }
    }
    if (fact.items !== undefined && fact.type !== 'array') {
      add(['facts', name, 'items'], 'items_on_non_array', `Only an array fact has an item type; "${name}" is ${article(fact.type)}.`);
    }
    if (fact.unit !== undefined && !['number', 'integer'].includes(fact.type)) {
      add(['facts', name, 'unit'], 'unit_on_non_number', `Only a number has a unit; "${name}" is ${article(fact.type)}.`);
    }
  }
  for (const [name, parameter] of Object.entries(doc.parameters ?? {})) {
    if (parameter.unit === 'currency' && parameter.currency === undefined) {
      add(['parameters', name, 'currency'], 'missing_currency', `"${name}" is an amount of money: say which currency, e.g. "currency": "EUR".`);
    }
  }

  const defaultOutcome = doc.decision?.default;
  if (known.outcomes && defaultOutcome !== undefined && !Object.hasOwn(outcomes, defaultOutcome)) {
    add(['decision', 'default'], 'unknown_outcome', `The default "${defaultOutcome}" is not one of the outcomes${didYouMean(defaultOutcome, Object.keys(outcomes))}: ${listOf(Object.keys(outcomes))}.`);
  }
  for (const key of ['validFrom', 'validTo'] as const) {
    const date = doc[key];
    if (typeof date === 'string' && !isIsoDate(date)) {
      add([key], 'invalid_format', `"${date}" is not a day of the calendar; write an ISO 8601 date such as "2026-01-31".`);
    }
  }
  if (doc.validFrom != null && doc.validTo != null && Date.parse(doc.validFrom) > Date.parse(doc.validTo)) {
    add(['validTo'], 'invalid_validity', `validTo (${doc.validTo}) comes before validFrom (${doc.validFrom}).`);
  }

  const seen = new Map<string, number>();
  doc.rules.forEach((rule, i) => {
    const first = seen.get(rule.name);
    if (first !== undefined) {
      add(['rules', i, 'name'], 'duplicate_rule_name', `Another rule (rules[${first}]) is already named "${rule.name}".`);
    } else if ((rule.name as string | undefined) !== undefined) {
      seen.set(rule.name, i);
    }
    if (known.outcomes && (rule.event.type as string | undefined) !== undefined && !Object.hasOwn(outcomes, rule.event.type)) {
      add(['rules', i, 'event', 'type'], 'unknown_outcome', `"${rule.event.type}" is not one of the outcomes${didYouMean(rule.event.type, Object.keys(outcomes))}: ${listOf(Object.keys(outcomes))}.`);
    }
  });

  const checkText = (text: Text, path: (string | number)[], allowed: Set<string>): void => {
    const checked = known.names ? allowed : undefined;
    if (typeof text === 'string') {
      checkPlaceholders(text, path, checked, add);
      return;
    }
    for (const [locale, value] of Object.entries(text)) {
      checkLocale(locale, [...path, locale], add);
      checkPlaceholders(value, [...path, locale], checked, add);
    }
  };
  // An outcome's message also names the reasons and the outcome's label.
  const messageNames = new Set([...names, ...MESSAGE_NAMES]);
  for (const { text, path } of policyTexts(doc)) checkText(text, path, path[0] === 'outcomes' && path[2] === 'message' ? messageNames : names);
  return issues;
}

/** The names an outcome's `message` may use besides facts and parameters. @internal */
export const MESSAGE_NAMES = ['because', 'outcome'] as const;

/**
 * Every text of a policy with its path: title, labels (value labels too), questions, statements
 * (`says`), outcome labels, escalation, disclosure, reasons and citation titles.
 * @internal
 */
export function policyTexts(doc: PolicyDocument): { text: Text; path: (string | number)[] }[] {
  const out: { text: Text; path: (string | number)[] }[] = [];
  const add = (text: Text | undefined, path: (string | number)[]): void => {
    if (text !== undefined) out.push({ text, path });
  };
  add(doc.title, ['title']);
  for (const [name, f] of Object.entries(doc.facts)) {
    add(f.label, ['facts', name, 'label']);
    add(f.question, ['facts', name, 'question']);
    for (const [value, text] of Object.entries(f.valueLabels ?? {})) add(text, ['facts', name, 'valueLabels', value]);
    for (const [value, text] of Object.entries(f.says ?? {})) add(text, ['facts', name, 'says', value]);
  }
  for (const [name, p] of Object.entries(doc.parameters ?? {})) add(p.label, ['parameters', name, 'label']);
  for (const [name, o] of Object.entries(doc.outcomes)) {
    add(o.label, ['outcomes', name, 'label']);
    add(o.message, ['outcomes', name, 'message']);
  }
  add(doc.texts?.escalation, ['texts', 'escalation']);
  add(doc.texts?.disclosure, ['texts', 'disclosure']);
  add(doc.texts?.confidentialReason, ['texts', 'confidentialReason']);
  doc.rules.forEach((r, i) => {
    add(r.because, ['rules', i, 'because']);
    add(r.source?.title, ['rules', i, 'source', 'title']);
  });
  return out;
}

/** A text's locale key is a tag `Intl` accepts, written as `Intl` writes it. */
function checkLocale(locale: string, path: (string | number)[], add: (path: (string | number)[], code: string, message: string) => void): void {
  const canonical = canonicalLocale(locale);
  if (canonical === undefined) {
    add(path, 'invalid_locale', `"${locale}" is not a locale (a BCP 47 tag such as "en", "nl-BE" or "nl-BE-x-acme").`);
  } else if (canonical !== locale) {
    add(path, 'invalid_locale', `Write the locale "${locale}" as "${canonical}".`);
  }
}

function checkPlaceholders(
  text: string,
  path: (string | number)[],
  names: Set<string> | undefined,
  add: (path: (string | number)[], code: string, message: string) => void,
): void {
  const stripped = text.replace(PLACEHOLDER, '');
  if (stripped.includes('{{') || stripped.includes('}}')) {
    add(path, 'malformed_text', 'A placeholder is written {{name}} or {{name, unit}}; this text has an unmatched "{{" or "}}".');
  }
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [name = '', format, ...extra] = (match[1] ?? '').split(',').map((s) => s.trim());
    if (name === '' || extra.length > 0) {
      add(path, 'malformed_text', `"${match[0]}" is not a placeholder; write {{name}} or {{name, unit}}.`);
    } else if (names !== undefined && !names.has(name)) {
      const close = closest(name, [...names]);
      add(path, 'undeclared_fact', `"${match[0]}" names "${name}", which is not declared under "facts" or "parameters"${close === undefined ? '.' : `; did you mean "${close}"?`}`);
    } else if (format !== undefined && !(PLACEHOLDER_FORMATS as readonly string[]).includes(format)) {
      add(path, 'malformed_text', `"${match[0]}" has the format "${format}"; the known formats are: ${PLACEHOLDER_FORMATS.join(', ')}.`);
    }
  }
}

/** ` (did you mean "x"?)` when `word` is a slip of the keyboard for one of `candidates`. */
function didYouMean(word: string, candidates: readonly string[]): string {
  const close = closest(word, candidates);
  return close === undefined ? '' : ` (did you mean "${close}"?)`;
}

function listOf(names: string[]): string {
  return names.length === 0 ? '(none declared)' : names.map((n) => `"${n}"`).join(', ');
}

/**
 * The placeholders `{{name}}` of a text, in order, without duplicates.
 * @internal
 */
export function placeholders(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = (match[1] ?? '').split(',')[0]?.trim() ?? '';
    if (name !== '' && !out.includes(name)) out.push(name);
  }
  return out;
}
