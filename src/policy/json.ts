import type { Issue } from '../errors.js';
import { formatPath } from '../errors.js';

/** The deepest nesting of objects and arrays accepted in a policy or in facts. */
export const MAX_JSON_DEPTH = 128;

/**
 * Copies `value` as plain JSON, without recursion (so 10,000-deep input cannot overflow the
 * stack) and without ever assigning through a `__proto__` key. Returns the issues instead when
 * the value is not JSON: functions, `undefined` in arrays, non-finite numbers, class instances,
 * cycles, or nesting deeper than {@link MAX_JSON_DEPTH}.
 * @internal
 */
export function copyJson(
  value: unknown,
  basePath: readonly (string | number)[] = [],
  maxIssues = 20,
): { ok: true; value: unknown } | { ok: false; issues: Issue[] } {
  if (isPlainScalar(value)) return { ok: true, value }; // its own copy
  const issues: Issue[] = [];
  const fail = (path: readonly (string | number)[], code: string, message: string): void => {
    if (issues.length < maxIssues) issues.push({ code, path: formatPath(path), message });
  };
  const root: { value?: unknown } = {};
  type Frame = { source: unknown; target: object; key: string | number; path: (string | number)[]; depth: number; ancestors: Set<object> };
  const stack: Frame[] = [{ source: value, target: root, key: 'value', path: [...basePath], depth: 0, ancestors: new Set() }];
  while (stack.length > 0) {
    const { source, target, key, path, depth, ancestors } = stack.pop() as Frame;
    if (source === null || typeof source === 'string' || typeof source === 'boolean') {
      assign(target, key, source);
      continue;
    }
    if (typeof source === 'number') {
      if (Number.isFinite(source)) assign(target, key, source);
      else fail(path, 'not_json', `${String(source)} is not a JSON number.`);
      continue;
    }
    if (typeof source !== 'object') {
      fail(path, 'not_json', `A ${typeof source} is not a JSON value.`);
      continue;
    }
    if (depth >= MAX_JSON_DEPTH) {
      fail(path, 'too_deep', `The value is nested more than ${MAX_JSON_DEPTH} levels deep.`);
      continue;
    }
    if (ancestors.has(source)) {
      fail(path, 'not_json', 'The value contains itself (a cycle), which JSON cannot hold.');
      continue;
    }
    const inner = new Set(ancestors).add(source);
    if (Array.isArray(source)) {
      const out: unknown[] = new Array(source.length);
      assign(target, key, out);
      for (let i = source.length - 1; i >= 0; i--) {
        if (!(i in source) || source[i] === undefined) {
          fail([...path, i], 'not_json', 'An array element is missing or undefined, which JSON cannot hold.');
          continue;
        }
        const v = source[i] as unknown;
        // null, strings, booleans and finite numbers are copied in place: no frame, no path.
        if (isPlainScalar(v)) out[i] = v;
        else stack.push({ source: v, target: out, key: i, path: [...path, i], depth: depth + 1, ancestors: inner });
      }
      continue;
    }
    const proto = Object.getPrototypeOf(source) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const name = (source as { constructor?: { name?: unknown } }).constructor?.name;
      fail(path, 'not_json', `A ${typeof name === 'string' ? name : 'class instance'} is not a JSON value; pass plain objects, arrays, strings, numbers, booleans and null.`);
      continue;
    }
    const out: Record<string, unknown> = {};
    assign(target, key, out);
    const keys = Object.keys(source);
    const deferred: Frame[] = [];
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const v = (source as Record<string, unknown>)[k];
      if (v === undefined) continue; // JSON.stringify drops undefined members too
      // Members are created in source order; a nested value fills its member later.
      if (isPlainScalar(v)) {
        assign(out, k, v);
      } else {
        assign(out, k, undefined);
        deferred.push({ source: v, target: out, key: k, path: [...path, k], depth: depth + 1, ancestors: inner });
      }
    }
    for (let i = deferred.length - 1; i >= 0; i--) stack.push(deferred[i] as Frame);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: root.value };
}

/** null, a string, a boolean or a finite number: JSON values copied as they are. @internal */
export function isPlainScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Sets a member by plain assignment, except `__proto__`, which assignment would take as the
 * prototype: that one is defined as an own property.
 */
function assign(target: object, key: string | number, v: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
  else (target as Record<string | number, unknown>)[key] = v;
}

/**
 * Freezes a JSON value and everything in it, without recursion.
 * @internal
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const child of Object.values(v)) stack.push(child);
    }
  }
  return value;
}

/** Whether `value` is a plain object (not an array, not null). @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
