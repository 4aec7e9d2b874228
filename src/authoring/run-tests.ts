import { formatPath, isBecauseError } from '../errors.js';
import { evaluateRules, resolve, sharedTracesOf, type SharedTraces } from '../evaluate/evaluate.js';
import { explain } from '../explain/explain.js';
import type { ExplainOptions } from '../explain/options.js';
import { policyInternals, type Policy } from '../policy/define.js';
import { UNDECIDED } from '../policy/check.js';
import { closest } from '../policy/suggest.js';
import { unknownFactKeys } from '../evaluate/unknown-facts.js';
import type { JsonValue } from '../policy/schema.js';
import type { ConditionTrace, DecisionResult, LeafTrace } from '../result/schema.js';
import { parseTestSuite, type TestCase, type TestSuite } from './tests-file.js';

/** One way a case did not meet its expectation. */
export interface TestFailure {
  /**
   * What differed: `outcome`, `decidedBy`, `missing`, `textIncludes`, or `error` when `explain`
   * rejected (bad facts, policy not in force on `at`, a bad option).
   */
  readonly field: 'outcome' | 'decidedBy' | 'missing' | 'textIncludes' | 'error';
  /** What the case expected. */
  readonly expected: JsonValue;
  /** What the policy gave (for `error`: the error's code and message). */
  readonly actual: JsonValue;
  /** One sentence for the policy author. */
  readonly message: string;
}

/** The result of one case. */
export interface CaseResult {
  /** The case's name. */
  readonly name: string;
  /** Its index in the file, and the JSON path of the case in the tests file. */
  readonly index: number;
  readonly path: string;
  readonly passed: boolean;
  /** Empty when the case passed. */
  readonly failures: readonly TestFailure[];
  /**
   * What is probably a mistake without failing the case: a key of `facts` that is not a fact of
   * the policy (code `unknown_fact`, with a did-you-mean), which `explain` ignores.
   */
  readonly warnings: readonly { readonly code: string; readonly path: string; readonly message: string }[];
  /** The decision taken, when `explain` resolved. */
  readonly result?: DecisionResult;
}

/** Coverage as counts and a percentage. */
export interface CoverageCount {
  readonly covered: number;
  readonly total: number;
  /** `covered / total` as a percentage, rounded to one decimal; 100 when `total` is 0. */
  readonly percent: number;
}

/** How one leaf condition of one rule was seen across the cases. */
export interface ConditionCoverage {
  /** The rule the condition belongs to. */
  readonly rule: string;
  /**
   * The JSON path of the condition in the policy: `rules[2].conditions.all[0]`, or
   * `conditions.vip.any[1]` for a leaf of a shared condition, which counts once per rule that
   * references it.
   */
  readonly path: string;
  readonly fact: string;
  readonly operator: string;
  /** Whether some case evaluated it to true / to false. */
  readonly seenTrue: boolean;
  readonly seenFalse: boolean;
}

/** Rule and condition coverage of a test run. */
export interface Coverage {
  /** Rules that fired in at least one case. */
  readonly rules: CoverageCount & { readonly uncovered: readonly { readonly rule: string; readonly path: string }[] };
  /**
   * Condition outcomes: each leaf condition of each rule counts twice, once for being seen
   * true and once for being seen false (only leaves that were evaluated count, see
   * `evaluated` in the trace; an unknown result counts for neither).
   */
  readonly conditions: CoverageCount & { readonly uncovered: readonly (ConditionCoverage & { readonly missing: readonly ('true' | 'false')[] })[] };
  /** Every leaf condition, in policy order. */
  readonly leaves: readonly ConditionCoverage[];
}

/** The report of {@link runTests}. */
export interface TestReport {
  readonly policy: { readonly id: string; readonly version: string };
  readonly cases: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  readonly coverage: Coverage;
}

/**
 * Runs the cases of a tests file against a policy and measures rule and condition coverage.
 *
 * A case whose facts the policy rejects (or that `explain` rejects for another reason, such as
 * a date outside the policy's validity) is a failed case with a failure of field `error`; it
 * never makes `runTests` reject.
 *
 * @param policy A policy made by `definePolicy`.
 * @param suite A tests file: a {@link TestSuite}, or its parsed JSON (validated here).
 * @throws {TestsFileError} (as a rejection) when `suite` is not a valid tests file.
 * @example
 * ```ts
 * const report = await runTests(policy, JSON.parse(readFileSync('refund.tests.json', 'utf8')));
 * report.failed;                     // 0
 * report.coverage.rules.uncovered;   // [{ rule: 'high-amount-review', path: 'rules[5]' }]
 * ```
 */
