/**
 * The page of a site written by `because studio --export`: Try and Texts, no editor.
 * @internal
 */
import { fill, h } from './dom.js';
import { start } from './main.js';

start().catch((error: unknown) => {
  fill(document.body, h('p', { role: 'alert', class: 'problems' }, `This page could not start: ${(error as Error).message}`));
});
