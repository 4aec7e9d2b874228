/**
 * The diagnostics of a policy text as `because validate` and `because lint` give them: the JSON
 * syntax error where the scanner stops, else definePolicy's issues and lint's findings on what
 * they leave whole (as `because lint` reports them in one run), each placed with the authoring
 * locate helpers.
 * @internal
 */
import { lintDocument } from '../authoring/lint-document.js';
import { lintPolicy } from '../authoring/lint.js';
import { locateIn, positionAt, scanJson } from '../authoring/locate.js';
import type { Policy } from '../index.js';

/** A diagnostic with its place in the text. */
export interface Problem {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** The problems of `text`, whose definition gave `policy` (`undefined`: the text is not a valid policy). */
export function diagnose(text: string, policy: Policy | undefined): Problem[] {
  const scanned = scanJson(text);
  if (!scanned.ok) {
    const at = positionAt(text, scanned.offset);
    return [{ ...at, severity: 'error', code: 'invalid_json', path: '', message: scanned.message }];
  }
  const place = (path: string): { offset: number; line: number; column: number } => locateIn(text, scanned.root, path) ?? { offset: 0, line: 1, column: 1 };
  return (policy === undefined ? lintDocument(text).findings : lintPolicy(policy)).map((f) => ({ ...place(f.path), severity: f.severity, code: f.code, path: f.path, message: f.message }));
}
