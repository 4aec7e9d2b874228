import { formatPath } from '../../errors.js';
import { placeholders, policyTexts } from '../../policy/check.js';
import type { PolicyDocument } from '../../policy/schema.js';
import { closest } from '../../policy/suggest.js';
import { ruleOfPath, type RuleFinding } from './rule.js';

/**
 * `unknown_placeholder` (error): a translation a text nests with `$t(key)` (from the `resources`
 * given to `definePolicy`) uses a `{{name}}` that is neither a fact nor a parameter. A text's own
 * placeholders are checked by `definePolicy`.
 * @internal
 */
const NESTING = /\$t\(\s*([^,)\s]+)/g;

export function unknownResourcePlaceholders(doc: PolicyDocument, resources: Readonly<Record<string, unknown>>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const names = new Set([...Object.keys(doc.facts), ...Object.keys(doc.parameters ?? {})]);
  for (const { text, path } of policyTexts(doc)) {
    const sources = typeof text === 'string' ? [text] : Object.values(text);
    for (const source of sources) {
      for (const match of source.matchAll(NESTING)) {
        const key = match[1] as string;
        for (const [locale, bundle] of Object.entries(resources)) {
          const value = key.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined), bundle);
          if (typeof value !== 'string') continue;
          for (const name of placeholders(value)) {
            if (names.has(name)) continue;
            const close = closest(name, [...names]);
            findings.push({
              code: 'unknown_placeholder',
              ...ruleOfPath(doc, path),
              path: formatPath(path),
              message:
                `The translation "${key}" in "${locale}" uses {{${name}}}, but "${name}" is not declared under "facts" or "parameters": it would stay empty. ` +
                `${close === undefined ? 'Declare it, or fix the name in the translation.' : `Did you mean {{${close}}}?`}`,
            });
          }
        }
      }
    }
  }
  return findings;
}
