import { resolve, type SharedTraces } from '../evaluate/evaluate.js';
import { leavesUnderInternalOf } from './leaves.js';
import type { PolicyInternals } from '../policy/define.js';
import type { Condition, PolicyDocument } from '../policy/schema.js';
import type { Visibility } from '../policy/visibility.js';
import { REDACTED, type ConditionTrace, type LeafTrace } from '../result/schema.js';

/**
 * The one boundary between what a policy knows and what a reader may be told.
 *
 * Every fact and parameter carries its {@link Visibility} from `definePolicy` on. The renderer
 * formats a label only for a {@link Nameable} name, a value only for a {@link Showable} one and
 * phrases a comparison only as a {@link SayableLeaf}; the only way to get those is to ask a
 * {@link Boundary}, which refuses, for a customer, everything internal, and for every audience
 * a personal value while `redact` is on. A text that would need what was refused says
 * something else (the policy's own words or a generic sentence), never the figure.
 * @internal
 */

declare const NAMEABLE: unique symbol;
declare const SHOWABLE: unique symbol;
declare const SAYABLE: unique symbol;

/** A fact or parameter whose label this reader may read. @internal */
export type Nameable = string & { readonly [NAMEABLE]: true };
/** A fact or parameter whose value this reader may read (and so its label too). @internal */
export type Showable = Nameable & { readonly [SHOWABLE]: true };
/** A comparison this reader may read with its label and figures. @internal */
export type SayableLeaf = LeafTrace & { readonly [SAYABLE]: true };

/** What one reader may be told: asked for every name, value and comparison a text would say. @internal */
export interface Boundary {
  readonly audience: 'customer' | 'agent';
  /** Whether the policy marks any condition `internal`: else no trace needs a look for one. */
  readonly marksConditions: boolean;
  /** `name` when its label may be said, else `undefined`. */
  nameable(name: string): Nameable | undefined;
  /** `name` when its value may be said, else `undefined`. */
  showable(name: string): Showable | undefined;
  /**
   * `leaf` when it may be phrased with its labels and figures: for a customer, never a
   * comparison of an internal rule or condition (`hidden`), on an internal fact, or with an
   * internal fact or parameter. (A literal compared with an internal fact is as secret as it.)
   * A personal figure the reader may not read comes back as "[redacted]".
   */
  leaf(leaf: LeafTrace, hidden: boolean): SayableLeaf | undefined;
}

const BOUNDARY_KEYS = {
  customer: ['boundary:customer', 'boundary:customer:redact'],
  agent: ['boundary:agent', 'boundary:agent:redact'],
} as const;

/**
 * The boundary of a policy for one audience: staff may read everything but a personal value
 * while `redact` is on; a customer nothing internal either. Made once per policy and audience.
 * @internal
 */
export function boundaryFor(internals: PolicyInternals, audience: 'customer' | 'agent', redact: boolean): Boundary {
  const key = BOUNDARY_KEYS[audience][redact ? 1 : 0];
  const cached = internals.cache.get(key) as Boundary | undefined;
  if (cached !== undefined) return cached;
  const { visibility } = internals;
  const may = (name: string, what: 'label' | 'value'): boolean => {
    const v: Visibility | undefined = visibility.get(name);
    if (v === undefined) return false;
    if (v === 'internal' && audience === 'customer') return false;
    return what === 'label' || v !== 'personal' || !redact;
  };
  const boundary: Boundary = {
    audience,
    marksConditions: marksConditions(internals.document),
    nameable: (name) => (may(name, 'label') ? (name as Nameable) : undefined),
    showable: (name) => (may(name, 'value') ? (name as Showable) : undefined),
    leaf(leaf, hidden) {
      if (audience === 'customer') {
        if (hidden || leaf.internal === true || !may(leaf.fact, 'label')) return undefined;
        if (leaf.expectedFact !== undefined && !may(leaf.expectedFact, 'label')) return undefined;
      }
      // A personal value the reader may not read is "[redacted]" here, whatever the trace holds;
      // so is a literal compared with it, which would reveal it when they match.
      const actualHidden = leaf.actual !== undefined && !may(leaf.fact, 'value');
      const expectedHidden = leaf.expected !== undefined && !may(leaf.expectedFact ?? leaf.fact, 'value');
      if (!actualHidden && !expectedHidden) return leaf as SayableLeaf;
      return { ...leaf, ...(actualHidden ? { actual: REDACTED } : {}), ...(expectedHidden ? { expected: REDACTED } : {}) } as SayableLeaf;
    },
  };
  internals.cache.set(key, boundary);
  return boundary;
}

