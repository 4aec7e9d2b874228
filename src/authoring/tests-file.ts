import * as z from 'zod/mini';
import { BecauseError, formatPath, isBecauseError, type Issue, type NonEmptyArray } from '../errors.js';
import { isRecord } from '../policy/json.js';
import { ISO_DATE } from '../policy/dates.js';
import { describeValue } from '../policy/compile.js';
import { canonicalLocale, LOCALE_SHAPE } from '../policy/locale.js';
import { parseJsonText } from '../policy/json-text.js';

/**
 * The tests file of a policy: `<name>.tests.json` next to `<name>.json`. It lists cases, each
 * with facts and the decision expected on them:
 *
 * ```json
 * { "policy": "./refund.json",
 *   "cases": [ { "name": "denied after the return period", "facts": { "daysSincePurchase": 45 },
 *                "at": "2026-03-01", "locale": "en",
 *                "expect": { "outcome": "deny", "decidedBy": "outside-return-period", "textIncludes": ["30 days"] } } ] }
 * ```
 *
 * A bare list of cases (CONTRACT §4) is accepted too.
 */


/** What a case expects of the decision. Only `outcome` is required. */
export const TestExpectSchema = z.strictObject({
  outcome: z.string().check(z.minLength(1)),
  decidedBy: z.optional(z.nullable(z.string())),
  missing: z.optional(z.array(z.string())),
  textIncludes: z.optional(z.array(z.string())),
});
/** What a case expects of the decision. */
export type TestExpect = z.infer<typeof TestExpectSchema>;

/** One test case: facts, the options of the call, and what the decision must be. */
export const TestCaseSchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  facts: z.record(z.string(), z.unknown()),
  at: z.optional(z.string().check(z.regex(ISO_DATE, 'an ISO 8601 date such as "2026-03-01"'))),
  locale: z.optional(z.string().check(z.regex(LOCALE_SHAPE, 'a locale such as "en" or "nl-BE"'))),
  audience: z.optional(z.enum(['customer', 'agent'])),
  expect: TestExpectSchema,
  description: z.optional(z.string()),
});
/** One test case. */
export type TestCase = z.infer<typeof TestCaseSchema>;

/** The tests file: the policy it tests (relative to the file) and its cases. */
export const TestSuiteSchema = z.strictObject({
  $schema: z.optional(z.string()),
  policy: z.optional(z.string().check(z.minLength(1))),
  description: z.optional(z.string()),
  cases: z.array(TestCaseSchema),
});
/** A tests file, normalised: always an object with `cases`. */
export type TestSuite = z.infer<typeof TestSuiteSchema>;

/** A tests file that cannot be read as one: each issue has a JSON path into the file. */
export class TestsFileError extends BecauseError {
  override name = 'TestsFileError';
}

/** Whether `error` is a {@link TestsFileError}, also across realms. */
export function isTestsFileError(error: unknown): error is TestsFileError {
  return isBecauseError(error) && error.name === 'TestsFileError';
}

/**
 * Validates a tests file and returns it as a {@link TestSuite}. A bare list of cases becomes
 * `{ cases }`. Every problem is reported, each with the JSON path of the place in the file.
 *
 * @param input The parsed JSON of a tests file, or its text (a byte order mark allowed; a key
 *   written twice in one object is an error, `duplicate_key`).
 * @throws {TestsFileError} when the input is not a tests file.
 * @example
 * ```ts
 * const suite = parseTestSuite(JSON.parse(readFileSync('refund.tests.json', 'utf8')));
 * ```
 */
