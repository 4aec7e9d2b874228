import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import ourPackage from '../../package.json' with { type: 'json' };

/**
 * src/policy/operators.ts loads three modules from inside json-rules-engine's dist/ (the operator
 * map without the Engine, for a small browser bundle). Nothing promises that a release keeps
 * them, so package.json pins the exact version, and these tests fail loudly, with what to do,
 * when the installed package is another one or its internals moved. test/core/operators.test.ts
 * then checks that the operators still behave as new Engine().operators.
 */
const require = createRequire(import.meta.url);
const installed = require('json-rules-engine/package.json') as { version: string; exports?: unknown };
const MOVED = 'json-rules-engine moved the internals src/policy/operators.ts loads: update src/policy/json-rules-engine-internals.d.ts and operators.ts to the new layout, then the exact pin in package.json';

describe('the json-rules-engine internals the core loads', () => {
  it('come from the exact version package.json pins', () => {
    const pinned = ourPackage.dependencies['json-rules-engine'];
    expect(pinned, 'json-rules-engine must be pinned to an exact version: operators.ts loads files from its dist/').toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed.version, `installed json-rules-engine ${installed.version} is not the pinned ${pinned}: run npm ci`).toBe(pinned);
    expect(installed.exports, `json-rules-engine now has an exports map, which may close its dist/ files: ${MOVED}`).toBeUndefined();
  });

  it.each([
    ['json-rules-engine/dist/operator-map.js', 'function'],
    ['json-rules-engine/dist/engine-default-operators.js', 'object'],
    ['json-rules-engine/dist/engine-default-operator-decorators.js', 'object'],
  ])('%s is there, with its default export', (file, type) => {
    let module: { default?: unknown };
    try {
      module = require(file) as { default?: unknown };
    } catch (error) {
      throw new Error(`${file} cannot be loaded (${String(error)}): ${MOVED}`);
    }
    expect(typeof module.default, `${file} has no default ${type}: ${MOVED}`).toBe(type);
    if (type === 'object') expect(Array.isArray(module.default) && module.default.length > 0, `${file} lists nothing: ${MOVED}`).toBe(true);
  });
});