/** Whether any condition of the document (a tree: shared conditions are named, not nested) is marked internal. */
function marksConditions(doc: PolicyDocument): boolean {
  const visit = (c: Condition | undefined): boolean =>
    c !== undefined && (c.internal === true || ('all' in c && c.all.some(visit)) || ('any' in c && c.any.some(visit)) || ('not' in c && visit(c.not)));
  return doc.rules.some((r) => visit(r.conditions)) || Object.values(doc.conditions ?? {}).some(visit);
}

/**
 * The leaves of a trace that sit under a node marked `internal` (a condition or a shared
 * condition referenced as internal): a customer reads none of them.
 * @internal
 */
export function leavesUnderInternal(trace: ConditionTrace, shared?: SharedTraces): ReadonlySet<LeafTrace> {
  const out = new Set<LeafTrace>();
  const seen = new Set<string>();
  const stack: [ConditionTrace, boolean][] = [[trace, false]];
  while (stack.length > 0) {
    const [at, above] = stack.pop() as [ConditionTrace, boolean];
    const hidden = above || at.internal === true;
    // A shared condition's leaves, once for each of hidden and not, wherever the trace has it in full.
    const node = resolve(at, shared, seen, String(hidden));
    if (node === undefined) continue;
    if ('fact' in node) {
      if (hidden) out.add(node);
    } else if (node.not !== undefined) stack.push([node.not, hidden]);
    else for (const child of node.all ?? node.any ?? []) stack.push([child, hidden]);
  }
  return out;
}

const NONE: ReadonlySet<LeafTrace> = new Set();

/**
 * The comparisons of a rule this reader may read, and whether any was withheld: for a customer,
 * none of an internal rule, none under an internal condition, none that names an internal fact
 * or parameter. Reasons, why-not blockers and the agent's details all ask here.
 * @internal
 */
export function sayable(
  b: Boundary,
  rule: { readonly internal: boolean },
  trace: ConditionTrace,
  leaves: readonly LeafTrace[],
  shared?: SharedTraces,
): { said: SayableLeaf[]; withheld: boolean } {
  const hidden = hiddenLeaves(b, rule, trace, shared);
  const said: SayableLeaf[] = [];
  let withheld = false;
  for (const leaf of leaves) {
    const shown = b.leaf(leaf, rule.internal || hidden.has(leaf));
    if (shown === undefined) withheld = true;
    else said.push(shown);
  }
  return { said, withheld };
}

/**
 * {@link sayable} leaf by leaf: for each of `leaves`, in order, what this reader may read of it,
 * or `undefined` where it was withheld.
 * @internal
 */
export function sayableEach(
  b: Boundary,
  rule: { readonly internal: boolean },
  trace: ConditionTrace,
  leaves: readonly LeafTrace[],
  shared?: SharedTraces,
): (SayableLeaf | undefined)[] {
  const hidden = hiddenLeaves(b, rule, trace, shared);
  return leaves.map((leaf) => b.leaf(leaf, rule.internal || hidden.has(leaf)));
}

/** The leaves of a rule's trace this reader may not read for sitting under an internal condition. */
function hiddenLeaves(b: Boundary, rule: { readonly internal: boolean }, trace: ConditionTrace, shared?: SharedTraces): ReadonlySet<LeafTrace> {
  return b.audience === 'customer' && b.marksConditions && !rule.internal ? leavesUnderInternalOf(trace, shared) : NONE;
}