export function parseTestSuite(input: unknown): TestSuite {
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input, 'The tests file');
    if (!parsed.ok) throw new TestsFileError(parsed.issues);
    value = parsed.value;
  }
  const wrapped = Array.isArray(value);
  const candidate = wrapped ? { cases: value } : value;
  if (!isRecord(candidate)) {
    throw new TestsFileError([
      { code: 'invalid_type', path: '', message: 'A tests file is an object { "policy": "./name.json", "cases": [ … ] } or a list of cases.' },
    ]);
  }
  const issues: Issue[] = [];
  const parsed = TestSuiteSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      let path = zi.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (wrapped) path = path.slice(1); // a bare list: paths start at the list
      issues.push(toIssue(zi, path, candidate));
    }
  } else {
    const seen = new Map<string, number>();
    parsed.data.cases.forEach((c, i) => {
      if (c.locale !== undefined && canonicalLocale(c.locale) === undefined) {
        issues.push({ code: 'invalid_locale', path: formatPath(wrapped ? [i, 'locale'] : ['cases', i, 'locale']), message: `"${c.locale}" is not a locale (a BCP 47 tag such as "en", "nl-BE" or "nl-BE-x-acme").` });
      }
      const first = seen.get(c.name);
      if (first === undefined) seen.set(c.name, i);
      else {
        const at: (string | number)[] = wrapped ? [i, 'name'] : ['cases', i, 'name'];
        issues.push({ code: 'duplicate_case_name', path: formatPath(at), message: `Case ${first + 1} has the same name "${c.name}"; give every case its own name.` });
      }
    });
  }
  const [first, ...rest] = issues;
  if (first !== undefined) throw new TestsFileError([first, ...rest] as NonEmptyArray<Issue>);
  return (parsed as { data: TestSuite }).data;
}

interface ZodIssueLike {
  readonly code: string;
  readonly message: string;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly expected?: string;
}

const FIELD_HELP: Record<string, string> = {
  name: 'a short name that says what the case checks',
  facts: 'an object of { fact: value }',
  expect: '{ "outcome": … } and optionally "decidedBy", "missing", "textIncludes"',
  outcome: 'the name of an outcome, such as "deny"',
  decidedBy: 'the name of the rule that decides, or null for the default',
  missing: 'a list of fact names, most decisive first',
  textIncludes: 'a list of texts that the customer text must contain',
  cases: 'a list of cases',
  policy: 'the path of the policy file, relative to this file, such as "./refund.json"',
};

function toIssue(zi: ZodIssueLike, path: (string | number)[], root: unknown): Issue {
  const where = formatPath(path);
  let received: unknown = root;
  for (const p of path) received = isRecord(received) || Array.isArray(received) ? (received as Record<string | number, unknown>)[p] : undefined;
  const key = [...path].reverse().find((p): p is string => typeof p === 'string') ?? '';
  const help = FIELD_HELP[key];
  switch (zi.code) {
    case 'unrecognized_keys': {
      const keys = zi.keys ?? [];
      const known = path.length === 0 ? '"policy", "cases"' : key === 'expect' ? '"outcome", "decidedBy", "missing", "textIncludes"' : '"name", "facts", "at", "locale", "audience", "expect"';
      return {
        code: 'unknown_property',
        path: formatPath([...path, keys[0] ?? '']),
        message: `${keys.map((k) => `"${k}"`).join(', ')} ${keys.length === 1 ? 'is' : 'are'} not known here; check the spelling. Known: ${known}.`,
      };
    }
    case 'invalid_type':
      return received === undefined
        ? { code: 'missing_property', path: where, message: `"${key}" is required${help === undefined ? '' : `: ${help}`}.` }
        : { code: 'invalid_type', path: where, message: `Expected ${help ?? zi.expected ?? 'another type'} here, but found ${describeValue(received)}.` };
    case 'invalid_value':
      return { code: 'invalid_value', path: where, message: `${describeValue(received)} is not allowed here; use one of ${(zi.values ?? []).map((v) => JSON.stringify(v)).join(', ')}.` };
    case 'invalid_format':
      return { code: 'invalid_format', path: where, message: `${describeValue(received)} is not ${/must match pattern|^Invalid\b/.test(zi.message) ? 'in the right format' : zi.message}.` };
    case 'too_small':
      return { code: 'too_small', path: where, message: `"${key}" may not be empty.` };
    default:
      return { code: zi.code, path: where, message: zi.message };
  }
}
