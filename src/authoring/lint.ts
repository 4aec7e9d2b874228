import { strategyOrder } from '../decide/decide.js';
import { formatPath } from '../errors.js';
import { evaluateRules } from '../evaluate/evaluate.js';
import { explainSync } from '../explain/explain.js';
import { placeholders, policyTexts } from '../policy/check.js';
import type { CompiledNode, FactRead, LeafNode } from '../policy/compile.js';
import { policyInternals, type CompiledRule, type Policy, type PolicyInternals } from '../policy/define.js';
import { resolvePath } from '../policy/json-path.js';
import type { JsonValue, PolicyDocument, Text } from '../policy/schema.js';
import { unwrittenTexts } from './rules/unwritten-text.js';
import { adverseRuleReadsInternalWithoutText } from './rules/adverse-rule-reads-internal-without-text.js';
import { internalValueInText } from './rules/internal-value-in-text.js';
import { textReadsUncheckedFact } from './rules/text-reads-unchecked-fact.js';
import { textNotPlain } from './rules/text-not-plain.js';
import { customOperatorFindings } from './rules/custom-operators.js';

/**
 * Lint: problems a valid policy can still have. `definePolicy` rejects what cannot run; lint
 * finds what runs but is almost certainly not what the author meant.
 */

/** The codes {@link lintPolicy} reports, with their severity. */
export const LINT_CODES = {
  contradictory_conditions: 'error',
  shadowed_rule: 'error',
  missing_translation: 'error',
  unknown_placeholder: 'error',
  unwritten_text: 'error',
  internal_value_in_text: 'error',
  unused_fact: 'warning',
  unused_parameter: 'warning',
  adverse_without_source: 'warning',
  conflicting_rules: 'warning',
  priority_hides_trace: 'warning',
  adverse_rule_reads_internal_without_text: 'warning',
  text_reads_unchecked_fact: 'warning',
  text_not_plain: 'warning',
  operator_phrase_missing: 'warning',
  opaque_operator: 'warning',
} as const;

/** A lint code. */
export type LintCode = keyof typeof LINT_CODES;

/** One problem found by {@link lintPolicy}. */
export interface LintFinding {
  /** `error`: the policy does not do what it says (a rule never fires, a text is missing). `warning`: probably a mistake. */
  readonly severity: 'error' | 'warning';
  /** Stable code; see the docs for each code with an example and a fix. */
  readonly code: LintCode;
  /** The rule concerned, when there is one. */
  readonly rule?: string;
  /** JSON path into the policy document: `rules[2].conditions.all[1]`. */
  readonly path: string;
  /** What is wrong and what to do, for a policy author. */
  readonly message: string;
  /** For `conflicting_rules`: facts on which both rules fire (verified with `explain`). */
  readonly witness?: Readonly<Record<string, JsonValue>>;
}

/** Options of {@link lintPolicy}. */
export interface LintOptions {
  /**
   * Which overlaps of rules with different outcomes `conflicting_rules` reports. `ties`: only
   * rules that only their order in the file separates (equal priority under the `priority` and
   * `adverse-overrides` strategies). `all`: every pair of rules with different outcomes that
   * can fire on the same facts, whatever the strategy.
   * @default 'ties'
   */
  readonly conflicts?: 'ties' | 'all';
}

/**
 * Lints a policy: contradictions, shadowed rules, missing translations, unused declarations,
 * overlapping rules and more. Every finding names the rule (when there is one) and the JSON path.
 * Findings come sorted: errors first, then by path.
 *
 * @param policy A policy made by `definePolicy`.
 * @example
 * ```ts
 * for (const f of lintPolicy(policy)) console.log(`${f.path}: ${f.severity} ${f.code}: ${f.message}`);
 * ```
 */
