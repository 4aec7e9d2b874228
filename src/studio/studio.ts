/**
 * The page of `because studio`: Try and Texts, and the editor with lint's findings.
 * @internal
 */
import { diagnose } from './diagnose.js';
import { fill, h } from './dom.js';
import { createEditor } from './editor.js';
import { start } from './main.js';

start({ createEditor, diagnose }).catch((error: unknown) => {
  fill(document.body, h('p', { role: 'alert', class: 'problems' }, `The studio could not start: ${(error as Error).message}`));
});
