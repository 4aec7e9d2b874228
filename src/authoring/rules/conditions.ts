/**
 * What several lint rules reason with: compiled conditions walked with their JSON paths, and the
 * comparisons of one fact with a known value ("atoms") as sets of values that can hold.
 * @internal
 */
import { formatPath } from '../../errors.js';
import type { CompiledNode, FactRead, LeafNode } from '../../policy/compile.js';
import type { CompiledRule, PolicyInternals } from '../../policy/define.js';
import { resolvePath } from '../../policy/json-path.js';
import type { JsonValue, PolicyDocument } from '../../policy/schema.js';


/** A compiled node with the JSON path of its definition in the policy. */
export interface Located<N extends CompiledNode = CompiledNode> {
  readonly node: N;
  readonly path: readonly (string | number)[];
}

function located(node: CompiledNode, path: readonly (string | number)[]): Located {
  return { node, path: node.ref === undefined ? path : ['conditions', node.ref] };
}

export function childrenOf({ node, path }: Located): Located[] {
  if (node.kind === 'leaf') return [];
  if (node.kind === 'not') return node.children.map((c) => located(c, [...path, 'not']));
  return node.children.map((c, i) => located(c, [...path, node.kind, i]));
}

/** Visits every node under `root`, a shared condition's once however often it is referred to. */
export function walk(root: Located, visit: (l: Located) => void): void {
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

export function ruleRoot(rule: CompiledRule): Located {
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
export interface Atom {
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

export function valueOf(internals: PolicyInternals, leaf: LeafNode): { value: JsonValue } | undefined {
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
export function requiredAtoms(internals: PolicyInternals, root: Located): { atoms: Atom[]; exact: boolean } {
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

export interface Interval {
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

export function emptyInterval(iv: Interval): boolean {
  return iv.lo > iv.hi || (iv.lo === iv.hi && !(iv.loIn && iv.hiIn));
}

/**
 * The values a subject may take under `atoms`: a finite list when one is known (booleans, an
 * enum, an `equal` or `in`), or a numeric interval.
 */
export function domainOf(doc: PolicyDocument, atoms: readonly Atom[]): { finite: unknown[] } | { interval: Interval } {
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

export function unsatisfiable(doc: PolicyDocument, atoms: readonly Atom[]): boolean {
  const d = domainOf(doc, atoms);
  return 'finite' in d ? d.finite.length === 0 : emptyInterval(d.interval);
}

export function describeAtom(a: Atom): string {
  const leaf = a.located.node;
  const value = 'read' in leaf.value ? `${leaf.value.read.fact} (${JSON.stringify(a.value)})` : JSON.stringify(a.value);
  return `"${a.subject} ${a.operator} ${value}" (${formatPath(a.located.path)})`;
}

export function groupBySubject(atoms: readonly Atom[]): Map<string, Atom[]> {
  const groups = new Map<string, Atom[]>();
  for (const a of atoms) groups.set(a.subject, [...(groups.get(a.subject) ?? []), a]);
  return groups;
}


/** Whether `node` surely holds whenever every atom of `given` (one conjunction) holds. */
export function implied(internals: PolicyInternals, l: Located, given: readonly Atom[], negated = false, memo = new Map<string, boolean>()): boolean {
  const n = l.node;
  // A shared condition is implied or not wherever it stands: it is worked out once.
  const key = n.ref === undefined ? undefined : `${String(negated)}${n.ref}`;
  const known = key === undefined ? undefined : memo.get(key);
  if (known !== undefined) return known;
  let holds: boolean;
  if (n.kind === 'not') {
    holds = implied(internals, childrenOf(l)[0] as Located, given, !negated, memo);
  } else if (n.kind === 'all' || n.kind === 'any') {
    const children = childrenOf(l);
    const conj = (n.kind === 'all') !== negated;
    // an empty all or any holds
    holds = children.length === 0 ? !negated : conj ? children.every((c) => implied(internals, c, given, negated, memo)) : children.some((c) => implied(internals, c, given, negated, memo));
  } else {
    return impliedLeaf(internals, l as Located<LeafNode>, given, negated);
  }
  if (key !== undefined) memo.set(key, holds);
  return holds;
}

/** {@link implied} for a comparison. */
function impliedLeaf(internals: PolicyInternals, l: Located<LeafNode>, given: readonly Atom[], negated: boolean): boolean {
  const target = toAtom(internals, l, negated);
  if (target === undefined) {
    // Not an atom (a fact compared with a fact, a decorated operator): only the same comparison implies it.
    return !negated && given.some((g) => sameLeaf(g.located.node, l.node));
  }
  const same = given.filter((g) => g.subject === target.subject);
  if (same.length === 0) return false;
  if (same.some((g) => g.operator === target.operator && JSON.stringify(g.value) === JSON.stringify(target.value))) return true;
  const d = domainOf(internals.document, same);
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
