import type { Issue } from '../errors.js';
import { isRecord } from '../policy/json.js';
import type { PolicyDocument } from '../policy/schema.js';
import { closest } from '../policy/suggest.js';

/**
 * The keys of `facts` that are not declared facts of the policy, each as an issue of code
 * `unknown_fact` with a did-you-mean: `explain` ignores them by default (a typo then just leaves
 * the fact unknown), the CLI and the test runner warn, and `unknownFacts: 'error'` refuses them.
 * @internal
 */
export function unknownFactKeys(doc: PolicyDocument, facts: unknown, basePath: readonly (string | number)[] = []): Issue[] {
  if (!isRecord(facts)) return [];
  const declared = Object.keys(doc.facts);
  const issues: Issue[] = [];
  for (const key of Object.keys(facts)) {
    if (Object.hasOwn(doc.facts, key)) continue;
    const path = [...basePath, key].map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
    const why = Object.hasOwn(doc.parameters ?? {}, key)
      ? `"${key}" is a parameter of the policy, set in the policy itself, not a fact to pass`
      : `"${key}" is not a fact of this policy`;
    const close = closest(key, declared);
    issues.push({ code: 'unknown_fact', path, message: `${why}${close === undefined ? '' : `; did you mean "${close}"?`}${close === undefined ? '.' : ''} It is ignored.` });
  }
  return issues;
}
