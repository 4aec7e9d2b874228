import { formatPath, type Issue } from '../errors.js';

/**
 * Reading JSON text as a policy author means it: a byte order mark at the start is no error, and
 * a key written twice in one object is (`JSON.parse` keeps the last silently, so a hidden second
 * `"returnPeriodDays": 3650` would decide). `JSON.parse` stays the parser; one more pass over the
 * text, which by then is known to be valid JSON, finds the keys written twice.
 * @internal
 */

/** A place in a text: 0-based `offset`, 1-based `line` and `column` (in UTF-16 code units). */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Converts an offset in `text` to a 1-based line and column.
 */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let k = 0; k < end; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { offset: end, line, column: end - lineStart + 1 };
}

/** `text` without the byte order mark some editors write at its start. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The most duplicate keys reported for one text. */
const MAX_DUPLICATES = 20;

/**
 * Parses JSON text (a leading byte order mark allowed) and refuses a key written twice in one
 * object, naming the JSON path and both places (line:column).
 * @param subject What the text is, as a message names it: "The policy", "--facts", a file name.
 */
export function parseJsonText(text: string, subject: string): { ok: true; value: unknown } | { ok: false; issues: [Issue, ...Issue[]] } {
  const source = withoutBom(text);
  let value: unknown;
  try {
    value = JSON.parse(source) as unknown;
  } catch (error) {
    return { ok: false, issues: [{ code: 'invalid_json', path: '', message: `${subject} is not valid JSON: ${(error as Error).message}` }] };
  }
  const [first, ...rest] = duplicateKeys(source);
  return first === undefined ? { ok: true, value } : { ok: false, issues: [first, ...rest] };
}

type Container = { readonly object: true; readonly keys: Map<string, number>; key: string | undefined } | { readonly object: false; index: number };

/**
 * The keys written twice in an object of `text`, which must be valid JSON: one issue for each
 * repetition, at the path of the key, naming where it was first written and where again.
 */
export function duplicateKeys(text: string): Issue[] {
  const issues: Issue[] = [];
  const stack: Container[] = [];
  const string = /"(?:[^"\\]|\\.)*"/y;
  const plain = /[^"{}[\],:]+/y;
  let expectKey = false;
  let i = 0;
  while (i < text.length && issues.length < MAX_DUPLICATES) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      string.lastIndex = i;
      const raw = (string.exec(text) as RegExpExecArray)[0];
      const top = stack[stack.length - 1];
      if (expectKey && top?.object === true) {
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const first = top.keys.get(key);
        if (first === undefined) top.keys.set(key, i);
        else issues.push(duplicate(text, stack, key, first, i));
        top.key = key;
        expectKey = false;
      }
      i += raw.length;
      continue;
    }
    if (c === 0x7b /* { */) {
      stack.push({ object: true, keys: new Map(), key: undefined });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push({ object: false, index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.object === true) expectKey = true;
      else if (top !== undefined) top.index++;
    } else if (c !== 0x3a /* : */) {
      plain.lastIndex = i;
      i += (plain.exec(text) as RegExpExecArray)[0].length;
      continue;
    }
    i++;
  }
  return issues;
}

function duplicate(text: string, stack: readonly Container[], key: string, first: number, again: number): Issue {
  const path = stack.slice(0, -1).map((c) => (c.object ? (c.key as string) : c.index));
  const [a, b] = [positionAt(text, first), positionAt(text, again)];
  return {
    code: 'duplicate_key',
    path: formatPath([...path, key]),
    message: `"${key}" is written twice in the same object, at line ${a.line}, column ${a.column} and at line ${b.line}, column ${b.column}; JSON readers keep only the last one, so remove one of them.`,
  };
}
