import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import { renderReview, reviewPolicy, type ReviewFormat, type ReviewOptions } from '../../authoring/review.js';
import type { Policy } from '../../policy/define.js';
import { loadPolicyFile } from './explain.js';
import { EXIT, parse, readOperators, readText, UsageError, type Io, type Style } from './shared.js';

/** @internal */
export const REVIEW_HELP = `Usage: because review POLICY [options]

Prints every text the policy can say, region by region: the decision regions found from the
boundary values of its conditions and from facts left unknown, each with example facts, the
outcome, the deciding rule, and in every locale the policy covers the customer text, why-not
toward each better outcome, counterfactuals, questions and the escalation text.

Options:
  --format FORMAT     markdown (default), html, csv or json
  --snapshot FILE     write the review to FILE (format from its extension: .json, .html, .csv,
                      else Markdown) instead of printing it; "because test" checks
                      <name>.review.md next to the policy
  --locales L,L…      render these locales (default: every locale the policy's texts cover)
  --max-regions N     keep at most N regions (default 200; the review says when it stopped)
  --operators FILE    custom operators: a module exporting them (default or "operators")
  -h, --help          show this help

Exit codes: 0 written, 1 the policy is not valid, 2 bad usage or an unreadable file.
Example:
  because review rules-examples/refund.json --snapshot rules-examples/refund.review.md`;

const FORMATS: Record<string, ReviewFormat> = { markdown: 'markdown', md: 'markdown', html: 'html', csv: 'csv', json: 'json' };

/** The format of a snapshot file, from its extension: JSON, HTML, CSV, else Markdown. @internal */
export function snapshotFormat(file: string): ReviewFormat {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  return ext === 'json' || ext === 'html' || ext === 'csv' ? ext : 'markdown';
}

/** @internal */
export async function runReview(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('review', args, {
    format: { type: 'string' },
    snapshot: { type: 'string' },
    locales: { type: 'string' },
    'max-regions': { type: 'string' },
    operators: { type: 'string' },
  });
  if (values.help === true) {
    io.out.write(`${REVIEW_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('review takes one POLICY file', 'review');
  const format = values.format === undefined ? undefined : FORMATS[values.format];
  if (values.format !== undefined && format === undefined) throw new UsageError(`--format is markdown, html, csv or json, not "${values.format}"`, 'review');
  const options: { locales?: string[]; maxRegions?: number } = {};
  if (values.locales !== undefined) {
    options.locales = values.locales.split(',').map((l) => l.trim()).filter((l) => l !== '');
    if (options.locales.length === 0) throw new UsageError('--locales names at least one locale, such as en,nl', 'review');
  }
  if (values['max-regions'] !== undefined) {
    const n = Number(values['max-regions']);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-regions is a whole number of at least 1, not "${values['max-regions']}"`, 'review');
    options.maxRegions = n;
  }
  const file = positionals[0] as string;
  const loaded = await loadPolicyFile(file, 'review', io, { operators: await readOperators(values.operators, 'review') });
  if (loaded === undefined) return EXIT.failed;
  const review = reviewPolicy(loaded.policy, options);
  if (values.snapshot === undefined) {
    io.out.write(renderReview(review, format ?? 'markdown'));
    return EXIT.ok;
  }
  const text = renderReview(review, format ?? snapshotFormat(values.snapshot));
  try {
    await writeFile(values.snapshot, text, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write ${values.snapshot}: ${(error as Error).message}`, 'review');
  }
  io.out.write(`${values.snapshot}: ${review.regions.length} regions${review.limited === undefined ? '' : ' (stopped at the cap)'}\n`);
  return EXIT.ok;
}

/** What checking a review snapshot found. @internal */
export interface SnapshotCheck {
  readonly file: string;
  /** `match`, `mismatch`, or `written` (with `--update`). */
  readonly status: 'match' | 'mismatch' | 'written';
  readonly regions: number;
  /** With `mismatch`: the unified diff from the file to the review as it is now. */
  readonly diff?: string;
}

const lf = (s: string): string => s.replace(/\r\n/g, '\n');

/**
 * Compares a policy's review with its snapshot file (or writes it, with `update`); undefined
 * when there is no snapshot and nothing to write.
 * @internal
 */
export async function checkSnapshot(policy: Policy, file: string, update: boolean, command: string, options: ReviewOptions = {}): Promise<SnapshotCheck | undefined> {
  if (!update && !existsSync(file)) return undefined;
  const review = reviewPolicy(policy, options);
  const now = renderReview(review, snapshotFormat(file));
  if (update) {
    await writeFile(file, now, 'utf8');
    return { file, status: 'written', regions: review.regions.length };
  }
  const before = await readText(file, command);
  if (lf(before) === lf(now)) return { file, status: 'match', regions: review.regions.length };
  const diff = createTwoFilesPatch(file, `${file} (as the policy says it now)`, lf(before), lf(now), undefined, undefined, { context: 2 });
  return { file, status: 'mismatch', regions: review.regions.length, diff: withRegions(diff.replace(/^=+\n/, ''), lf(now)) };
}

/**
 * Each hunk header of a Markdown review's diff names the region it falls in, as git names the
 * function around a hunk: `@@ -83,5 +83,5 @@ ## 2. deny by rule final-sale`.
 */
function withRegions(diff: string, now: string): string {
  const lines = now.split('\n');
  return diff.replace(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@$/gm, (header, start: string) => {
    for (let i = Number(start) - 1; i >= 0; i--) if (lines[i]?.startsWith('## ') === true) return `${header} ${lines[i] as string}`;
    return header;
  });
}

/** A unified diff with its added and removed lines coloured. @internal */
export function colourDiff(diff: string, s: Style): string {
  return diff
    .split('\n')
    .map((line, i) => (i < 2 ? s.bold(line) : line.startsWith('+') ? s.green(line) : line.startsWith('-') ? s.red(line) : line.startsWith('@@') ? s.cyan(line) : line))
    .join('\n');
}
