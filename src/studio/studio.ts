/**
 * The page of `because studio`: Try and Texts, the editor with lint's findings, and the tests.
 * @internal
 */
import { runTests } from '../authoring/run-tests.js';
import { diagnose } from './diagnose.js';
import { fill, h } from './dom.js';
import { createEditor } from './editor.js';
import { start } from './main.js';
import { appendCase } from './tests-text.js';

start({ createEditor, diagnose, appendCase, runTests: (policy, text) => runTests(policy, JSON.parse(text) as unknown) }).catch((error: unknown) => {
  fill(document.body, h('p', { role: 'alert', class: 'problems' }, `The studio could not start: ${(error as Error).message}`));
});