export async function runTests(policy: Policy, suite: TestSuite | unknown): Promise<TestReport> {
  const parsed = parseTestSuite(suite);
  const cases: CaseResult[] = [];
  for (const [index, testCase] of parsed.cases.entries()) {
    cases.push(await runCase(policy, testCase, index, Array.isArray(suite)));
  }
  const passed = cases.filter((c) => c.passed).length;
  return {
    policy: { id: policy.id, version: policy.version },
    cases,
    passed,
    failed: cases.length - passed,
    coverage: measureCoverage(policy, cases.flatMap((c) => (c.result === undefined ? [] : [c.result]))),
  };
}

async function runCase(policy: Policy, testCase: TestCase, index: number, bare: boolean): Promise<CaseResult> {
  const path = formatPath(bare ? [index] : ['cases', index]);
  const warnings = unknownFactKeys(policyInternals(policy).document, testCase.facts, [...(bare ? [index] : ['cases', index]), 'facts']);
  const options: ExplainOptions = {
    ...(testCase.at === undefined ? {} : { at: testCase.at }),
    ...(testCase.locale === undefined ? {} : { locale: testCase.locale }),
    ...(testCase.audience === undefined ? {} : { audience: testCase.audience }),
  };
  let result: DecisionResult;
  try {
    result = await explain(policy, testCase.facts, options);
  } catch (error) {
    if (!isBecauseError(error)) throw error;
    const detail = error.issues.map((i) => `${i.path === '' ? '' : `${i.path}: `}${i.message}`).join('; ');
    return {
      name: testCase.name,
      index,
      path,
      passed: false,
      warnings,
      failures: [
        {
          field: 'error',
          expected: testCase.expect.outcome,
          actual: { code: error.code, message: detail },
          message: `The policy rejected this case (${error.name}, ${error.code}): ${detail}`,
        },
      ],
    };
  }
  const failures = compare(testCase, result, policy);
  return { name: testCase.name, index, path, passed: failures.length === 0, failures, warnings, result };
}

function compare(testCase: TestCase, result: DecisionResult, policy: Policy): TestFailure[] {
  const expect = testCase.expect;
  const failures: TestFailure[] = [];
  const doc = policyInternals(policy).document;
  if (result.outcome !== expect.outcome) {
    const outcomes = [...Object.keys(doc.outcomes), UNDECIDED];
    const close = closest(expect.outcome, outcomes);
    const notAnOutcome = outcomes.includes(expect.outcome)
      ? ''
      : ` "${expect.outcome}" is not an outcome of this policy${close === undefined ? `; its outcomes are ${listOf(outcomes)}` : `; did you mean "${close}"?`}`;
    failures.push({
      field: 'outcome',
      expected: expect.outcome,
      actual: result.outcome,
      message: `Expected the outcome "${expect.outcome}", but the policy decided "${result.outcome}"${result.decidedBy === null ? ' (no rule fired)' : ` by rule "${result.decidedBy}"`}.${notAnOutcome}${notAnOutcome === '' || close !== undefined ? '' : '.'}`,
    });
  }
  if (expect.decidedBy !== undefined && result.decidedBy !== expect.decidedBy) {
    const names = doc.rules.map((r) => r.name);
    const close = expect.decidedBy === null || names.includes(expect.decidedBy) ? undefined : closest(expect.decidedBy, names);
    failures.push({
      field: 'decidedBy',
      expected: expect.decidedBy,
      actual: result.decidedBy,
      message: `Expected ${ruleOrDefault(expect.decidedBy)} to decide, but ${ruleOrDefault(result.decidedBy)} did.${expect.decidedBy !== null && !names.includes(expect.decidedBy) ? ` There is no rule "${expect.decidedBy}"${close === undefined ? '.' : `; did you mean "${close}"?`}` : ''}`,
    });
  }
  if (expect.missing !== undefined) {
    const actual = result.missing.map((m) => m.fact);
    if (actual.length !== expect.missing.length || actual.some((f, i) => f !== expect.missing?.[i])) {
      failures.push({
        field: 'missing',
        expected: [...expect.missing],
        actual,
        message: `Expected the missing facts ${listOf(expect.missing)}, in that order, but got ${listOf(actual)}.`,
      });
    }
  }
  for (const piece of expect.textIncludes ?? []) {
    // Texts put a no-break space between a figure and its unit ("€ 19,50"): a space matches it.
    if (!spaced(result.text).includes(spaced(piece))) {
      failures.push({ field: 'textIncludes', expected: piece, actual: result.text, message: `The text does not contain "${piece}".` });
    }
  }
  return failures;
}

/** `text` with every kind of space (no-break, narrow no-break, figure space) as a plain space. */
function spaced(text: string): string {
  return text.replace(/[\u00a0\u202f\u2007]/g, ' ');
}

