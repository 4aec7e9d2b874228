/**
 * Finding a JSON path in the text of a JSON document: where `rules[3].conditions.all[0].operator`
 * is, as a line and column an editor or a terminal can show. A small hand-written scanner, so it
 * runs in a browser policy editor as well as in the CLI, and never evaluates anything.
 */

import { positionAt, type SourcePosition } from '../policy/json-text.js';

export { positionAt, type SourcePosition };

/** Where a JSON path was found in a document's text. */
export interface Location extends SourcePosition {
  /**
   * `true` when the whole path was found; `false` when only an ancestor was (the path names a
   * property that is absent, such as a missing `"operator"`): the position is then the
   * ancestor's.
   */
  readonly exact: boolean;
}

/** A JSON value with the place of its text. @internal */
export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly members: ReadonlyMap<string, { readonly keyStart: number; readonly value: JsonNode }> }
  | { readonly kind: 'array'; readonly start: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'scalar'; readonly start: number };

/** The result of scanning a JSON text. @internal */
export type ScanResult = { readonly ok: true; readonly root: JsonNode } | { readonly ok: false; readonly offset: number; readonly message: string };

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 512;

/**
 * Scans a JSON text into a tree of positions. Stops at the first syntax error and says where.
 * @internal
 */
export function scanJson(text: string): ScanResult {
  let i = 0;
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) i++;
      else break;
    }
  };
  const fail = (message: string): never => {
    throw new ScanError(i, message);
  };
  const describeHere = (): string => (i >= text.length ? 'the end of the file' : `"${text[i]}"`);
  const string = (): string => {
    // i is at the opening quote
    const start = i;
    i++;
    let out = '';
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('This escape sequence is not valid JSON.');
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('A text may not hold a line break or control character; write \\n instead.');
      out += c;
      i++;
    }
    i = start;
    return fail('This text is never closed with a ".');
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail(`The document is nested more than ${MAX_DEPTH} levels deep.`);
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members = new Map<string, { keyStart: number; value: JsonNode }>();
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', start, members };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`Expected a property name in double quotes, but found ${describeHere()}.`);
        const keyStart = i;
        const key = string();
        ws();
        if (text[i] !== ':') fail(`Expected ":" after the property name "${key}", but found ${describeHere()}.`);
        i++;
        const v = value(depth + 1);
        members.set(key, { keyStart, value: v });
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === '}') fail('A comma before "}" is not allowed in JSON; remove it.');
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', start, members };
        }
        fail(`Expected "," or "}" after a property, but found ${describeHere()}.`);
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', start, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail('A comma before "]" is not allowed in JSON; remove it.');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', start, items };
        }
        fail(`Expected "," or "]" in a list, but found ${describeHere()}.`);
      }
    }
    if (c === '"') {
      string();
      return { kind: 'scalar', start };
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal === null) fail(`Expected a value (text, number, true, false, null, object or list), but found ${describeHere()}.`);
    i += (literal as RegExpExecArray)[0].length;
    return { kind: 'scalar', start };
  };
  try {
    const root = value(0);
    ws();
    if (i < text.length) fail(`Unexpected ${describeHere()} after the end of the document.`);
    return { ok: true, root };
  } catch (error) {
    if (error instanceof ScanError) return { ok: false, offset: Math.min(error.offset, text.length), message: error.message };
    throw error;
  }
}

/**
 * Splits a JSON path as `because` writes it (`rules[3].conditions.all[0]`, `facts["a b"]`) into
 * its keys and indices. Returns `undefined` for a string that is not such a path.
 * @internal
 */
export function parsePath(path: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let rest = path;
  let first = true;
  while (rest.length > 0) {
    const m =
      (first ? /^([A-Za-z_$][\w$]*)/.exec(rest) : /^\.([A-Za-z_$][\w$]*)/.exec(rest)) ??
      /^\[(0|[1-9]\d*)\]/.exec(rest) ??
      /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
    if (m === null) return undefined;
    const token = m[1] as string;
    if (token.startsWith('"')) out.push(JSON.parse(token) as string);
    else if (/^\d+$/.test(token) && m[0].startsWith('[')) out.push(Number(token));
    else out.push(token);
    rest = rest.slice(m[0].length);
    first = false;
  }
  return out;
}

/**
 * Finds where a JSON path points in the text of a JSON document: at the property's key for a
 * member, at the value for a list item or the document itself. When the path leads to
 * something absent, the deepest part that exists is given, with `exact: false`.
 *
 * @param text The document's source text.
 * @param path A JSON path such as `rules[3].conditions.all[0].operator`; `''` is the document.
 * @returns The location, or `undefined` when `text` is not valid JSON or
 *   `path` is not a JSON path.
 * @example
 * ```ts
 * locateJsonPath('{\n  "id": 1\n}', 'id'); // { offset: 4, line: 2, column: 3, exact: true }
 * ```
 */
export function locateJsonPath(text: string, path: string): Location | undefined {
  const scanned = scanJson(text);
  if (!scanned.ok) return undefined;
  return locateIn(text, scanned.root, path);
}

/**
 * {@link locateJsonPath} on an already scanned document, for many paths into one text.
 * @internal
 */
export function locateIn(text: string, root: JsonNode, path: string): Location | undefined {
  const segments = parsePath(path);
  if (segments === undefined) return undefined;
  let node: JsonNode = root;
  let offset = root.start;
  let exact = true;
  for (const segment of segments) {
    if (node.kind === 'object' && typeof segment === 'string') {
      const member = node.members.get(segment);
      if (member === undefined) {
        exact = false;
        break;
      }
      offset = member.keyStart;
      node = member.value;
    } else if (node.kind === 'array' && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) {
        exact = false;
        break;
      }
      offset = item.start;
      node = item;
    } else {
      exact = false;
      break;
    }
  }
  return { ...positionAt(text, offset), exact };
}
