import { definePolicy } from '../../policy/define.js';
import { parseTestSuite } from '../../authoring/tests-file.js';
import { EXIT, formatIssues, isBecauseError, parse, readOperators, readText, sourceFile, styleFor, UsageError, type Io } from './shared.js';

/** @internal */
export const VALIDATE_HELP = `Usage: because validate FILE…

Checks policy files (and tests files, named *.tests.json) and prints every problem as
  file:line:column: json.path: message (code)
or "file: ok".

Options:
  --operators FILE   custom operators: a module exporting them (default or "operators")
  -h, --help         show this help

Exit codes: 0 every file is valid, 1 a file has a problem, 2 bad usage or an unreadable file.
Example:
  because validate rules-examples/*.json`;

/** @internal */
export async function runValidate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('validate', args, { operators: { type: 'string' } });
  if (values.help === true) {
    io.out.write(`${VALIDATE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('validate needs at least one FILE', 'validate');
  const operators = await readOperators(values.operators, 'validate');
  const errStyle = styleFor(io.err, io.env);
  const outStyle = styleFor(io.out, io.env);
  let failed = false;
  for (const file of positionals) {
    const text = await readText(file, 'validate');
    const source = sourceFile(file, text);
    try {
      if (file.endsWith('.tests.json')) parseTestSuite(text);
      else definePolicy(text, { operators });
      io.out.write(`${file}: ${outStyle.green('ok')}\n`);
    } catch (error) {
      if (!isBecauseError(error)) throw error;
      failed = true;
      for (const line of formatIssues(source, error.issues, errStyle)) io.err.write(`${line}\n`);
    }
  }
  return failed ? EXIT.failed : EXIT.ok;
}
