import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { runTests, type TestReport } from '../../authoring/run-tests.js';
import { parseTestSuite, type TestSuite } from '../../authoring/tests-file.js';
import { reviewFileFor, testsFileFor } from '../index.js';
import { checkSnapshot, colourDiff, type SnapshotCheck } from './review.js';
import { loadPolicyFile } from './explain.js';
import { parsePath } from '../../authoring/locate.js';
import { EXIT, formatIssues, isBecauseError, parse, readOperators, readText, show, sourceFile, styleFor, UsageError, type Io, type SourceFile, type Style } from './shared.js';

/** @internal */
export const TEST_HELP = `Usage: because test POLICY [TESTS] [options]
       because test TESTS.tests.json

Runs the cases of a tests file against the policy and measures coverage. TESTS defaults to
the file next to POLICY named <name>.tests.json; given only a tests file, its "policy" is used.

Rule coverage: the rules that fired in some case. Condition coverage: each condition of each
rule seen both true and false (two outcomes per condition).

Review snapshot: when <name>.review.md lies next to the policy (written by "because review
POLICY --snapshot FILE"), the policy's review must still match it: a changed customer text
fails the run with a diff, to be accepted with --update.

Options:
  --min-coverage N   fail when rule or condition coverage is below N percent (0–100)
  --update           write the review snapshot <name>.review.md anew (creating it if need be)
  --json             print the report as JSON
  --operators FILE   custom operators: a module exporting them (default or "operators")
  -h, --help         show this help

Exit codes: 0 every case passed (and coverage is at least N, and the review matches its
snapshot), 1 a case failed, coverage is below N, the review differs from its snapshot or a
file is not valid, 2 bad usage or an unreadable file.
Example:
  because test rules-examples/refund.json --min-coverage 90`;

/** @internal */
export async function runTestCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('test', args, { 'min-coverage': { type: 'string' }, json: { type: 'boolean' }, update: { type: 'boolean' }, operators: { type: 'string' } });
  if (values.help === true) {
    io.out.write(`${TEST_HELP}\n`);
    return EXIT.ok;
  }
  let minCoverage: number | undefined;
  if (values['min-coverage'] !== undefined) {
    minCoverage = Number(values['min-coverage']);
    if (values['min-coverage'].trim() === '' || !Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100) {
      throw new UsageError(`--min-coverage is a percentage from 0 to 100, not "${values['min-coverage']}"`, 'test');
    }
  }
  if (positionals.length === 0) throw new UsageError('test needs a POLICY file (or a tests file)', 'test');
  if (positionals.length > 2) throw new UsageError('test takes one POLICY and at most one TESTS file', 'test');
  const [first, second] = positionals as [string, string | undefined];
  const err = styleFor(io.err, io.env);

  let policyFile: string | undefined = first;
  let testsFile = second;
  if (second === undefined && first.endsWith('.tests.json')) {
    testsFile = first;
    policyFile = undefined;
  }
  if (testsFile === undefined) {
    testsFile = testsFileFor(first);
    if (!existsSync(testsFile)) throw new UsageError(`no tests file for ${first}: expected ${testsFile} (or pass TESTS)`, 'test');
  }
  const testsText = await readText(testsFile, 'test');
  const testsSource = sourceFile(testsFile, testsText);
  let suite: TestSuite;
  try {
    suite = parseTestSuite(testsText);
  } catch (error) {
    if (!isBecauseError(error)) throw error;
    for (const line of formatIssues(testsSource, error.issues, err)) io.err.write(`${line}\n`);
    return EXIT.failed;
  }
  if (policyFile === undefined) {
    if (suite.policy === undefined) throw new UsageError(`${testsFile} names no "policy"; pass POLICY before it`, 'test');
    policyFile = relativeToCwd(resolve(dirname(testsFile), suite.policy));
  }
  const loaded = await loadPolicyFile(policyFile, 'test', io, { operators: await readOperators(values.operators, 'test') });
  if (loaded === undefined) return EXIT.failed;
  const report = await runTests(loaded.policy, suite);
  const lowRules = minCoverage !== undefined && report.coverage.rules.percent < minCoverage;
  const lowConditions = minCoverage !== undefined && report.coverage.conditions.percent < minCoverage;
  const snapshot = await checkSnapshot(loaded.policy, reviewFileFor(policyFile), values.update === true, 'test');
  if (values.json === true) {
    const cases = report.cases.map(({ result: _result, ...c }) => c);
    io.out.write(`${JSON.stringify({ ...report, cases, policyFile, testsFile, ...(minCoverage === undefined ? {} : { minCoverage }), ...(snapshot === undefined ? {} : { snapshot }) }, null, 2)}\n`);
  } else {
    const s = styleFor(io.out, io.env);
    io.out.write(renderReport(report, testsSource, loaded.source, s, minCoverage));
    if (snapshot !== undefined) io.out.write(renderSnapshot(snapshot, policyFile, s));
  }
  return report.failed > 0 || lowRules || lowConditions || snapshot?.status === 'mismatch' ? EXIT.failed : EXIT.ok;
}

