/**
 * Adding a case to the text of a tests file, as an author would: the new case goes at the end of
 * `cases` (or of the bare list), indented like the case before it, and the rest of the text stays
 * byte for byte as it was (its layout, its comments-free JSON, its order).
 * @internal
 */
import { scanJson, type JsonNode } from '../authoring/locate.js';

/** A case as the studio writes it: one line per key, each value on one line. */
export function caseText(testCase: Readonly<Record<string, unknown>>, indent: string): string {
  const inner = `${indent}  `;
  const lines = Object.entries(testCase).map(([key, value]) => `${inner}${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** The offset of the `]` that closes the list opening at `start`. */
function closingBracket(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function indentOfLine(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/**
 * `text` (a tests file's JSON, or empty for a new one) with `testCase` appended to its cases.
 * @param policyName The policy file's name, for the `"policy"` of a new file.
 * @throws {Error} when `text` is neither empty nor a tests file's shape (an object with a
 *   `cases` list, or a list).
 */
export function appendCase(text: string, testCase: Readonly<Record<string, unknown>>, policyName: string): string {
  if (text.trim() === '') {
    return `{\n  "policy": ${JSON.stringify(`./${policyName.split('/').pop() ?? policyName}`)},\n  "cases": [\n    ${caseText(testCase, '    ')}\n  ]\n}\n`;
  }
  const scanned = scanJson(text);
  if (!scanned.ok) throw new Error(`The tests file is not valid JSON: ${scanned.message}`);
  let list: JsonNode | undefined = scanned.root;
  if (list.kind === 'object') list = list.members.get('cases')?.value;
  if (list?.kind !== 'array') throw new Error('The tests file has no "cases" list to add to.');
  const close = closingBracket(text, list.start);
  if (close < 0) throw new Error('The tests file\'s "cases" list is not closed.');
  const closeIndent = indentOfLine(text, close);
  const last = list.items[list.items.length - 1];
  if (last === undefined) {
    const indent = `${indentOfLine(text, list.start)}  `;
    return `${text.slice(0, list.start + 1)}\n${indent}${caseText(testCase, indent)}\n${closeIndent}${text.slice(close)}`;
  }
  // After the last item, before the whitespace that leads to "]".
  let end = close;
  while (end > list.start && /\s/.test(text[end - 1] ?? '')) end--;
  const lineStart = text.lastIndexOf('\n', last.start - 1) + 1;
  const ownLine = text.slice(lineStart, last.start).trim() === '';
  const indent = ownLine ? indentOfLine(text, last.start) : `${closeIndent}  `;
  return `${text.slice(0, end)},\n${indent}${caseText(testCase, indent)}${text.slice(end)}`;
}
