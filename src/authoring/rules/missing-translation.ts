import { formatPath } from '../../errors.js';
import { policyTexts } from '../../policy/check.js';
import type { PolicyDocument } from '../../policy/schema.js';
import { ruleOfPath, type RuleFinding } from './rule.js';

/**
 * `missing_translation` (error): a text that lacks a locale another text of the policy has; a
 * customer in that locale would read another language. `nl` covers `nl-BE`.
 * @internal
 */
export function missingTranslations(doc: PolicyDocument): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const texts = policyTexts(doc);
  const locales: string[] = [];
  for (const { text } of texts) {
    if (typeof text === 'string') continue;
    for (const l of Object.keys(text)) if (!locales.includes(l)) locales.push(l);
  }
  for (const { text, path } of texts) {
    if (typeof text === 'string') continue;
    const lacking = locales.filter((l) => !Object.hasOwn(text, l) && !Object.hasOwn(text, l.split('-')[0] as string));
    // "nl" covers "nl-BE": when both lack, asking for "nl" is enough.
    const missing = lacking.filter((l) => !l.includes('-') || !lacking.includes(l.split('-')[0] as string));
    if (missing.length === 0) continue;
    findings.push({
      code: 'missing_translation',
      ...ruleOfPath(doc, path),
      path: formatPath(path),
      message:
        `This text has no ${missing.map((l) => `"${l}"`).join(', ')} version, though the policy is written in ${locales.map((l) => `"${l}"`).join(', ')}: ` +
        `a customer in ${missing.length === 1 ? 'that locale' : 'those locales'} would read another language. Add ${missing.map((l) => `"${l}": "…"`).join(', ')}.`,
    });
  }
  return findings;
}
