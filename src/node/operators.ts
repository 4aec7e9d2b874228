import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OptionsError } from '../errors.js';
import { registerOperators, type CustomOperators } from '../policy/custom-operators.js';

/**
 * Loads custom operators from a JavaScript module: its `operators` export, or else its default
 * export, an object of { name: CustomOperator } as `definePolicy(json, { operators })` takes it.
 * What the command line's `--operators ./operators.mjs` reads. Node-only: import it from
 * `because/node`.
 *
 * @param file Path of the module (`.mjs`, or `.js` in a package of `"type": "module"`), relative
 *   to the current directory.
 * @throws {OptionsError} when the module cannot be loaded (code `unreadable_operators`), exports
 *   no operators (`missing_operators`), or an operator is not valid (paths `operators.<name>.<field>`).
 * @example
 * ```ts
 * import { loadOperators, loadPolicy } from 'because/node';
 * const policy = await loadPolicy('vouchers.json', { operators: await loadOperators('./operators.mjs') });
 * ```
 */
export async function loadOperators(file: string): Promise<CustomOperators> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new OptionsError([{ code: 'unreadable_operators', path: '', message: `Cannot load the operators module ${file}: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const operators = module['operators'] ?? module['default'];
  if (operators === undefined) {
    throw new OptionsError([{ code: 'missing_operators', path: '', message: `${file} exports no operators: write "export const operators = { startsWith: { … } }" or "export default { … }".` }]);
  }
  const [first, ...rest] = registerOperators(operators).issues;
  if (first !== undefined) throw new OptionsError([first, ...rest]);
  return operators as CustomOperators;
}