function ruleOrDefault(rule: string | null): string {
  return rule === null ? 'no rule (the default)' : `rule "${rule}"`;
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `"${n}"`).join(', ');
}

/**
 * The leaves of a rule's condition trace with their JSON paths in the policy. A node realised
 * from a shared condition starts again at `conditions.<name>`; `shared` holds the full traces
 * of the call's shared conditions ({@link sharedTracesOf}).
 * @internal
 */
export function leavesWithPaths(trace: ConditionTrace, base: readonly (string | number)[], shared: SharedTraces): { leaf: LeafTrace; path: string }[] {
  const out: { leaf: LeafTrace; path: string }[] = [];
  const seen = new Set<string>();
  const stack: { node: ConditionTrace; path: readonly (string | number)[] }[] = [{ node: trace, path: base }];
  while (stack.length > 0) {
    const { node: at, path: p } = stack.pop() as { node: ConditionTrace; path: readonly (string | number)[] };
    // A shared condition is walked once per rule, in full even where the trace has a stub.
    const node = resolve(at, shared, seen);
    if (node === undefined) continue;
    const path = node.condition === undefined ? p : ['conditions', node.condition];
    if ('fact' in node) {
      out.push({ leaf: node, path: formatPath(path) });
      continue;
    }
    if (node.not !== undefined) {
      stack.push({ node: node.not, path: [...path, 'not'] });
      continue;
    }
    const key = node.all !== undefined ? 'all' : 'any';
    const list = node.all ?? node.any ?? [];
    for (let i = list.length - 1; i >= 0; i--) stack.push({ node: list[i] as ConditionTrace, path: [...path, key, i] });
  }
  return out;
}

/**
 * Rule and condition coverage of a policy over a set of decision results.
 * @internal
 */
export function measureCoverage(policy: Policy, results: readonly DecisionResult[]): Coverage {
  const rules = policy.document.rules;
  const fired = new Set<string>();
  const seen = new Map<string, { true: boolean; false: boolean }>();
  const key = (rule: string, path: string): string => `${rule}\u0000${path}`;
  for (const result of results) {
    // The trace lists every rule in file order.
    const shared = sharedTracesOf(result.trace.map((t) => t.conditions));
    for (const [index, t] of result.trace.entries()) {
      if (t.fired === true) fired.add(t.rule);
      for (const { leaf, path } of leavesWithPaths(t.conditions, ['rules', index, 'conditions'], shared)) {
        if (!leaf.evaluated || leaf.result === 'unknown') continue;
        const k = key(t.rule, path);
        const entry = seen.get(k) ?? { true: false, false: false };
        if (leaf.result) entry.true = true;
        else entry.false = true;
        seen.set(k, entry);
      }
    }
  }
  const leaves: ConditionCoverage[] = [];
  const shapes = ruleShapes(policy);
  rules.forEach((rule, index) => {
    for (const { leaf, path } of shapes[index] ?? []) {
      const s = seen.get(key(rule.name, path));
      leaves.push({ rule: rule.name, path, fact: leaf.fact, operator: leaf.operator, seenTrue: s?.true ?? false, seenFalse: s?.false ?? false });
    }
  });
  const uncoveredRules = rules.flatMap((r, i) => (fired.has(r.name) ? [] : [{ rule: r.name, path: formatPath(['rules', i]) }]));
  const covered = leaves.reduce((n, l) => n + (l.seenTrue ? 1 : 0) + (l.seenFalse ? 1 : 0), 0);
  return {
    rules: { ...count(rules.length - uncoveredRules.length, rules.length), uncovered: uncoveredRules },
    conditions: {
      ...count(covered, leaves.length * 2),
      uncovered: leaves
        .filter((l) => !l.seenTrue || !l.seenFalse)
        .map((l) => ({ ...l, missing: [...(l.seenTrue ? [] : ['true' as const]), ...(l.seenFalse ? [] : ['false' as const])] })),
    },
    leaves,
  };
}

function count(covered: number, total: number): CoverageCount {
  return { covered, total, percent: total === 0 ? 100 : Math.round((covered / total) * 1000) / 10 };
}

/**
 * The leaves of every rule with their paths. The trace has the same shape whatever the facts,
 * so an evaluation on no facts gives it (without the validity check `explain` makes).
 */
function ruleShapes(policy: Policy): { leaf: LeafTrace; path: string }[][] {
  const internals = policyInternals(policy);
  return evaluateRules(internals.rules, { facts: new Map(), parameters: internals.parameters }).rules.map((e, index) =>
    leavesWithPaths(e.trace, ['rules', index, 'conditions'], e.shared),
  );
}
