/**
 * `because/authoring`: tools for policy authors. Runs in Node and in a browser policy editor
 * (no `node:` imports): tests files with coverage, lint, the review of every text a policy can
 * say, and locating a JSON path in a file's text for diagnostics.
 * @module because/authoring
 */
export { runTests } from './run-tests.js';
export type { TestReport, CaseResult, TestFailure, Coverage, CoverageCount, ConditionCoverage } from './run-tests.js';
export { parseTestSuite, TestSuiteSchema, TestCaseSchema, TestExpectSchema, TestsFileError, isTestsFileError } from './tests-file.js';
export type { TestSuite, TestCase, TestExpect } from './tests-file.js';
export { lintPolicy, LINT_CODES } from './lint.js';
export type { LintFinding, LintCode, LintOptions } from './lint.js';
export { reviewPolicy, renderReview } from './review.js';
export type { PolicyReview, ReviewRegion, RegionTexts, ReviewOptions, ReviewFormat } from './review.js';
export { lintDocument } from './lint-document.js';
export type { DocumentFinding, DocumentLint, LintSkipped } from './lint-document.js';
export { locateJsonPath, positionAt } from './locate.js';
export type { Location, SourcePosition } from './locate.js';
export { importRules, canonicalPath, TODO_PREFIX } from './import.js';
export type { ImportNote, ImportOptions, ImportResult } from './import.js';
