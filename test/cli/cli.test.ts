import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = 'test/cli/fixtures';
const refund = 'rules-examples/refund.json';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a real process, from the repository root. */
function because(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { FORCE_COLOR: _f, NO_COLOR: _n, ...base } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/node/cli.ts', ...args],
      { cwd: root, env: { ...base, NO_COLOR: '1', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const lateFacts = JSON.stringify({ daysSincePurchase: 45, orderTotal: 80, loyaltyTier: 'none', finalSale: false, hygieneSealBroken: false, damagedOnArrival: false });

describe('because (no command, help, version)', () => {
  it('prints the usage on stderr and exits 2 without a command', async () => {
    const r = await because([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage: because COMMAND/);
  });

  it('--help, help CMD and CMD --help print help and exit 0', async () => {
    const [top, explainHelp, lintHelp] = await Promise.all([because(['--help']), because(['help', 'explain']), because(['lint', '--help'])]);
    expect(top).toMatchObject({ code: 0 });
    expect(top.stdout).toMatch(/test POLICY \[TESTS\]/);
    expect(explainHelp.code).toBe(0);
    expect(explainHelp.stdout).toMatch(/--why-not OUTCOME/);
    expect(lintHelp.code).toBe(0);
    expect(lintHelp.stdout).toMatch(/--strict/);
  });

  it('--version prints the package version', async () => {
    const r = await because(['--version']);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it.each([
    [['frob'], /unknown command "frob"/],
    [['help', 'frob'], /no such command/],
    [['explain', refund], /--facts/],
    [['explain', refund, '--facts', '{}', '--colour'], /Unknown option '--colour'/],
    [['explain', 'nope.json', '--facts', '{}'], /cannot read nope\.json: no such file/],
    [['explain', refund, '--facts', '{oops'], /--facts is not valid JSON/],
    [['explain', refund, '--facts', '{}', '--audience', 'boss'], /--audience/],
    [['validate'], /at least one FILE/],
    [['test', refund, '--min-coverage', 'lots'], /--min-coverage/],
    [['test', `${fixtures}/lint-errors.json`], /no tests file/],
    [['lint', refund, '--conflicts', 'some'], /--conflicts/],
    [['mcp'], /at least one POLICY/],
  ])('usage error %j exits 2 with a message and no stack trace', async (args, message) => {
    const r = await because(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(r.stdout).toBe('');
  });
});

describe('because explain', () => {
  it('shows the outcome, text, reasons, source and the trace tree', async () => {
    const r = await because(['explain', refund, '--facts', lateFacts, '--at', '2026-03-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^deny \(declined\) — decided by outside-return-period/);
    expect(r.stdout).toContain('30 days');
    expect(r.stdout).toMatch(/source: Returns policy, section 2\.1 <https:\/\/example\.com\/returns#2-1>/);
    expect(r.stdout).toMatch(/✓ outside-return-period priority 80 → deny/);
    expect(r.stdout).toMatch(/✓ daysSincePurchase greaterThan returnPeriodDays \(30\)\s+\[daysSincePurchase = 45\]/);
    expect(r.stdout).toMatch(/✗ loyaltyTier equal "gold"/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('reads facts from a file, asks for missing facts and explains why not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'because-cli-'));
    const facts = join(dir, 'facts.json');
    writeFileSync(facts, JSON.stringify({ daysSincePurchase: 12 }));
    const r = await because(['explain', refund, '--facts', facts, '--at', '2026-03-01', '--why-not', 'approve']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^undecided/);
    expect(r.stdout).toMatch(/Missing facts/);
    expect(r.stdout).toContain('? Was the item bought in a final sale? [finalSale]');
    expect(r.stdout).toMatch(/\? damagedOnArrival equal true\s+\[damagedOnArrival = unknown\]/);
    expect(r.stdout).toMatch(/Why not approve\?/);
  });

  it('marks a missing fact that is not for the customer (issue 12, item 5)', async () => {
    const r = await because(['explain', 'rules-examples/account-access.json', '--facts', '{}', '--at', '2026-03-01']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const internal = lines.find((l) => l.includes('[fraudScore]'));
    expect(internal).toContain('(not for the customer: the host supplies it)');
    // A question for the customer carries no such mark.
    const asked = lines.filter((l) => l.startsWith('  ? ') && !l.includes('[fraudScore]'));
    expect(asked.length).toBeGreaterThan(0);
    for (const line of asked) expect(line).not.toContain('not for the customer');
  });

  it('--json prints the result, in the locale asked for', async () => {
    const r = await because(['explain', refund, '--facts', lateFacts, '--at', '2026-03-01', '--locale', 'nl', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { outcome: string; decidedBy: string; locale: string; trace: unknown[] };
    expect(result).toMatchObject({ outcome: 'deny', decidedBy: 'outside-return-period', locale: 'nl' });
    expect(result.trace).toHaveLength(6);
  });

  it('uses colours only when forced, and NO_COLOR wins over a terminal', async () => {
    const r = await because(['explain', refund, '--facts', lateFacts, '--at', '2026-03-01'], { FORCE_COLOR: '1', NO_COLOR: '' });
    expect(r.stdout).toContain('\u001b[');
  });

  it('exits 1 with the path of a bad fact, or of a policy not in force', async () => {
    const bad = await because(['explain', refund, '--facts', '{"daysSincePurchase":"ten"}', '--at', '2026-03-01']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--facts: daysSincePurchase: expected a whole number.*\(invalid_type\)/);
    const early = await because(['explain', refund, '--facts', '{}', '--at', '2025-01-01']);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^rules-examples\/refund\.json:7:3: validFrom: .*not on 2025-01-01\. \(not_in_force\)/);
    const option = await because(['explain', refund, '--facts', '{}', '--at', '2026-03-01', '--why-not', 'refund']);
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/^--why-not: "whyNot" names one of the outcomes \(approve, deny, escalate\); "refund" is not one\. \(unknown_outcome\)/);
  });
});

describe('because validate', () => {
  it('says ok for a valid policy and tests file', async () => {
    const r = await because(['validate', refund, `${fixtures}/shop.tests.json`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${refund}: ok\n${fixtures}/shop.tests.json: ok\n`);
  });

  it('prints every issue as file:line:column: path: message (code) and exits 1', async () => {
    const r = await because(['validate', `${fixtures}/bad-policy.json`, refund]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain(`${fixtures}/bad-policy.json:2:3: id: "Bad Id" is not lowercase letters, digits and "-". (invalid_format)`);
    expect(lines.some((l) => l.startsWith(`${fixtures}/bad-policy.json:12:26: rules[0].conditions.all[0].operator: "greaterThen"`) && l.endsWith('(unknown_operator)'))).toBe(true);
    expect(r.stdout).toBe(`${refund}: ok\n`);
  });

  it('locates a JSON syntax error', async () => {
    const r = await because(['validate', `${fixtures}/broken.json`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${fixtures}/broken\\.json:5:1: .*comma.*\\(invalid_json\\)`));
  });

  it('locates the problems of a tests file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'because-cli-'));
    const file = join(dir, 'x.tests.json');
    writeFileSync(file, '{\n  "cases": [\n    { "name": "a", "facts": {}, "expect": { "outcme": "deny" } }\n  ]\n}\n');
    const r = await because(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:3:`);
    expect(r.stderr).toMatch(/cases\[0\]\.expect\.outcme: .*not known here.*\(unknown_property\)/);
  });
});

describe('because test', () => {
  it('finds <name>.tests.json next to the policy, passes, and reports full coverage', async () => {
    const r = await because(['test', `${fixtures}/shop.json`, '--min-coverage', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ late non-member is denied/);
    expect(r.stdout).toMatch(/Rule coverage: 1\/1 rules fired \(100%\)/);
    expect(r.stdout).toMatch(/Condition coverage: 4\/4 condition outcomes \(100%\)/);
    expect(r.stdout).toMatch(/^3 passed, 0 failed$/m);
  });

  it('shows a readable diff and the place of a failing case, and exits 1', async () => {
    const r = await because(['test', `${fixtures}/shop-failing.tests.json`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`✗ wrong outcome ${fixtures}/shop-failing\\.tests\\.json:5:5`));
    expect(r.stdout).toMatch(/- expected "approve"\n\s+\+ actual {3}"deny"/);
    expect(r.stdout).toMatch(/✗ bad facts[^\n]*\n\s+The policy rejected this case \(FactsError, invalid_type\): days: expected a whole number/);
    expect(r.stdout).toMatch(/never false: days greaterThan 30 \(rule too-late\) rules\[0\]\.conditions\.all\[0\], test\/cli\/fixtures\/shop\.json:20:9/);
    expect(r.stdout).toMatch(/^1 passed, 2 failed$/m);
  });

  it('fails on coverage below --min-coverage even when every case passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'because-cli-'));
    const file = join(dir, 'one.tests.json');
    writeFileSync(file, JSON.stringify([{ name: 'late', facts: { days: 40, member: false }, expect: { outcome: 'deny' } }]));
    const r = await because(['test', `${fixtures}/shop.json`, file, '--min-coverage', '80']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Coverage is below the minimum of 80%/);
    const ok = await because(['test', `${fixtures}/shop.json`, file, '--min-coverage', '50']);
    expect(ok.code).toBe(0);
  });

  it('--json prints the report', async () => {
    const r = await because(['test', `${fixtures}/shop-failing.tests.json`, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { passed: number; failed: number; cases: { name: string; failures: { field: string }[] }[]; coverage: { conditions: { percent: number } } };
    expect(report).toMatchObject({ passed: 1, failed: 2 });
    expect(report.cases[1]?.failures[0]?.field).toBe('outcome');
    expect(report.coverage.conditions.percent).toBe(50);
  });

  it('exits 1 with file:line:col for an invalid tests file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'because-cli-'));
    const file = join(dir, 'bad.tests.json');
    writeFileSync(file, '[\n  { "name": "a", "facts": 3, "expect": { "outcome": "deny" } }\n]');
    const r = await because(['test', `${fixtures}/shop.json`, file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:18: [0].facts:`);
  });
});

describe('because review', () => {
  const shop = `${fixtures}/shop.json`;

  it('prints every region with its texts as Markdown, and lists itself in the help', async () => {
    const [r, help] = await Promise.all([because(['review', shop]), because(['--help'])]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Review of `shop` /);
    expect(r.stdout).toMatch(/^## 1\. deny by rule too-late$/m);
    expect(r.stdout).toMatch(/^## \d+\. undecided$/m);
    expect(r.stdout).toMatch(/^- text: .*30 days/m);
    expect(help.stdout).toMatch(/review POLICY/);
  });

  it('writes JSON, CSV and HTML with --format', async () => {
    const [json, csv, html] = await Promise.all([because(['review', shop, '--format', 'json']), because(['review', shop, '--format', 'csv']), because(['review', shop, '--format', 'html'])]);
    const review = JSON.parse(json.stdout) as { regions: { outcome: string; decidedBy: string | null }[] };
    expect(review.regions.map((r) => r.decidedBy)).toContain('too-late');
    expect(csv.stdout.split('\r\n')[0]).toBe('region,outcome,decidedBy,facts,locale,kind,about,text');
    expect(html.stdout).toMatch(/^<!doctype html>/);
  });

  it.each([
    [['review'], /review takes one POLICY file/],
    [['review', shop, '--format', 'xml'], /--format is markdown, html, csv or json, not "xml"/],
    [['review', shop, '--max-regions', '0'], /--max-regions is a whole number/],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const r = await because(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('writes a snapshot that because test then checks, fails with a diff when a text changes, and accepts it with --update', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'because-cli-'));
    const policy = join(dir, 'shop.json');
    copyFileSync(shop, policy);
    copyFileSync(`${fixtures}/shop.tests.json`, join(dir, 'shop.tests.json'));
    const snapshot = join(dir, 'shop.review.md');
    const written = await because(['review', policy, '--snapshot', snapshot]);
    expect(written).toMatchObject({ code: 0, stdout: expect.stringMatching(/shop\.review\.md: \d+ regions/) as unknown });
    expect(readFileSync(snapshot, 'utf8')).toMatch(/^# Review of `shop`/);
    const ok = await because(['test', policy]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Review snapshot .*shop\.review\.md: matches/);

    // The author rewrites a reason: the test run shows the changed lines, and how to accept them.
    const doc = JSON.parse(readFileSync(policy, 'utf8')) as { rules: { because?: unknown }[] };
    const before = JSON.stringify(doc.rules[0]?.because);
    writeFileSync(policy, JSON.stringify({ ...doc, rules: doc.rules.map((r, i) => (i === 0 ? { ...r, because: { en: 'the return window of 30 days has closed', nl: 'de retourtermijn van 30 dagen is voorbij' } } : r)) }));
    const drift = await because(['test', policy]);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(/the texts differ/);
    expect(drift.stdout).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@ ## \d+\. deny by rule too-late$/m);
    expect(drift.stdout).toMatch(/^\+- text: .*the return window of 30 days has closed/m);
    expect(drift.stdout).toMatch(/^-- text: /m);
    expect(drift.stdout).toContain(`because review ${policy} --snapshot ${snapshot}`);
    expect(before).not.toContain('return window');

    const json = await because(['test', policy, '--json']);
    expect((JSON.parse(json.stdout) as { snapshot: { status: string } }).snapshot.status).toBe('mismatch');
    const update = await because(['test', policy, '--update']);
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/shop\.review\.md: written/);
    expect(readFileSync(snapshot, 'utf8')).toContain('de retourtermijn van 30 dagen is voorbij');
    expect((await because(['test', policy])).code).toBe(0);
  });

  it('leaves a policy without a snapshot alone in because test', async () => {
    const r = await because(['test', shop]);
    expect(r.stdout).not.toMatch(/Review snapshot/);
    expect(existsSync(`${fixtures}/shop.review.md`)).toBe(false);
  });
});

describe('because lint', () => {
  it('prints findings as file:line:col: severity code rule: message and exits 1 on errors', async () => {
    const r = await because(['lint', `${fixtures}/lint-errors.json`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${fixtures}/lint-errors\\.json:12:7: error contradictory_conditions never: No value of "days"`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^${fixtures}/lint-errors\\.json:6:5: warning unused_fact: The fact "unused"`, 'm'));
  });

  it('exits 0 on warnings only, and 1 with --strict', async () => {
    const [plain, strict] = await Promise.all([because(['lint', `${fixtures}/lint-warnings.json`]), because(['lint', '--strict', `${fixtures}/lint-warnings.json`])]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/warning unused_fact/);
    expect(strict.code).toBe(1);
  });

  it('--json prints the findings with their places', async () => {
    const r = await because(['lint', '--json', `${fixtures}/lint-errors.json`, `${fixtures}/shop.json`]);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as { file: string; line: number; column: number; code: string; severity: string; path: string }[];
    expect(findings).toContainEqual(expect.objectContaining({ file: `${fixtures}/lint-errors.json`, line: 12, column: 7, code: 'contradictory_conditions', severity: 'error', path: 'rules[0].conditions' }));
    expect(findings.filter((f) => f.file.endsWith('shop.json')).map((f) => f.code)).toEqual(['unused_fact']);
  });

  it('reports an invalid policy\'s definition errors as findings, exit 1', async () => {
    const r = await because(['lint', `${fixtures}/bad-policy.json`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\S*bad-policy\.json:2:3: error \w+: .* \[id\]$/m);
    expect(r.stdout).toMatch(/^\S*bad-policy\.json:12:\d+: error unknown_operator: .*\[rules\[0\]\.conditions\.all\[0\]\.operator\]$/m);
    expect(r.stderr).toMatch(/bad-policy\.json:9:5: Rule "adult" was not linted/);
  });

  it('reports definition errors and lint findings in one run, in file order', async () => {
    const file = 'test/authoring/fixtures/five-problems.json';
    const [plain, json] = await Promise.all([because(['lint', file]), because(['lint', '--json', file])]);
    expect(plain.code).toBe(1);
    const lines = plain.stdout.trim().split('\n');
    expect(lines.slice(0, -1).map((l) => /^\S+:(\d+):(\d+): (error|warning) (\w+)/.exec(l)?.slice(1))).toEqual([
      ['7', '5', 'warning', 'unused_fact'],
      ['18', '20', 'error', 'undeclared_fact'],
      ['22', '7', 'error', 'contradictory_conditions'],
      ['28', '5', 'warning', 'adverse_without_source'],
      ['28', '5', 'warning', 'conflicting_rules'],
      ['32', '7', 'error', 'missing_translation'],
    ]);
    expect(lines.at(-1)).toBe('3 errors, 3 warnings');
    const findings = JSON.parse(json.stdout) as { kind: string; code: string; line: number; path: string }[];
    expect(findings.map((f) => [f.kind, f.code, f.line, f.path])).toContainEqual(['definition', 'undeclared_fact', 18, 'rules[0].because.en']);
  });
});

describe('issue 14, cases 11 and 13 on the command line', () => {
  it('coverage names the value a comparison that never held compares with', async () => {
    const r = await because(['test', `${fixtures}/cancel.json`]);
    expect(r.stdout).toContain('never true: cancellationReason in ["proof-needed"] (rule needs-proof) rules[0].conditions.all[0]');
  });

  it('an unknown fact key in --facts is a warning with a did-you-mean, ending in one full stop', async () => {
    const r = await because(['explain', `${fixtures}/cancel.json`, '--facts', '{"cancelationReason":"other","monthsLeft":1}']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--facts: warning cancelationReason: "cancelationReason" is not a fact of this policy; did you mean "cancellationReason"? It is ignored. (unknown_fact)');
  });
});

describe('because mcp / replay dispatch', () => {
  it('explains itself with --help without loading the optional modules', async () => {
    const [mcp, replay] = await Promise.all([because(['mcp', '--help']), because(['help', 'replay'])]);
    expect(mcp.code).toBe(0);
    expect(mcp.stdout).toMatch(/Model Context Protocol/);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/OLD NEW CASES\.jsonl/);
  });

  it('mcp reports a bad policy file with its place, and does not start', async () => {
    const [missing, broken] = await Promise.all([because(['mcp', `${fixtures}/no-such.json`]), because(['mcp', `${fixtures}/broken.json`])]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*no-such\.json: no such file/);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json:\d+:\d+: .*\(invalid_json\)/);
    expect(broken.stderr).not.toMatch(/unexpected error/);
    expect(broken.stdout).toBe('');
  });
});

describe('files as editors write them (a byte order mark) and as they should not (a key twice)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'because-cli-'));
  const policy = JSON.parse(readFileSync(join(root, refund), 'utf8')) as { parameters: Record<string, unknown> };
  const text = JSON.stringify(policy, null, 2);
  const bom = join(dir, 'bom.json');
  writeFileSync(bom, `\uFEFF${text}`);
  // Two "returnPeriodDays": the hidden second one would turn a deny into an approve.
  const twice = join(dir, 'twice.json');
  writeFileSync(twice, text.replace(/\n(\s+)"returnPeriodDays": \{/, '\n$1"returnPeriodDays": { "value": 3650 },\n$1"returnPeriodDays": {'));

  it('validate, explain and test accept a byte order mark in policy, facts and tests files', async () => {
    expect(await because(['validate', bom])).toMatchObject({ code: 0, stdout: `${bom}: ok\n` });
    const facts = join(dir, 'facts.json');
    writeFileSync(facts, `\uFEFF${lateFacts}`);
    expect(await because(['explain', bom, '--facts', facts, '--at', '2026-03-01', '--json'])).toMatchObject({ code: 0 });
    const tests = join(dir, 'bom.tests.json');
    writeFileSync(tests, `\uFEFF${JSON.stringify([{ name: 'late', facts: JSON.parse(lateFacts), at: '2026-03-01', expect: { outcome: 'deny' } }])}`);
    expect(await because(['test', bom, tests])).toMatchObject({ code: 0 });
  });

  it('a duplicate key is an error naming both places and the JSON path, in policy, facts and tests files', async () => {
    const r = await because(['validate', twice]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/twice\.json:(\d+):\d+: parameters\.returnPeriodDays: "returnPeriodDays" is written twice in the same object, at line \d+, column \d+ and at line \1, column \d+; .* \(duplicate_key\)/);
    expect((await because(['explain', twice, '--facts', lateFacts])).code).toBe(1);
    const facts = join(dir, 'twice-facts.json');
    writeFileSync(facts, '{\n  "daysSincePurchase": 10,\n  "daysSincePurchase": 45\n}');
    const f = await because(['explain', refund, '--facts', facts]);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain(`${facts}: daysSincePurchase: "daysSincePurchase" is written twice in the same object, at line 2, column 3 and at line 3, column 3`);
    const tests = join(dir, 'twice.tests.json');
    writeFileSync(tests, '{ "cases": [], "cases": [] }');
    const t = await because(['test', refund, tests]);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/twice\.tests\.json:1:\d+: cases: .*line 1, column 3 and at line 1, column 16.*\(duplicate_key\)/);
  });
});
