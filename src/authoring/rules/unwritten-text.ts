import { formatPath } from '../../errors.js';
import { policyTexts } from '../../policy/check.js';
import type { PolicyDocument } from '../../policy/schema.js';
import { TODO_PREFIX } from '../import.js';

/**
 * Lint rule `unwritten_text`: a text still reads "TODO: …", as `because import` writes the
 * labels it leaves for the author. A customer would read it as it stands.
 * @internal
 */
export function unwrittenTexts(doc: PolicyDocument): { path: string; message: string; rule?: string }[] {
  const out: { path: string; message: string; rule?: string }[] = [];
  for (const { text, path } of policyTexts(doc)) {
    const entries = typeof text === 'string' ? [[undefined, text] as const] : Object.entries(text);
    for (const [locale, value] of entries) {
      if (!value.trimStart().startsWith(TODO_PREFIX)) continue;
      const rule = path[0] === 'rules' ? doc.rules[path[1] as number]?.name : undefined;
      out.push({
        path: formatPath(locale === undefined ? path : [...path, locale]),
        message: `This text is still to be written (${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}); a customer would read it as it stands.`,
        ...(rule === undefined ? {} : { rule }),
      });
    }
  }
  return out;
}
