import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { importRules } from '../../authoring/import.js';
import { EXIT, parse, readOperators, readText, sourceFile, styleFor, UsageError, type Io } from './shared.js';

/** @internal */
export const IMPORT_HELP = `Usage: because import RULES.json [--out POLICY.json] [options]

Converts json-rules-engine rules into a because policy: a rules array, one rule, an engine's
export { "rules": [...] } (with "conditions" for engine.setCondition), or rules as JSON strings.
Unnamed rules are named from their event and position, facts are declared with types inferred
from their operators and values, each event type becomes an outcome, params are carried, and
JSONPath spellings are rewritten. Labels are written "TODO: …" for you to write; "because lint"
lists them. What cannot be carried (custom operators not given with --operators, dynamic facts,
almanac use, equal null, paths with filters) is reported as
  file:line:column: kind code: message

Options:
  --out FILE         write the policy there (default: print it on stdout)
  --id ID            the policy id (default: from the file name)
  --no-enums         do not declare enums from "in" lists
  --operators FILE   the custom operators the rules use: a module exporting them (default or
                     "operators"); rules with other custom operators are left out and reported
  --json             print the report as JSON: [{ file, line, column, kind, code, path, message }]
  -h, --help         show this help

Exit codes: 0 imported (read the report), 1 the policy it wrote is not valid yet,
2 bad usage or an unreadable file.
Example:
  because import rules.json --out policy.json && because lint policy.json`;

/** @internal */
export async function runImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('import', args, {
    out: { type: 'string' },
    id: { type: 'string' },
    'no-enums': { type: 'boolean' },
    json: { type: 'boolean' },
    operators: { type: 'string' },
  });
  if (values.help === true) {
    io.out.write(`${IMPORT_HELP}\n`);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('import needs a RULES file', 'import');
  if (extra.length > 0) throw new UsageError(`import takes one RULES file, not ${positionals.length}`, 'import');
  const operators = await readOperators(values.operators, 'import');
  const text = await readText(file, 'import');
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`, 'import');
  }
  const id = values.id ?? (basename(file).replace(/\.json$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'imported');
  const { policy, notes } = importRules(input, { id, enums: values['no-enums'] !== true, operators });
  const source = sourceFile(file, text);
  const located = notes.map((n) => {
    const [, line = '1', column = '1'] = /:(\d+):(\d+)$/.exec(source.where(n.path)) ?? [];
    return { file, line: Number(line), column: Number(column), ...n };
  });
  const written = `${JSON.stringify(policy, null, 2)}\n`;
  if (values.out !== undefined) await writeFile(values.out, written);
  else io.out.write(written);
  const report = values.out === undefined ? io.err : io.out;
  if (values.json === true) report.write(`${JSON.stringify(located, null, 2)}\n`);
  else {
    const s = styleFor(report, io.env);
    for (const n of located) {
      const kind = n.kind === 'dropped' ? s.red(n.kind) : n.kind === 'changed' ? s.yellow(n.kind) : s.cyan(n.kind);
      report.write(`${s.bold(`${n.file}:${n.line}:${n.column}`)}: ${kind} ${n.code}: ${n.message}\n`);
    }
    const rules = Array.isArray(policy['rules']) ? policy['rules'].length : 0;
    report.write(`${rules} rule${rules === 1 ? '' : 's'} imported${values.out === undefined ? '' : ` into ${values.out}`}; next: because lint ${values.out ?? 'POLICY.json'}\n`);
  }
  return notes.some((n) => n.code === 'invalid_policy') ? EXIT.failed : EXIT.ok;
}
