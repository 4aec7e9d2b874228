import { sharedKey, type SharedTraces } from '../../src/evaluate/evaluate.js';
import type { ConditionTrace } from '../../src/result/schema.js';

/**
 * A trace as a tree: every `repeated` stub replaced by the full trace of its shared condition
 * (with the stub's own `result`, `evaluated` and `internal`), recursively. For small test policies only:
 * on a DAG of shared conditions the tree is exponentially larger than the trace.
 */
export function expandTrace(trace: ConditionTrace, shared: SharedTraces): ConditionTrace {
  if ('fact' in trace) return trace;
  if (trace.repeated === true) {
    const full = shared.get(sharedKey(trace.condition as string, trace.evaluated));
    if (full === undefined) throw new Error(`no full trace for the repeated shared condition "${trace.condition}"`);
    const { internal: _, ...rest } = expandTrace(full, shared) as ConditionTrace & { internal?: true };
    return { ...rest, result: trace.result, evaluated: trace.evaluated, ...(trace.internal === true ? { internal: true } : {}) } as ConditionTrace;
  }
  if (trace.not !== undefined) return { ...trace, not: expandTrace(trace.not, shared) };
  if (trace.all !== undefined) return { ...trace, all: trace.all.map((c) => expandTrace(c, shared)) };
  if (trace.any !== undefined) return { ...trace, any: trace.any.map((c) => expandTrace(c, shared)) };
  return trace;
}