export function lintPolicy(policy: Policy, options: LintOptions = {}): LintFinding[] {
  const internals = policyInternals(policy);
  const findings: LintFinding[] = [];
  const ctx: LintContext = { policy, internals, doc: internals.document, findings, seen: new Set() };
  const contradictory = lintContradictions(ctx);
  lintShadowing(ctx, contradictory);
  lintTranslations(ctx);
  for (const f of unwrittenTexts(ctx.doc)) report(ctx, { code: 'unwritten_text', ...f });
  lintResourcePlaceholders(ctx);
  lintUnused(ctx);
  lintSources(ctx);
  lintConflicts(ctx, contradictory, options.conflicts ?? 'ties');
  lintPriorityGroups(ctx);
  // Rules in their own files (src/authoring/rules), one each.
  for (const rule of [internalValueInText, adverseRuleReadsInternalWithoutText, textReadsUncheckedFact, textNotPlain]) for (const finding of rule(ctx.internals)) report(ctx, finding);
  for (const finding of customOperatorFindings(ctx.internals, ctx.internals.operators, policy.locales)) report(ctx, finding);
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || comparePaths(a.path, b.path));
}

interface LintContext {
  readonly policy: Policy;
  readonly internals: PolicyInternals;
  readonly doc: PolicyDocument;
  readonly findings: LintFinding[];
  readonly seen: Set<string>;
}

