import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isBecauseError, type Issue } from '../../errors.js';
import { locateIn, positionAt, scanJson, type JsonNode } from '../../authoring/locate.js';
import { parseJsonText, withoutBom } from '../../policy/json-text.js';
import type { CustomOperators } from '../../policy/custom-operators.js';
import { loadOperators } from '../operators.js';
import { UsageError } from './usage.js';

/** Where the CLI writes, and whether it may use colours. @internal */
export interface Io {
  readonly out: { write(chunk: string): unknown; isTTY?: boolean };
  readonly err: { write(chunk: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

// In a module of their own, so that the CLI's entry loads nothing else before a command runs.
export { EXIT, UsageError } from './usage.js';

/**
 * ANSI styles, on only for a terminal: `NO_COLOR` (any value) turns them off, `FORCE_COLOR`
 * (other than `0`) turns them on even in a pipe.
 * @internal
 */
export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

/** @internal */
export function styleFor(stream: Io['out'], env: Io['env']): Style {
  const force = env['FORCE_COLOR'];
  const enabled =
    force !== undefined && force !== '' ? force !== '0' && force !== 'false' : env['NO_COLOR'] === undefined || env['NO_COLOR'] === '' ? stream.isTTY === true : false;
  const wrap = (open: number, close: number) => (s: string): string => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { enabled, bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}

/**
 * `parseArgs` with usage errors instead of TypeErrors.
 * @internal
 */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: O,
): { values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string } & { help?: boolean }; positionals: string[] } {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }) as never;
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    throw new UsageError(message, command);
  }
}

/** A file's text, without a byte order mark; an unreadable file is a usage error (exit 2). @internal */
export async function readText(file: string, command: string): Promise<string> {
  try {
    return withoutBom(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`, command);
  }
}

/** A source text with its JSON paths located lazily. @internal */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
  /** `file:line:column` of a JSON path (of the nearest part that exists). */
  where(path: string): string;
}

/** @internal */
export function sourceFile(file: string, text: string): SourceFile {
  let root: JsonNode | null | undefined;
  return {
    file,
    text,
    where(path) {
      if (root === undefined) {
        const scanned = scanJson(text);
        root = scanned.ok ? scanned.root : null;
        if (!scanned.ok) {
          const p = positionAt(text, scanned.offset);
          return `${file}:${p.line}:${p.column}`;
        }
      }
      const loc = root === null ? undefined : locateIn(text, root, path);
      return loc === undefined ? `${file}:1:1` : `${file}:${loc.line}:${loc.column}`;
    },
  };
}

/**
 * The issues of a `BecauseError`, one a line: `file:line:column: json.path: message (code)`.
 * A JSON syntax error is located where the scanner stops.
 * @internal
 */
export function formatIssues(source: SourceFile, issues: readonly Issue[], style: Style): string[] {
  const scanned = scanJson(source.text);
  return issues.map((issue) => {
    let where = source.where(issue.path);
    if (!scanned.ok && issue.code === 'invalid_json') {
      const p = positionAt(source.text, scanned.offset);
      return `${source.file}:${p.line}:${p.column}: ${scanned.message} (${issue.code})`;
    }
    if (issue.code === 'unreadable_file') where = source.file;
    return `${style.bold(where)}: ${issue.path === '' ? '' : `${style.cyan(issue.path)}: `}${issue.message} ${style.dim(`(${issue.code})`)}`;
  });
}

/** Whether `error` is one of ours with issues. @internal */
export { isBecauseError };

/**
 * Reads `--facts`: a file, or inline JSON. Text that is not JSON, or writes a key twice in one
 * object, is a usage error naming the place. @internal
 */
export async function readFacts(value: string, command: string): Promise<unknown> {
  const trimmed = value.trim();
  const inline = trimmed.startsWith('{') || trimmed.startsWith('[');
  const parsed = parseJsonText(inline ? trimmed : await readText(value, command), inline ? '--facts' : value);
  if (parsed.ok) return parsed.value;
  const issue = parsed.issues[0];
  throw new UsageError(issue.code === 'invalid_json' ? issue.message : `${inline ? '--facts' : value}: ${issue.path}: ${issue.message}`, command);
}

/** A JSON value, short, for messages. @internal */
export function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const s = JSON.stringify(value);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/**
 * Reads `--operators FILE`: the custom operators the policies use, or `{}` without the option.
 * A module that cannot be loaded, or holds an invalid operator, is a usage error naming each problem.
 * @internal
 */
export async function readOperators(file: string | undefined, command: string): Promise<CustomOperators> {
  if (file === undefined) return {};
  try {
    return await loadOperators(file);
  } catch (error) {
    if (!isBecauseError(error)) throw error;
    throw new UsageError(`--operators ${file}:\n${error.issues.map((i) => `  ${i.path === '' ? '' : `${i.path}: `}${i.message} (${i.code})`).join('\n')}`, command);
  }
}
