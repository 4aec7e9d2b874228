import { formatPath, isPolicyError, type Issue } from '../errors.js';
import { isRecord } from '../policy/json.js';
import { parseJsonText } from '../policy/json-text.js';
import { definePolicy, type Policy, type PolicyOptions } from '../policy/define.js';
import { lenientView } from '../policy/lenient.js';
import type { JsonValue, PolicyDocument } from '../policy/schema.js';
import { LINT_CODES, lintPolicy, type LintOptions } from './lint.js';
import { locateIn, parsePath, scanJson } from './locate.js';
import { adverseDefaultWithoutReason } from './rules/adverse-default-without-reason.js';
import { adverseWithoutSource } from './rules/adverse-without-source.js';
import { missingTranslations } from './rules/missing-translation.js';
import type { RuleFinding } from './rules/rule.js';
import { unwrittenTexts } from './rules/unwritten-text.js';

/**
 * Lint in one run, as ESLint does: what `definePolicy` refuses and what lint finds, together.
 * When the document has definition errors, the parts they point at are set aside (a text with an
 * undeclared placeholder is kept without it, a rule with a broken condition is left out, a
 * misspelt property is dropped), the rest is defined and linted, and every finding on the rest
 * is reported beside the errors.
 */

/** One problem of a policy document: a definition error or a lint finding. */
export interface DocumentFinding {
  /** `definition`: `definePolicy` refuses the document for it. `lint`: a {@link LintFinding}. */
  readonly kind: 'definition' | 'lint';
  /** Definition errors are always errors. */
  readonly severity: 'error' | 'warning';
  /** A lint code (see `LINT_CODES`), or the code of the `definePolicy` issue. */
  readonly code: string;
  /** The rule concerned, when a lint finding names one. */
  readonly rule?: string;
  /** JSON path into the document: `rules[2].conditions.all[1]`. */
  readonly path: string;
  /** What is wrong and what to do. */
  readonly message: string;
  /** For `conflicting_rules`: the two rules. */
  readonly rules?: readonly [string, string];
  /** For `conflicting_rules`: facts on which both rules fire. */
  readonly witness?: Readonly<Record<string, JsonValue>>;
  /** Where `path` is in the text, when the document was given as text (1-based). */
  readonly line?: number;
  /** @see line */
  readonly column?: number;
}

/** A part of the document lint could not look at, and why. */
export interface LintSkipped {
  /** The part left out (`rules[3]`), or `''` when no lint rule could run on the compiled policy. */
  readonly path: string;
  readonly message: string;
}

/** The result of {@link lintDocument}. */
export interface DocumentLint {
  /** Every definition error and lint finding, in the order of the file. */
  readonly findings: DocumentFinding[];
  /** What lint could not look at because of the definition errors; empty for a valid policy. */
  readonly skipped: LintSkipped[];
  /** The policy, when the document is valid. */
  readonly policy?: Policy;
}

/** The most rounds of setting broken parts aside before lint gives up on the compiled checks. */
const MAX_ROUNDS = 8;

/** Properties of a rule that it cannot do without: a problem in one leaves the rule out. */
const RULE_CORE = new Set(['name', 'conditions', 'event', 'priority']);

/**
 * Lints a policy document in one run: the problems `definePolicy` reports and lint's findings,
 * together and in the order of the file. Lint's checks run on every part of the document the
 * definition errors leave whole; `skipped` says which parts were left out.
 *
 * @param json The policy: its JSON text (findings then carry `line` and `column`), or the parsed value.
 * @param options Lint's options and `definePolicy`'s.
 * @example
 * ```ts
 * const { findings } = lintDocument(readFileSync('refund.json', 'utf8'));
 * for (const f of findings) console.log(`${f.line}:${f.column} ${f.severity} ${f.code}: ${f.message}`);
 * ```
 */
