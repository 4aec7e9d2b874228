import { sharedKey, type SharedTraces } from '../evaluate/evaluate.js';
import type { BooleanTrace, ConditionTrace, LeafTrace, Truth } from '../result/schema.js';

/**
 * Walks of a call's rule traces for its texts, as `decisiveLeaves` and `resolve`
 * (src/evaluate/evaluate.ts) walk them, each shared condition once per wish, but with the
 * shared conditions seen kept by their full trace rather than by a key string made per node:
 * a call's shared traces hold one full trace per condition and `evaluated`, and every other
 * reference to it is a `repeated` stub (see `evaluateRules`). test/explain/leaves-fast.test.ts
 * holds them to the walks they replace.
 * @internal
 */

/** The full traces of shared conditions seen, per wish (or per hidden or not), made when first needed. */
interface Seen {
  yes: Set<ConditionTrace> | undefined;
  no: Set<ConditionTrace> | undefined;
  unknown: Set<ConditionTrace> | undefined;
}

/**
 * `node` as `resolve` gives it, for a node that names a shared condition: its full trace, or
 * `undefined` when that trace was walked before with the same wish (or has none).
 */
function once(node: BooleanTrace & { condition: string }, shared: SharedTraces, seen: Seen, wish: Truth): BooleanTrace | undefined {
  const full = node.repeated === true ? shared.get(sharedKey(node.condition, node.evaluated)) : node;
  if (full === undefined) return undefined;
  const set = wish === true ? (seen.yes ??= new Set()) : wish === false ? (seen.no ??= new Set()) : (seen.unknown ??= new Set());
  if (set.has(full)) return undefined;
  set.add(full);
  return full;
}

/**
 * The leaves that made a node come out as `want`, as `decisiveLeaves(trace, want, shared)`
 * finds them (without a meter).
 * @internal
 */
export function decisiveLeavesOf(trace: ConditionTrace, want: Truth, shared: SharedTraces | undefined): LeafTrace[] {
  const out: LeafTrace[] = [];
  collect(trace, want, shared, { yes: undefined, no: undefined, unknown: undefined }, out);
  return out;
}

function collect(trace: ConditionTrace, want: Truth, shared: SharedTraces | undefined, seen: Seen, out: LeafTrace[]): void {
  if ('fact' in trace) {
    if (trace.result === want) out.push(trace);
    return;
  }
  let node: BooleanTrace | undefined = trace;
  if (trace.condition !== undefined && shared !== undefined) {
    node = once(trace as BooleanTrace & { condition: string }, shared, seen, want);
    if (node === undefined || 'fact' in node) return;
  }
  if (node.not !== undefined) {
    collect(node.not, want === 'unknown' ? 'unknown' : !want, shared, seen, out);
    return;
  }
  const list = node.all ?? node.any ?? [];
  const isAll = node.all !== undefined;
  // An all that holds needs every child; an any that fails needs every child too.
  const needsEvery = (isAll && want === true) || (!isAll && want === false);
  for (let i = 0; i < list.length; i++) {
    const child = list[i] as ConditionTrace;
    if (needsEvery || child.result === want) collect(child, want, shared, seen, out);
  }
}

/**
 * The leaves of a trace that sit under a node marked `internal`, as `leavesUnderInternal`
 * (boundary.ts) found them with `resolve`: each shared condition once for each of hidden and not.
 * @internal
 */
export function leavesUnderInternalOf(trace: ConditionTrace, shared: SharedTraces | undefined): Set<LeafTrace> {
  const out = new Set<LeafTrace>();
  const seen: Seen = { yes: undefined, no: undefined, unknown: undefined };
  const stack: ConditionTrace[] = [trace];
  const above: boolean[] = [false];
  while (stack.length > 0) {
    const at = stack.pop() as ConditionTrace;
    const hidden = (above.pop() as boolean) || at.internal === true;
    let node: ConditionTrace | undefined = at;
    if (!('fact' in at) && at.condition !== undefined && shared !== undefined) {
      node = once(at as BooleanTrace & { condition: string }, shared, seen, hidden);
      if (node === undefined) continue;
    }
    if ('fact' in node) {
      if (hidden) out.add(node);
    } else if (node.not !== undefined) {
      stack.push(node.not);
      above.push(hidden);
    } else {
      for (const child of node.all ?? node.any ?? []) {
        stack.push(child);
        above.push(hidden);
      }
    }
  }
  return out;
}
