import type { Policy, PolicyInternals } from '../../policy/define.js';
import type { PolicyDocument } from '../../policy/schema.js';
import type { CompiledNode, LeafNode } from '../../policy/compile.js';
import type { LintFinding } from '../lint.js';

/** What a lint rule in its own file reads: the policy's document and compiled rules. @internal */
export type LintRuleContext = Pick<PolicyInternals, 'document' | 'rules' | 'visibility'>;

/** A finding as a rule reports it; `lintPolicy` adds the severity of its code. @internal */
export type RuleFinding = Omit<LintFinding, 'severity'>;

/**
 * Whether a compiled condition tree reads anything a customer may not read of: a node marked
 * internal, an internal fact or parameter compared, or one compared with.
 * @internal
 */
export function readsInternal(node: CompiledNode, visibility: LintRuleContext['visibility'], seen = new Set<string>()): boolean {
  if (node.internal) return true;
  if (node.ref !== undefined) {
    // A shared condition looked into once answers for every other reference to it.
    if (seen.has(node.ref)) return false;
    seen.add(node.ref);
  }
  if (node.kind !== 'leaf') return node.children.some((child) => readsInternal(child, visibility, seen));
  const leaf: LeafNode = node;
  return visibility.get(leaf.fact) === 'internal' || ('read' in leaf.value && visibility.get(leaf.value.read.fact) === 'internal');
}

/** What the lint rules that reason over the whole compiled policy read. @internal */
export interface PolicyLintContext {
  readonly policy: Policy;
  readonly internals: PolicyInternals;
  readonly doc: PolicyDocument;
}

/** `{ rule }` with the name of the rule a path points into, `{}` when it points elsewhere. @internal */
export function ruleOfPath(doc: PolicyDocument, path: readonly (string | number)[]): { rule?: string } {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return {};
  const name = doc.rules[path[1]]?.name;
  return name === undefined ? {} : { rule: name };
}
