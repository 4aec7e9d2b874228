import { formatPath } from '../../errors.js';
import { placeholders } from '../../policy/check.js';
import type { CompiledNode } from '../../policy/compile.js';
import type { LintRuleContext, RuleFinding } from './rule.js';

/**
 * `text_reads_unchecked_fact`: a rule's `because` names a fact that no condition of that rule
 * reads. When the rule fires, nothing says the fact is known, so the customer text would lose
 * that part (it is left out, and the fact listed in `missing`). Read the fact in a condition,
 * declare it `from: "host"` and make sure the host always passes it, or move the sentence into
 * the outcome's `message`, where a sentence naming an unknown fact is simply left out.
 * @internal
 */
export function textReadsUncheckedFact({ document: doc, rules }: LintRuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const rule of rules) {
    const because = doc.rules[rule.index]?.because;
    if (because === undefined) continue;
    const read = factsRead(rule.root);
    const sources = typeof because === 'string' ? [['', because] as const] : Object.entries(because);
    const reported = new Set<string>();
    for (const [locale, source] of sources) {
      for (const name of placeholders(source)) {
        if (!Object.hasOwn(doc.facts, name) || read.has(name) || reported.has(name)) continue;
        reported.add(name);
        out.push({
          code: 'text_reads_unchecked_fact',
          rule: rule.name,
          path: formatPath(['rules', rule.index, 'because', ...(locale === '' ? [] : [locale])]),
          message:
            `The reason names {{${name}}}, but no condition of "${rule.name}" reads "${name}": when it is not given, the customer text has to leave that part out. ` +
            `Add a condition on "${name}", or say it in the outcome's "message", where a sentence with an unknown fact is left out.`,
        });
      }
    }
  }
  return out;
}

/** The facts a condition tree reads, on either side of its comparisons. */
function factsRead(root: CompiledNode): Set<string> {
  const read = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as CompiledNode;
    if (node.kind === 'leaf') {
      read.add(node.fact);
      if ('read' in node.value) read.add(node.value.read.fact);
    } else stack.push(...node.children);
  }
  return read;
}
