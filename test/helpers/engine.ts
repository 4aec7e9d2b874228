import { Engine } from 'json-rules-engine';
import type { PolicyDocument } from '../../src/policy/schema.js';

/**
 * A json-rules-engine `Engine` holding a policy's rules, shared conditions and parameters: the
 * reference semantics the differential tests compare `because` with. (It lived in
 * src/policy/compile.ts; the core no longer loads `Engine`, only its operator map.)
 */
export function createEngine(doc: PolicyDocument, operators: Readonly<Record<string, (factValue: unknown, value: unknown) => boolean>> = {}): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
  for (const [name, callback] of Object.entries(operators)) engine.addOperator(name, callback as never);
  for (const [name, condition] of Object.entries(doc.conditions ?? {})) {
    engine.setCondition(name, condition as never);
  }
  for (const [name, parameter] of Object.entries(doc.parameters ?? {})) {
    engine.addFact(name, parameter.value as never);
  }
  for (const rule of doc.rules) engine.addRule(rule as never);
  return engine;
}

/** A node of the condition tree json-rules-engine leaves on a rule result after `run()`. */
export interface EngineConditionNode {
  readonly all?: EngineConditionNode[];
  readonly any?: EngineConditionNode[];
  readonly not?: EngineConditionNode;
  /** Set on a reference json-rules-engine did not realise (it skipped it). */
  readonly condition?: string;
  readonly fact?: string;
  /** Set only on the nodes json-rules-engine evaluated. */
  readonly result?: boolean;
  readonly factResult?: unknown;
  readonly valueResult?: unknown;
}

/** What `engine.run()` gives for one fact set: the rules that fired and each rule's condition tree. */
export interface EngineRun {
  readonly fired: string[];
  readonly conditions: ReadonlyMap<string, EngineConditionNode>;
}

/**
 * Runs json-rules-engine on a copy of `doc` (it writes into the condition objects it is given,
 * which fails on a frozen policy document), with custom operators added by `engine.addOperator`.
 * Rejects when json-rules-engine does.
 */
export async function runEngine(
  doc: PolicyDocument,
  facts: Record<string, unknown>,
  operators: Readonly<Record<string, (factValue: unknown, value: unknown) => boolean>> = {},
): Promise<EngineRun> {
  const engine = createEngine(structuredClone(doc) as PolicyDocument, operators);
  const { results, failureResults } = await engine.run(structuredClone(facts));
  const fired = new Set(results.map((r) => r.name as string));
  const conditions = new Map<string, EngineConditionNode>();
  for (const r of [...results, ...failureResults]) conditions.set(r.name as string, r.conditions as unknown as EngineConditionNode);
  return { fired: doc.rules.map((r) => r.name).filter((n) => fired.has(n)), conditions };
}