function report(ctx: LintContext, finding: Omit<LintFinding, 'severity'>): void {
  const key = `${finding.code}\u0000${finding.path}\u0000${finding.rule ?? ''}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  ctx.findings.push({ severity: LINT_CODES[finding.code], ...finding });
}

function comparePaths(a: string, b: string): number {
  const norm = (p: string): string => p.replace(/\[(\d+)\]/g, (_m, n: string) => `[${n.padStart(6, '0')}]`);
  return norm(a) < norm(b) ? -1 : norm(a) > norm(b) ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Walking compiled conditions with their paths

/** A compiled node with the JSON path of its definition in the policy. */
interface Located<N extends CompiledNode = CompiledNode> {
  readonly node: N;
  readonly path: readonly (string | number)[];
}

function located(node: CompiledNode, path: readonly (string | number)[]): Located {
  return { node, path: node.ref === undefined ? path : ['conditions', node.ref] };
}

function childrenOf({ node, path }: Located): Located[] {
  if (node.kind === 'leaf') return [];
  if (node.kind === 'not') return node.children.map((c) => located(c, [...path, 'not']));
  return node.children.map((c, i) => located(c, [...path, node.kind, i]));
}

/** Visits every node under `root`, a shared condition's once however often it is referred to. */
function walk(root: Located, visit: (l: Located) => void): void {
  const stack = [root];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const l = stack.pop() as Located;
    if (l.node.ref !== undefined) {
      if (seen.has(l.node.ref)) continue;
      seen.add(l.node.ref);
    }
    visit(l);
    const children = childrenOf(l);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Located);
  }
}

function ruleRoot(rule: CompiledRule): Located {
  return located(rule.root, ['rules', rule.index, 'conditions']);
}

// ---------------------------------------------------------------------------------------------
// Atoms: comparisons of one fact with a known value, which lint can reason about

const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const NEGATE: Record<string, string> = {
  equal: 'notEqual', notEqual: 'equal', in: 'notIn', notIn: 'in',
  lessThan: 'greaterThanInclusive', greaterThanInclusive: 'lessThan',
  greaterThan: 'lessThanInclusive', lessThanInclusive: 'greaterThan',
};

/** A comparison `fact[path] operator value` with a constant (or parameter) value. */
interface Atom {
  /** `fact` or `fact$.path`: atoms on the same subject constrain the same value. */
  readonly subject: string;
  readonly fact: string;
  /** The operator once `not` (a `not` node or `not:` decorators) is applied. */
  readonly operator: string;
  readonly value: JsonValue;
  /** Tests a candidate value of the subject, as json-rules-engine does, with the polarity applied. */
  readonly test: (candidate: unknown) => boolean;
  readonly located: Located<LeafNode>;
}

function valueOf(internals: PolicyInternals, leaf: LeafNode): { value: JsonValue } | undefined {
  if ('constant' in leaf.value) return { value: leaf.value.constant };
  const read: FactRead = leaf.value.read;
  if (!read.parameter) return undefined;
  const v = internals.parameters.get(read.fact);
  return { value: (read.segments === undefined ? v : resolvePath(v, read.segments)) as JsonValue };
}

function toAtom(internals: PolicyInternals, l: Located<LeafNode>, negated: boolean): Atom | undefined {
  const leaf = l.node;
  if (leaf.parameter) return undefined;
  const parts = leaf.operator.split(':');
  const base = parts.pop() as string;
  if (!parts.every((d) => d === 'not') || NEGATE[base] === undefined) return undefined;
  const v = valueOf(internals, leaf);
  if (v === undefined) return undefined;
  const flip = (parts.length % 2 === 1) !== negated;
  const op = leaf.op;
  const test = (candidate: unknown): boolean => {
    let r: boolean;
    try {
      r = op.evaluate(candidate, v.value) === true;
    } catch {
      r = false;
    }
    return negated ? !r : r;
  };
  return {
    subject: leaf.path === undefined ? leaf.fact : `${leaf.fact}${leaf.path}`,
    fact: leaf.fact,
    operator: flip ? (NEGATE[base] as string) : base,
    value: v.value,
    test,
    located: l,
  };
}

/** The atoms a node certainly requires to hold (its `all` children, through nested `all`s and `not`-of-leaf). */
function requiredAtoms(internals: PolicyInternals, root: Located): { atoms: Atom[]; exact: boolean } {
  const atoms: Atom[] = [];
  let exact = true;
  // A shared condition gives the same atoms wherever it stands: once is enough.
  const seen = new Set<string>();
  const visit = (l: Located, negated: boolean): void => {
    const n = l.node;
    if (n.ref !== undefined) {
      if (seen.has(`${String(negated)}${n.ref}`)) return;
      seen.add(`${String(negated)}${n.ref}`);
    }
    if (n.kind === 'leaf') {
      const atom = toAtom(internals, l as Located<LeafNode>, negated);
      if (atom === undefined) exact = false;
      else atoms.push(atom);
    } else if (n.kind === 'not') {
      visit(childrenOf(l)[0] as Located, !negated);
    } else if ((n.kind === 'all' && !negated) || (n.kind === 'any' && negated) || n.children.length === 1) {
      for (const c of childrenOf(l)) visit(c, negated);
    } else if (n.children.length > 0) {
      exact = false;
    }
  };
  visit(root, false);
  return { atoms, exact };
}

interface Interval {
  lo: number;
  loIn: boolean;
  hi: number;
  hiIn: boolean;
}

function intervalOf(atoms: readonly Atom[], integer: boolean): Interval {
  const iv: Interval = { lo: -Infinity, loIn: false, hi: Infinity, hiIn: false };
  for (const a of atoms) {
    if (!NUMERIC.has(a.operator) || typeof a.value !== 'number') continue;
    const v = a.value;
    if (a.operator === 'greaterThan' || a.operator === 'greaterThanInclusive') {
      const incl = a.operator === 'greaterThanInclusive';
      if (v > iv.lo || (v === iv.lo && !incl)) {
        iv.lo = v;
        iv.loIn = incl;
      }
    } else {
      const incl = a.operator === 'lessThanInclusive';
      if (v < iv.hi || (v === iv.hi && !incl)) {
        iv.hi = v;
        iv.hiIn = incl;
      }
    }
  }
  if (integer) {
    if (Number.isFinite(iv.lo)) {
      iv.lo = iv.loIn && Number.isInteger(iv.lo) ? iv.lo : Math.floor(iv.lo) + 1;
      iv.loIn = true;
    }
    if (Number.isFinite(iv.hi)) {
      iv.hi = iv.hiIn && Number.isInteger(iv.hi) ? iv.hi : Math.ceil(iv.hi) - 1;
      iv.hiIn = true;
    }
  }
  return iv;
}

function emptyInterval(iv: Interval): boolean {
  return iv.lo > iv.hi || (iv.lo === iv.hi && !(iv.loIn && iv.hiIn));
}

/**
 * The values a subject may take under `atoms`: a finite list when one is known (booleans, an
 * enum, an `equal` or `in`), or a numeric interval.
 */
function domainOf(doc: PolicyDocument, atoms: readonly Atom[]): { finite: unknown[] } | { interval: Interval } {
  const first = atoms[0] as Atom;
  const declared = first.subject === first.fact ? doc.facts[first.fact] : undefined;
  let finite: unknown[] | undefined;
  if (declared?.type === 'boolean') finite = [true, false];
  else if (declared?.enum !== undefined) finite = [...declared.enum];
  for (const a of atoms) {
    if (a.operator === 'equal' && finite === undefined) finite = [a.value];
    if (a.operator === 'in' && Array.isArray(a.value) && finite === undefined) finite = [...a.value];
  }
  const integer = declared?.type === 'integer';
  if (finite === undefined) {
    const iv = intervalOf(atoms, integer);
    // A few whole numbers left: list them, so `notEqual`/`notIn` can empty them too.
    if (integer && Number.isFinite(iv.lo) && Number.isFinite(iv.hi) && iv.hi - iv.lo <= 64) {
      finite = [];
      for (let k = iv.lo; k <= iv.hi; k++) finite.push(k);
    } else if (iv.lo === iv.hi && iv.loIn && iv.hiIn) {
      finite = [iv.lo];
    } else {
      return { interval: iv };
    }
  }
  return { finite: finite.filter((c) => atoms.every((a) => a.test(c))) };
}

function unsatisfiable(doc: PolicyDocument, atoms: readonly Atom[]): boolean {
  const d = domainOf(doc, atoms);
  return 'finite' in d ? d.finite.length === 0 : emptyInterval(d.interval);
}

function describeAtom(a: Atom): string {
  const leaf = a.located.node;
  const value = 'read' in leaf.value ? `${leaf.value.read.fact} (${JSON.stringify(a.value)})` : JSON.stringify(a.value);
  return `"${a.subject} ${a.operator} ${value}" (${formatPath(a.located.path)})`;
}

function groupBySubject(atoms: readonly Atom[]): Map<string, Atom[]> {
  const groups = new Map<string, Atom[]>();
  for (const a of atoms) groups.set(a.subject, [...(groups.get(a.subject) ?? []), a]);
  return groups;
}

// ---------------------------------------------------------------------------------------------
// contradictory_conditions

/** Reports every `all` whose comparisons on one fact cannot hold together; returns the rules that can never fire. */
function lintContradictions(ctx: LintContext): Set<number> {
  const never = new Set<number>();
  for (const rule of ctx.internals.rules) {
    const root = ruleRoot(rule);
    const rootAtoms = requiredAtoms(ctx.internals, root).atoms;
    for (const [, atoms] of groupBySubject(rootAtoms)) {
      if (unsatisfiable(ctx.doc, atoms)) never.add(rule.index);
    }
    walk(root, (l) => {
      if (l.node.kind !== 'all') return;
      const { atoms } = requiredAtoms(ctx.internals, l);
      for (const [subject, group] of groupBySubject(atoms)) {
        if (!unsatisfiable(ctx.doc, group)) continue;
        // Name the smallest clash: a pair when one pair already cannot hold.
        let shown = group;
        outer: for (let i = 0; i < group.length; i++) {
          for (let j = i + 1; j < group.length; j++) {
            const pair = [group[i] as Atom, group[j] as Atom];
            if (unsatisfiable(ctx.doc, pair)) {
              shown = pair;
              break outer;
            }
          }
        }
        // A clash inside one nested "all" is reported there, not again here.
        const depth = l.path.length;
        const childOf = (a: Atom): string => formatPath(a.located.path.slice(0, depth + 2));
        const firstChild = childOf(shown[0] as Atom);
        const inside = shown.every((a) => a.located.path.length > depth + 2 && childOf(a) === firstChild && formatPath(a.located.path.slice(0, depth)) === formatPath(l.path));
        if (shown.length === 2 && inside && findAll(l, firstChild)) continue;
        const atRoot = formatPath(l.path) === formatPath(root.path);
        report(ctx, {
          code: 'contradictory_conditions',
          rule: rule.name,
          path: formatPath(l.path),
          message:
            `No value of "${subject}" meets ${shown.map(describeAtom).join(' and ')}${shown.length > 1 ? ' together' : ''}, so ` +
            `${atRoot ? `rule "${rule.name}" can never fire` : 'this "all" can never hold'}. Fix the values or the operators, or split them into separate rules.`,
        });
      }
    });
  }
  return never;
}

/** Whether the child of `l` at `path` is an `all` (which is then checked on its own). */
function findAll(l: Located, path: string): boolean {
  return childrenOf(l).some((c) => formatPath(c.path) === path && c.node.kind === 'all');
}

// ---------------------------------------------------------------------------------------------
// shadowed_rule

/** Whether `node` surely holds whenever every atom of `given` (one conjunction) holds. */
function implied(ctx: LintContext, l: Located, given: readonly Atom[], negated = false, memo = new Map<string, boolean>()): boolean {
  const n = l.node;
  // A shared condition is implied or not wherever it stands: it is worked out once.
  const key = n.ref === undefined ? undefined : `${String(negated)}${n.ref}`;
  const known = key === undefined ? undefined : memo.get(key);
  if (known !== undefined) return known;
  let holds: boolean;
  if (n.kind === 'not') {
    holds = implied(ctx, childrenOf(l)[0] as Located, given, !negated, memo);
  } else if (n.kind === 'all' || n.kind === 'any') {
    const children = childrenOf(l);
    const conj = (n.kind === 'all') !== negated;
    // an empty all or any holds
    holds = children.length === 0 ? !negated : conj ? children.every((c) => implied(ctx, c, given, negated, memo)) : children.some((c) => implied(ctx, c, given, negated, memo));
  } else {
    return impliedLeaf(ctx, l as Located<LeafNode>, given, negated);
  }
  if (key !== undefined) memo.set(key, holds);
  return holds;
}

/** {@link implied} for a comparison. */
function impliedLeaf(ctx: LintContext, l: Located<LeafNode>, given: readonly Atom[], negated: boolean): boolean {
  const target = toAtom(ctx.internals, l, negated);
  if (target === undefined) {
    // Not an atom (a fact compared with a fact, a decorated operator): only the same comparison implies it.
    return !negated && given.some((g) => sameLeaf(g.located.node, l.node));
  }
  const same = given.filter((g) => g.subject === target.subject);
  if (same.length === 0) return false;
  if (same.some((g) => g.operator === target.operator && JSON.stringify(g.value) === JSON.stringify(target.value))) return true;
  const d = domainOf(ctx.doc, same);
  if ('finite' in d) return d.finite.every((c) => target.test(c));
  if (!NUMERIC.has(target.operator) || typeof target.value !== 'number') return false;
  const iv = d.interval;
  if (emptyInterval(iv)) return true;
  const v = target.value;
  switch (target.operator) {
    case 'greaterThan':
      return iv.lo > v || (iv.lo === v && !iv.loIn);
    case 'greaterThanInclusive':
      return iv.lo >= v;
    case 'lessThan':
      return iv.hi < v || (iv.hi === v && !iv.hiIn);
    default:
      return iv.hi <= v;
  }
}

function sameLeaf(a: LeafNode, b: LeafNode): boolean {
  return a.fact === b.fact && a.path === b.path && a.operator === b.operator && JSON.stringify(a.value) === JSON.stringify(b.value);
}

function lintShadowing(ctx: LintContext, never: ReadonlySet<number>): void {
  const order = strategyOrder(
    ctx.internals.rules.map((rule) => ({ rule })),
    ctx.doc,
  ).map((e) => e.rule);
  const strategy = ctx.doc.decision?.strategy ?? 'priority';
  order.forEach((later, k) => {
    if (never.has(later.index)) return;
    const given = requiredAtoms(ctx.internals, ruleRoot(later)).atoms;
    const laterConditions = JSON.stringify(ctx.doc.rules[later.index]?.conditions);
    for (const earlier of order.slice(0, k)) {
      if (earlier.outcome === later.outcome || never.has(earlier.index)) continue;
      const identical = JSON.stringify(ctx.doc.rules[earlier.index]?.conditions) === laterConditions;
      if (!identical && !implied(ctx, ruleRoot(earlier), given)) continue;
      const why =
        strategy === 'first'
          ? 'comes first in the file'
          : earlier.priority > later.priority
            ? `has a higher priority (${earlier.priority} > ${later.priority})`
            : strategy === 'adverse-overrides' && ctx.doc.outcomes[earlier.outcome]?.adverse === true && ctx.doc.outcomes[later.outcome]?.adverse !== true
              ? 'has an adverse outcome, which overrides'
              : `has the same priority (${earlier.priority}) and comes first in the file`;
      report(ctx, {
        code: 'shadowed_rule',
        rule: later.name,
        path: formatPath(['rules', later.index]),
        message:
          `Rule "${later.name}" (${later.outcome}) never decides: whenever it fires, rule "${earlier.name}" (${earlier.outcome}) fires too and ${why}` +
          `${identical ? ' (their conditions are identical)' : ' (its conditions are implied by this rule\'s)'}. ` +
          `Give "${later.name}" a higher priority, or narrow the conditions of "${earlier.name}".`,
      });
      return;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// missing_translation, unknown_placeholder

function ruleOfPath(doc: PolicyDocument, path: readonly (string | number)[]): { rule?: string } {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return {};
  const name = doc.rules[path[1]]?.name;
  return name === undefined ? {} : { rule: name };
}

function lintTranslations(ctx: LintContext): void {
  const texts = policyTexts(ctx.doc);
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
    report(ctx, {
      code: 'missing_translation',
      ...ruleOfPath(ctx.doc, path),
      path: formatPath(path),
      message:
        `This text has no ${missing.map((l) => `"${l}"`).join(', ')} version, though the policy is written in ${locales.map((l) => `"${l}"`).join(', ')}: ` +
        `a customer in ${missing.length === 1 ? 'that locale' : 'those locales'} would read another language. Add ${missing.map((l) => `"${l}": "…"`).join(', ')}.`,
    });
  }
}

const NESTING = /\$t\(\s*([^,)\s]+)/g;

function lintResourcePlaceholders(ctx: LintContext): void {
  const resources = ctx.internals.options.resources ?? {};
  const names = new Set([...Object.keys(ctx.doc.facts), ...Object.keys(ctx.doc.parameters ?? {})]);
  for (const { text, path } of policyTexts(ctx.doc)) {
    const sources = typeof text === 'string' ? [text] : Object.values(text);
    for (const source of sources) {
      for (const match of source.matchAll(NESTING)) {
        const key = match[1] as string;
        for (const [locale, bundle] of Object.entries(resources)) {
          const value = key.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined), bundle);
          if (typeof value !== 'string') continue;
          for (const name of placeholders(value)) {
            if (names.has(name)) continue;
            report(ctx, {
              code: 'unknown_placeholder',
              ...ruleOfPath(ctx.doc, path),
              path: formatPath(path),
              message: `The translation "${key}" in "${locale}" uses {{${name}}}, but "${name}" is not declared under "facts" or "parameters": it would stay empty. Declare it, or fix the name in the translation.`,
            });
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// unused_fact, unused_parameter, adverse_without_source

function lintUnused(ctx: LintContext): void {
  const read = new Set<string>();
  for (const rule of ctx.internals.rules) {
    walk(ruleRoot(rule), ({ node }) => {
      if (node.kind !== 'leaf') return;
      read.add(node.fact);
      if ('read' in node.value) read.add(node.value.read.fact);
    });
  }
  const inTexts = new Set<string>();
  for (const { text } of policyTexts(ctx.doc)) {
    for (const s of typeof text === 'string' ? [text] : Object.values(text)) for (const name of placeholders(s)) inTexts.add(name);
  }
  for (const name of Object.keys(ctx.doc.facts)) {
    if (read.has(name) || inTexts.has(name)) continue;
    report(ctx, {
      code: 'unused_fact',
      path: formatPath(['facts', name]),
      message: `The fact "${name}" is declared but no rule and no text reads it. Remove it, or write the condition that needs it.`,
    });
  }
  for (const name of Object.keys(ctx.doc.parameters ?? {})) {
    if (read.has(name) || inTexts.has(name)) continue;
    report(ctx, {
      code: 'unused_parameter',
      path: formatPath(['parameters', name]),
      message: `The parameter "${name}" is declared but no rule and no text reads it. Remove it, or compare with it: "value": { "fact": "${name}" }.`,
    });
  }
}

function lintSources(ctx: LintContext): void {
  ctx.doc.rules.forEach((rule, i) => {
    if (ctx.doc.outcomes[rule.event.type]?.adverse !== true || rule.source !== undefined) return;
    report(ctx, {
      code: 'adverse_without_source',
      rule: rule.name,
      path: formatPath(['rules', i]),
      message: `Rule "${rule.name}" gives the adverse outcome "${rule.event.type}" but cites no source. Add "source": { "title": …, "url": … } so customers and reviewers can look up the policy text behind it.`,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// conflicting_rules

const MAX_COMBINATIONS = 20_000;

function lintConflicts(ctx: LintContext, never: ReadonlySet<number>, mode: 'ties' | 'all'): void {
  const strategy = ctx.doc.decision?.strategy ?? 'priority';
  if (mode === 'ties' && strategy === 'first') return;
  const shadowed = new Set(ctx.findings.filter((f) => f.code === 'shadowed_rule').map((f) => f.rule));
  const rules = ctx.internals.rules.filter((r) => !never.has(r.index) && !shadowed.has(r.name));
  const adverse = (r: CompiledRule): boolean => ctx.doc.outcomes[r.outcome]?.adverse === true;
  const at = dateInForce(ctx.doc);
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i] as CompiledRule;
      const b = rules[j] as CompiledRule;
      if (a.outcome === b.outcome) continue;
      if (mode === 'ties' && (a.priority !== b.priority || (strategy === 'adverse-overrides' && adverse(a) !== adverse(b)))) continue;
      const witness = findWitness(ctx, a, b);
      if (witness === undefined) continue;
      // Verify with explain itself: both rules fire on the witness.
      let result;
      try {
        result = explainSync(ctx.policy, witness, { at, redact: false });
      } catch {
        continue;
      }
      if (result.trace[a.index]?.fired !== true || result.trace[b.index]?.fired !== true) continue;
      const decider = result.decidedBy === a.name || result.decidedBy === b.name ? result.decidedBy : undefined;
      report(ctx, {
        code: 'conflicting_rules',
        rule: b.name,
        path: formatPath(['rules', b.index]),
        witness,
        message:
          `Rules "${a.name}" (${a.outcome}) and "${b.name}" (${b.outcome}) both fire on ${JSON.stringify(witness)}` +
          `${mode === 'ties' ? `, and only their order in the file decides between them${decider === undefined ? '' : ` ("${decider}" wins)`}` : ''}. ` +
          `Give the rule that should win a higher priority, or add a condition that keeps them apart.`,
      });
    }
  }
}

function dateInForce(doc: PolicyDocument): string {
  if (doc.validFrom != null) return doc.validFrom;
  if (doc.validTo != null) return doc.validTo;
  return new Date().toISOString();
}

/** Facts on which both rules fire, found by trying the boundaries of their conditions. */
function findWitness(ctx: LintContext, a: CompiledRule, b: CompiledRule): Record<string, JsonValue> | undefined {
  const candidates = new Map<string, JsonValue[]>();
  const add = (fact: string, values: readonly JsonValue[]): void => {
    const list = candidates.get(fact) ?? [];
    for (const v of values) if (!list.some((x) => JSON.stringify(x) === JSON.stringify(v))) list.push(v);
    candidates.set(fact, list);
  };
  const leaves: LeafNode[] = [];
  for (const rule of [a, b]) walk(ruleRoot(rule), ({ node }) => node.kind === 'leaf' && leaves.push(node));
  const thresholds = new Map<string, JsonValue[]>();
  for (const leaf of leaves) {
    const v = valueOf(ctx.internals, leaf);
    if (!leaf.parameter && v !== undefined) thresholds.set(leaf.fact, [...(thresholds.get(leaf.fact) ?? []), v.value]);
  }
  for (const leaf of leaves) {
    for (const read of [leaf as FactRead, ...('read' in leaf.value ? [leaf.value.read] : [])]) {
      if (read.parameter) continue;
      const declared = ctx.doc.facts[read.fact];
      if (declared === undefined) continue;
      // A fact compared with another fact borrows that fact's thresholds.
      const other = 'read' in leaf.value ? (read === leaf ? leaf.value.read.fact : leaf.fact) : undefined;
      const known = [...(thresholds.get(read.fact) ?? []), ...(other === undefined ? [] : (thresholds.get(other) ?? []))];
      add(read.fact, candidateValues(declared.type, declared.enum, known, read.segments));
    }
    // A custom operator that declares where its conditions turn lends those values too.
    const boundary = leaf.custom?.definition.boundary;
    const v = boundary === undefined || leaf.path !== undefined ? undefined : valueOf(ctx.internals, leaf);
    if (boundary !== undefined && v !== undefined && !leaf.parameter) {
      try {
        add(leaf.fact, (boundary.call(leaf.custom?.definition, v.value, undefined) as JsonValue[]).filter((x) => x !== undefined));
      } catch {
        // a boundary that fails lends nothing
      }
    }
  }
  const facts = [...candidates.keys()];
  const lists = facts.map((f) => candidates.get(f) as JsonValue[]);
  const total = lists.reduce((n, l) => n * Math.max(1, l.length), 1);
  const tries = Math.min(total, MAX_COMBINATIONS);
  for (let k = 0; k < tries; k++) {
    const facts_: Record<string, JsonValue> = {};
    let rest = k;
    facts.forEach((f, idx) => {
      const list = lists[idx] as JsonValue[];
      if (list.length === 0) return;
      facts_[f] = list[rest % list.length] as JsonValue;
      rest = Math.floor(rest / list.length);
    });
    const given = new Map<string, unknown>(Object.entries(facts_));
    let evaluation;
    try {
      evaluation = evaluateRules([a, b], { facts: given, parameters: ctx.internals.parameters });
    } catch {
      continue; // a custom operator that fails on these values
    }
    if (evaluation.rules.every((e) => e.fired === true)) return facts_;
  }
  return undefined;
}

function candidateValues(
  type: string,
  enumValues: readonly string[] | undefined,
  thresholds: readonly JsonValue[],
  segments: readonly string[] | undefined,
): JsonValue[] {
  const flat = thresholds.flatMap((t) => (Array.isArray(t) ? t : [t]));
  let values: JsonValue[];
  if (segments !== undefined) {
    // An object read through a path: build the object around each candidate.
    const inner: JsonValue[] = [...new Set(flat.flatMap((t): JsonValue[] => (typeof t === 'number' ? [t - 1, t, t + 1] : [t])))];
    const wrap = (v: JsonValue): JsonValue =>
      segments.reduceRight<JsonValue>((acc, key) => (/^\d+$/.test(key) ? Array.from({ length: Number(key) + 1 }, (_x, k): JsonValue => (k === Number(key) ? acc : null)) : { [key]: acc }), v);
    return (inner.length > 0 ? inner : [null]).map(wrap);
  }
  switch (type) {
    case 'boolean':
      return [true, false];
    case 'number':
    case 'integer': {
      const nums = flat.filter((t): t is number => typeof t === 'number');
      values = nums.length === 0 ? [0, 1] : nums.flatMap((n) => [n - 1, n, n + 1]);
      if (type === 'integer') values = values.map((n) => Math.round(n as number));
      return [...new Set(values)];
    }
    case 'string':
      return enumValues !== undefined ? [...enumValues] : [...new Set([...flat.filter((t) => typeof t === 'string'), '\u0000other'])];
    case 'date': {
      const dates = flat.filter((t): t is string => typeof t === 'string' && !Number.isNaN(Date.parse(t)));
      const shift = (d: string, days: number): string => new Date(Date.parse(d) + days * 86_400_000).toISOString().slice(0, 10);
      return dates.length === 0 ? ['2026-01-01'] : [...new Set(dates.flatMap((d) => [shift(d, -1), d.slice(0, 10), shift(d, 1)]))];
    }
    case 'array':
      return [[], ...flat.map((t) => [t]), flat];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// priority_hides_trace

function lintPriorityGroups(ctx: LintContext): void {
  for (const rule of ctx.internals.rules) {
    walk(ruleRoot(rule), (l) => {
      const n = l.node;
      if ((n.kind !== 'all' && n.kind !== 'any') || n.children.length < 2) return;
      const priorities = [...new Set(n.children.map((c) => c.groupPriority))].sort((x, y) => y - x);
      if (priorities.length < 2) return;
      const top = priorities[0] as number;
      const lower = childrenOf(l).filter((c) => c.node.groupPriority < top).map((c) => formatPath(c.path));
      report(ctx, {
        code: 'priority_hides_trace',
        rule: rule.name,
        path: formatPath(l.path),
        message:
          `The conditions of this "${n.kind}" have different priorities (${priorities.join(', ')}). Whenever the higher-priority ones settle it ` +
          `(${n.kind === 'all' ? 'one is false' : 'one is true'}), ${lower.join(', ')} ${lower.length === 1 ? 'is' : 'are'} skipped: the trace shows ` +
          `"evaluated": false, their facts are not reported as used or missing, and tests cannot cover them. Remove the condition priorities unless a fact is expensive to get.`,
      });
    });
  }
}
