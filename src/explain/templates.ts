/**
 * Texts compiled once, filled per call.
 *
 * i18next resolves which string a key means (locale fallbacks, namespaces, plural forms); that
 * answer is the same on every call, while `t()` finds it again and copies its options each time,
 * which cost more than the whole decision. So a string is resolved by i18next once and split
 * here into literal text and placeholders; a call only fills them in.
 *
 * Only the placeholders `because` writes and policy authors are told about are compiled:
 * `{{name}}`, `{{- name}}` and `{{name, unit}}`, with a plain name. Anything else (`$t(…)`
 * nesting, other formats, dotted paths, stray braces) is left to i18next; `compileTemplate`
 * returns `undefined` for it (the renderer resolves a text that is one `$t(key)` itself).
 * test/explain/templates.test.ts holds the two to the same output.
 * @internal
 */

/** A placeholder: the value's name, whether it asks for the unit format, and its source text. */
interface Slot {
  readonly name: string;
  readonly unit: boolean;
  readonly source: string;
}

/** Literal text and placeholders, alternating, literal first and last. */
export type Template = readonly (string | Slot)[];

const PLACEHOLDER = /\{\{(-?) *([A-Za-z_$][\w$]*) *(?:, *(unit) *)?\}\}/g;

/** Names i18next would find on any object: never compiled. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** `source` split into literal text and placeholders, or `undefined` when i18next must render it. */
export function compileTemplate(source: string): Template | undefined {
  if (source.includes('$t(')) return undefined;
  const parts: (string | Slot)[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const name = match[2] as string;
    if (INHERITED.has(name)) return undefined;
    parts.push(source.slice(last, match.index), { name, unit: match[3] !== undefined, source: match[0] });
    last = match.index + match[0].length;
  }
  parts.push(source.slice(last));
  // What is left must be plain text: another `{{` is a placeholder only i18next understands, and
  // i18next reads `{{{a}}` as the name `{a`.
  for (let i = 0; i < parts.length; i += 2) {
    const text = parts[i] as string;
    if (text.includes('{{') || (i < parts.length - 1 && text.endsWith('{'))) return undefined;
  }
  return parts;
}

/**
 * Fills a template as i18next's interpolation (escaping off, `skipOnVariables` on) does: a
 * value is inserted once and never read as a template; a name without a value keeps its
 * placeholder, as i18next leaves it.
 *
 * @param value The text for `{{name}}`, `undefined` when there is no value.
 * @param unit The text for `{{name, unit}}`, `undefined` when there is no value.
 */
export function fillTemplate(
  template: Template,
  value: (name: string) => string | undefined,
  unit: (name: string) => string | undefined = value,
): string {
  if (template.length === 1) return template[0] as string;
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    out += (part.unit ? unit(part.name) : value(part.name)) ?? part.source;
  }
  return out;
}

/**
 * {@link fillTemplate} with the values of a record, as `because`'s own phrases are filled: a
 * value is the record's own property, as text (`null` and `undefined` as ''), `{{name, unit}}`
 * takes the same text as `{{name}}`, and a name the record lacks keeps its placeholder.
 */
export function fillFromRecord(template: Template, values: Readonly<Record<string, unknown>> | undefined): string {
  if (template.length === 1) return template[0] as string;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const part = template[i] as string | Slot;
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    if (values !== undefined && Object.hasOwn(values, part.name)) {
      const value = values[part.name];
      out += value === null || value === undefined ? '' : String(value);
    } else out += part.source;
  }
  return out;
}

/**
 * {@link fillTemplate} with the values of a policy text: `{{name}}` is `values.say(name, false)`,
 * `{{name, unit}}` is `values.say(name, true)`.
 */
export function fillSaying(template: Template, values: { say(name: string, withUnit: boolean): string | undefined }): string {
  if (template.length === 1) return template[0] as string;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const part = template[i] as string | Slot;
    out += typeof part === 'string' ? part : (values.say(part.name, part.unit) ?? part.source);
  }
  return out;
}