export function lintDocument(json: unknown, options: LintOptions & PolicyOptions = {}): DocumentLint {
  const text = typeof json === 'string' ? json : undefined;
  let raw = json;
  if (text !== undefined) {
    const parsed = parseJsonText(text, 'The policy');
    if (!parsed.ok) return { findings: order(text, parsed.issues.map(definitionFinding)), skipped: [{ path: '', message: 'The text is not JSON: nothing could be linted.' }] };
    raw = parsed.value;
  }
  try {
    const policy = definePolicy(raw, options);
    return { findings: order(text ?? json, lintPolicy(policy, options).map((f) => ({ kind: 'lint', ...f }))), skipped: [], policy };
  } catch (error) {
    if (!isPolicyError(error)) throw error;
    const errors = error.issues.map(definitionFinding);
    const { findings, skipped } = lintRest(raw, error.issues, options);
    return { findings: order(text ?? raw, [...errors, ...findings]), skipped };
  }
}

function definitionFinding(issue: Issue): DocumentFinding {
  return { kind: 'definition', severity: 'error', code: issue.code, path: issue.path, message: issue.message };
}

/** Lint's findings on the parts of `raw` that `issues` leave whole. */
function lintRest(raw: unknown, issues: readonly Issue[], options: LintOptions & PolicyOptions): { findings: DocumentFinding[]; skipped: LintSkipped[] } {
  if (!isRecord(raw)) return { findings: [], skipped: [{ path: '', message: 'The policy is not a JSON object: nothing could be linted.' }] };
  const work = structuredClone(raw) as Record<string, unknown>;
  // The original index of each rule still in `work.rules`.
  const kept: number[] = Array.isArray(work['rules']) ? work['rules'].map((_r, i) => i) : [];
  const dropped: { index: number; rule: unknown; reason: string }[] = [];
  let pending: readonly Issue[] = issues;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const removals: number[] = [];
    let changed = false;
    for (const issue of pending) {
      const path = parsePath(issue.path);
      if (path === undefined || path.length === 0) continue;
      const result = setAside(work, path, issue.code);
      if (typeof result === 'number') removals.push(result);
      else if (result) changed = true;
    }
    // Rules go last, from the end, so that the indices of the issues stay right.
    for (const k of [...new Set(removals)].sort((a, b) => b - a)) {
      const rules = work['rules'] as unknown[];
      const index = kept[k] as number;
      dropped.push({ index, rule: Array.isArray(raw['rules']) ? (raw['rules'] as unknown[])[index] : undefined, reason: pending.find((i) => parsePath(i.path)?.[1] === k)?.code ?? 'invalid' });
      rules.splice(k, 1);
      kept.splice(k, 1);
      changed = true;
    }
    if (!changed) break;
    let policy: Policy;
    try {
      policy = definePolicy(work, options);
    } catch (error) {
      if (!isPolicyError(error)) throw error;
      pending = error.issues;
      continue;
    }
    const findings = lintPolicy(policy, options)
      .map((f): DocumentFinding => ({ kind: 'lint', ...f, path: renumber(f.path, kept), message: renumber(f.message, kept) }))
      .filter((f) => !hidden(f, dropped));
    return { findings, skipped: dropped.sort((a, b) => a.index - b.index).map((d) => ({ path: formatPath(['rules', d.index]), message: `Rule ${JSON.stringify(ruleName(d.rule) ?? `#${d.index}`)} was not linted: it has a definition error (${d.reason}).` })) };
  }
  // Nothing compiles: the checks that read the document alone still run.
  const doc = lenientView(raw).doc;
  const findings: DocumentFinding[] = [];
  const documentOnly: [string, (d: PolicyDocument) => RuleFinding[]][] = [
    ['missing_translation', missingTranslations],
    ['unwritten_text', (d) => unwrittenTexts(d).map((f) => ({ code: 'unwritten_text', ...f }))],
    ['adverse_without_source', adverseWithoutSource],
    ['adverse_default_without_reason', adverseDefaultWithoutReason],
  ];
  for (const [, check] of documentOnly) {
    try {
      for (const f of check(doc)) findings.push({ kind: 'lint', severity: LINT_CODES[f.code], ...f });
    } catch {
      // A part too broken for this check: the definition errors say why.
    }
  }
  return {
    findings,
    skipped: [{ path: '', message: `The definition errors leave no policy to compile: only ${documentOnly.map(([c]) => c).join(', ')} were checked; the checks of conditions, rules and facts run once the errors are fixed.` }],
  };
}

/**
 * Sets aside the part of `doc` an issue points at. Returns the index of a rule to leave out,
 * `true` when something else was changed, `false` when nothing could be.
 */
function setAside(doc: Record<string, unknown>, path: readonly (string | number)[], code: string): number | boolean {
  const [head, name, key] = path;
  if (code === 'unknown_property') return remove(parentOf(doc, path), path[path.length - 1]);
  if (head === 'rules' && typeof name === 'number') {
    const rule = (doc['rules'] as unknown[])[name];
    if (key === undefined || RULE_CORE.has(String(key)) || !isRecord(rule)) return name;
    return neutralise(rule, String(key)) || remove(rule, key);
  }
  if (head === 'facts' || head === 'parameters' || head === 'outcomes') {
    const section = doc[head];
    if (!isRecord(section) || name === undefined) return false;
    const entry = section[name];
    if (key !== undefined && isRecord(entry) && (neutralise(entry, String(key)) || (key !== 'type' && key !== 'value' && remove(entry, key)))) return true;
    return remove(section, name);
  }
  if (head === 'conditions') return isRecord(doc['conditions']) && remove(doc['conditions'], name);
  if (head === 'decision' || head === 'texts') {
    const part = doc[head];
    return name !== undefined && isRecord(part) && Object.hasOwn(part, name) ? neutralise(part, String(name)) || remove(part, name) : remove(doc, head);
  }
  if (head === 'id' || head === 'version') {
    if (doc[head] === 'lint') return false;
    doc[head] = 'lint';
    return true;
  }
  return remove(doc, head);
}

function parentOf(doc: Record<string, unknown>, path: readonly (string | number)[]): unknown {
  let node: unknown = doc;
  for (const segment of path.slice(0, -1)) node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}

function remove(container: unknown, key: string | number | undefined): boolean {
  if (key === undefined || !isRecord(container) || !Object.hasOwn(container, key)) return false;
  delete container[key];
  return true;
}

/**
 * A text with a broken placeholder or nesting keeps its words and locales without it, so that
 * the texts' own checks (a missing translation, a text still to write) still see it.
 */
function neutralise(container: Record<string, unknown>, key: string): boolean {
  const strip = (s: string): string => s.replace(/\{\{\s*([^}]*?)\s*\}\}/g, '$1').replace(/\$t\(([^)]*)\)/g, '$1');
  const value = container[key];
  if (typeof value === 'string') {
    if (strip(value) === value) return false;
    container[key] = strip(value);
    return true;
  }
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) return false;
  const next = Object.fromEntries(Object.entries(value).map(([l, v]) => [l, strip(v as string)]));
  if (JSON.stringify(next) === JSON.stringify(value)) return false;
  container[key] = next;
  return true;
}

