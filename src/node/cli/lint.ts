import { lintDocument, type DocumentFinding } from '../../authoring/lint-document.js';
import { EXIT, parse, readOperators, readText, sourceFile, styleFor, UsageError, type Io } from './shared.js';

/** @internal */
export const LINT_HELP = `Usage: because lint POLICY… [options]

Finds what a valid policy can still get wrong: conditions that contradict each other, rules
another rule always beats, texts missing in a locale, unused facts, adverse rules without a
source, overlapping rules only the file order separates, priorities that hide trace data.
A policy that is not valid is linted too: its definition errors and the findings on the rest
come in one list, in the order of the file. Each prints as
  file:line:column: severity code rule: message [json.path]

Options:
  --strict               fail on warnings too
  --conflicts ties|all   which overlapping rules to report (default ties: equal priority only)
  --operators FILE       custom operators: a module exporting them (default or "operators")
  --json                 print the findings as JSON: [{ file, line, column, kind, severity, code, rule, path, message }]
  -h, --help             show this help

Exit codes: 0 no errors (and, with --strict, no warnings), 1 errors found or a policy is not
valid, 2 bad usage or an unreadable file.
Example:
  because lint rules-examples/*.json`;

/** @internal */
export async function runLint(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('lint', args, { strict: { type: 'boolean' }, json: { type: 'boolean' }, conflicts: { type: 'string' }, operators: { type: 'string' } });
  if (values.help === true) {
    io.out.write(`${LINT_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('lint needs at least one POLICY file', 'lint');
  const conflicts = values.conflicts ?? 'ties';
  if (conflicts !== 'ties' && conflicts !== 'all') throw new UsageError(`--conflicts is "ties" or "all", not "${conflicts}"`, 'lint');
  const operators = await readOperators(values.operators, 'lint');
  const s = styleFor(io.out, io.env);
  let failed = false;
  const all: (DocumentFinding & { file: string; line: number; column: number })[] = [];
  for (const file of positionals) {
    if (file.endsWith('.tests.json')) {
      // A glob such as rules-examples/*.json takes the tests files along: they are not policies.
      io.err.write(`${file}: skipped, a tests file (run "because test" on its policy)\n`);
      continue;
    }
    const source = sourceFile(file, await readText(file, 'lint'));
    const { findings, skipped } = lintDocument(source.text, { conflicts, operators });
    for (const f of findings) {
      const where = source.where(f.path);
      const [, line = '1', column = '1'] = /:(\d+):(\d+)$/.exec(where) ?? [];
      all.push({ file, ...f, line: Number(line), column: Number(column) });
      if (f.severity === 'error' || values.strict === true) failed = true;
      if (values.json !== true) {
        const sev = f.severity === 'error' ? s.red('error') : s.yellow('warning');
        io.out.write(`${s.bold(where)}: ${sev} ${f.code}${f.rule === undefined ? '' : ` ${s.cyan(f.rule)}`}: ${f.message}${f.path === '' ? '' : ` ${s.dim(`[${f.path}]`)}`}\n`);
      }
    }
    // What the definition errors kept lint from looking at.
    for (const part of skipped) io.err.write(`${part.path === '' ? file : source.where(part.path)}: ${part.message}\n`);
    if (values.json !== true && findings.length === 0) io.out.write(`${file}: ${s.green('no problems')}\n`);
  }
  if (values.json === true) io.out.write(`${JSON.stringify(all, null, 2)}\n`);
  else {
    const errors = all.filter((f) => f.severity === 'error').length;
    const warnings = all.length - errors;
    if (all.length > 0) io.out.write(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  }
  return failed ? EXIT.failed : EXIT.ok;
}
