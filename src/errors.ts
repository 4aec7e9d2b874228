/**
 * One problem found in a policy or in the facts passed to `explain`.
 *
 * Issues are plain, JSON-serialisable objects: log them, show them to a policy author, or map
 * them onto an editor's diagnostics by `path`.
 */
export interface Issue {
  /** Stable, snake_case identifier of the kind of problem, e.g. `unknown_operator`. */
  readonly code: string;
  /**
   * Where the problem is, as a JSON path into the checked document:
   * `rules[3].conditions.all[0].operator`. The empty string means the document itself.
   */
  readonly path: string;
  /** What is wrong, written for a policy author rather than a programmer. */
  readonly message: string;
}

/** A list that always holds at least one element. */
export type NonEmptyArray<T> = readonly [T, ...T[]];

const BRAND = Symbol.for('because.error');

/**
 * The base class of every error `because` throws on purpose. Each carries at least one
 * {@link Issue}; `message` summarises them.
 */
export class BecauseError extends Error {
  override name = 'BecauseError';
  /** Every problem found, never empty. */
  readonly issues: NonEmptyArray<Issue>;
  /** The code of the first issue: handy for a `switch`. */
  readonly code: string;

  constructor(issues: NonEmptyArray<Issue>, summary?: string) {
    super(summary ?? summarise(issues));
    this.issues = Object.freeze([...issues]) as unknown as NonEmptyArray<Issue>;
    this.code = issues[0].code;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** A policy document that `definePolicy` cannot accept. */
export class PolicyError extends BecauseError {
  override name = 'PolicyError';
}

/** Facts passed to `explain` that do not fit the policy's declared facts. */
export class FactsError extends BecauseError {
  override name = 'FactsError';
}

/** The policy is not in force on the date the decision is about (`validFrom`/`validTo`). */
export class PolicyNotInForceError extends BecauseError {
  override name = 'PolicyNotInForceError';
}

/** An option passed to `explain` or `definePolicy` is not valid. */
export class OptionsError extends BecauseError {
  override name = 'OptionsError';
}

function hasName(error: unknown, name: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[BRAND] === true &&
    (error as { name?: unknown }).name === name
  );
}

/**
 * A custom operator (`definePolicy(json, { operators })`) misbehaved while a condition was
 * evaluated: its `evaluate` threw (the thrown value is `cause`) or answered something other than
 * `true` or `false`. `explain` and `decide` reject with it rather than guess the condition.
 */
export class OperatorError extends BecauseError {
  override name = 'OperatorError';

  constructor(issues: NonEmptyArray<Issue>, cause?: unknown) {
    super(issues);
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, enumerable: false, writable: true, configurable: true });
  }
}

/** Whether `error` is a {@link BecauseError} of any kind, also across realms (iframes, workers, duplicate installs). */
export function isBecauseError(error: unknown): error is BecauseError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/** Whether `error` is a {@link PolicyError}, also across realms. */
export function isPolicyError(error: unknown): error is PolicyError {
  return hasName(error, 'PolicyError');
}

/** Whether `error` is a {@link FactsError}, also across realms. */
export function isFactsError(error: unknown): error is FactsError {
  return hasName(error, 'FactsError');
}

/** Whether `error` is a {@link PolicyNotInForceError}, also across realms. */
export function isPolicyNotInForceError(error: unknown): error is PolicyNotInForceError {
  return hasName(error, 'PolicyNotInForceError');
}

/** Whether `error` is an {@link OperatorError}, also across realms. */
export function isOperatorError(error: unknown): error is OperatorError {
  return hasName(error, 'OperatorError');
}

function summarise(issues: NonEmptyArray<Issue>): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path === '' ? '(document)' : i.path}: ${i.message}`);
  const more = issues.length > 5 ? `\n… and ${issues.length - 5} more` : '';
  return `${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${shown.join('\n')}${more}`;
}

/**
 * Formats a path of keys and indices as a JSON path: `rules[3].conditions.all[0]`.
 * @internal
 */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