/** `rules[k]` of the document without the rules left out, as `rules[i]` of the original. */
function renumber(s: string, kept: readonly number[]): string {
  return s.replace(/\brules\[(\d+)\]/g, (m, k: string) => (kept[Number(k)] === undefined ? m : `rules[${kept[Number(k)]}]`));
}

/** Findings that only leaving rules out caused: a fact or parameter only a left-out rule reads looks unused. */
function hidden(f: DocumentFinding, dropped: readonly { rule: unknown }[]): boolean {
  if (f.code !== 'unused_fact' && f.code !== 'unused_parameter') return false;
  const name = parsePath(f.path)?.[1];
  return dropped.some((d) => JSON.stringify(d.rule ?? null).includes(JSON.stringify(name)));
}

function ruleName(rule: unknown): string | undefined {
  return isRecord(rule) && typeof rule['name'] === 'string' ? rule['name'] : undefined;
}

/** The findings in the order of the file: by where their path is in the text (or in the value's own key order). */
function order(source: unknown, findings: DocumentFinding[]): DocumentFinding[] {
  const text = typeof source === 'string' ? source : JSON.stringify(source);
  const scanned = scanJson(text);
  if (!scanned.ok) return findings;
  const placed = findings.map((f, i) => {
    const at = locateIn(text, scanned.root, f.path);
    return { f: typeof source === 'string' && at !== undefined ? { ...f, line: at.line, column: at.column } : f, offset: at?.offset ?? 0, i };
  });
  return placed.sort((a, b) => a.offset - b.offset || a.i - b.i).map((p) => p.f);
}