function renderSnapshot(check: SnapshotCheck, policyFile: string, s: Style): string {
  const regions = `${check.regions} region${check.regions === 1 ? '' : 's'}`;
  if (check.status === 'match') return `Review snapshot ${check.file}: ${s.green('matches')} (${regions})\n`;
  if (check.status === 'written') return `Review snapshot ${check.file}: ${s.green('written')} (${regions})\n`;
  return [
    `Review snapshot ${check.file}: ${s.red('the texts differ')} (${regions} now)`,
    colourDiff((check.diff ?? '').trimEnd(), s),
    `If the new texts are right, accept them: because review ${policyFile} --snapshot ${check.file}`,
    `(or: because test ${policyFile} --update)`,
    '',
  ].join('\n');
}

function relativeToCwd(path: string): string {
  const r = relative(process.cwd(), path);
  return r === '' || r.startsWith('..') ? path : r;
}

function renderReport(report: TestReport, tests: SourceFile, policy: SourceFile, s: Style, min: number | undefined): string {
  const lines: string[] = [`${s.bold(tests.file)} ${s.dim(`→ policy ${report.policy.id} ${report.policy.version} (${policy.file})`)}`];
  for (const c of report.cases) {
    const warnings = c.warnings.map((w) => `      ${s.yellow('warning')} ${s.dim(tests.where(w.path))} ${w.message} ${s.dim(`(${w.code})`)}`);
    if (c.passed) {
      lines.push(`  ${s.green('✓')} ${c.name}`, ...warnings);
      continue;
    }
    lines.push(`  ${s.red('✗')} ${c.name} ${s.dim(tests.where(c.path))}`);
    for (const f of c.failures) {
      if (f.field === 'error') {
        lines.push(`      ${s.red(f.message)}`);
      } else if (f.field === 'textIncludes') {
        lines.push(`      textIncludes: the text does not contain ${s.bold(JSON.stringify(f.expected))}`);
        lines.push(`        ${s.dim('text:')} ${String(f.actual)}`);
      } else {
        lines.push(`      ${f.field}:`);
        lines.push(`        ${s.green(`- expected ${show(f.expected)}`)}`);
        lines.push(`        ${s.red(`+ actual   ${show(f.actual)}`)}`);
        const hint = /(?:"[^"]*" is not an outcome of this policy|There is no rule).*$/.exec(f.message)?.[0];
        if (hint !== undefined) lines.push(`        ${hint}`);
      }
    }
    lines.push(...warnings);
  }
  const cov = report.coverage;
  const pct = (p: number): string => (min !== undefined && p < min ? s.red(`${p}%`) : p === 100 ? s.green(`${p}%`) : s.yellow(`${p}%`));
  lines.push('');
  lines.push(`Rule coverage: ${cov.rules.covered}/${cov.rules.total} rules fired (${pct(cov.rules.percent)})`);
  for (const u of cov.rules.uncovered) lines.push(`  ${s.yellow('never fired:')} ${u.rule} ${s.dim(policy.where(u.path))}`);
  lines.push(`Condition coverage: ${cov.conditions.covered}/${cov.conditions.total} condition outcomes (${pct(cov.conditions.percent)})`);
  for (const u of cov.conditions.uncovered) {
    lines.push(`  ${s.yellow(`never ${u.missing.join(' nor ')}:`)} ${u.fact} ${u.operator} ${comparedValue(policy, u.path)} (rule ${u.rule}) ${s.dim(`${u.path}, ${policy.where(u.path)}`)}`);
  }
  if (min !== undefined && (cov.rules.percent < min || cov.conditions.percent < min)) {
    lines.push(s.red(`Coverage is below the minimum of ${min}%.`));
  }
  lines.push('', `${report.passed} passed, ${report.failed} failed`);
  return `${lines.join('\n')}\n`;
}

/** The value a condition compares with, as the policy file writes it: `["proof-needed","other"]`, `{ "fact": "limit" }`. */
function comparedValue(policy: SourceFile, path: string): string {
  let node: unknown;
  try {
    node = JSON.parse(policy.text);
  } catch {
    return '…';
  }
  for (const segment of parsePath(path) ?? []) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
  const value = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)['value'] : undefined;
  return value === undefined ? '…' : show(value);
}
