import type { Issue } from '../errors.js';
import { formatPath } from '../errors.js';

/** The deepest nesting of objects and arrays accepted in a policy or in facts. */
export const MAX_JSON_DEPTH = 128;

/**
 * The most values a copy may hold beyond those passed: an object passed from JavaScript may be
 * referenced from several places (a DAG), and a copy, like JSON, writes it out at each.
 */
export const MAX_JSON_EXPANSION = 100_000;

/** How {@link copyJson} speaks of the values it copies. @internal */
export interface CopyOptions {
  /** The most issues returned. @default 20 */
  readonly maxIssues?: number;
  /** Never quote a value in a message (a personal fact while `redact` is on). @default false */
  readonly hideValues?: boolean;
}

/**
 * Copies `value` as plain JSON, without recursion (so 10,000-deep input cannot overflow the
 * stack) and without ever assigning through a `__proto__` key; `-0` becomes `0`, as JSON
 * writes it. Returns the issues instead when the value is not JSON: functions, `undefined` in
 * arrays, non-finite numbers, class instances, cycles, nesting deeper than
 * {@link MAX_JSON_DEPTH}, or shared references that would write out more than
 * {@link MAX_JSON_EXPANSION} values. The time taken is linear in the size of the copy, which
 * is bounded: an object referenced from two places is measured once, before anything is copied.
 * @internal
 */
export function copyJson(
  value: unknown,
  basePath: readonly (string | number)[] = [],
  { maxIssues = 20, hideValues = false }: CopyOptions = {},
): { ok: true; value: unknown } | { ok: false; issues: Issue[] } {
  if (isPlainScalar(value)) return { ok: true, value: value === 0 ? 0 : value }; // its own copy
  const shape = measure(value, basePath);
  if (shape !== undefined) return { ok: false, issues: [shape] };
  const issues: Issue[] = [];
  // A frame knows its parent, not its path: the path is spelled out only for an issue.
  type Frame = { source: unknown; target: object; key: string | number; parent: Frame | undefined; depth: number };
  const pathOf = (frame: Frame | undefined, last?: number): (string | number)[] => {
    const keys: (string | number)[] = last === undefined ? [] : [last];
    for (let f = frame; f?.parent !== undefined; f = f.parent) keys.push(f.key);
    return [...basePath, ...keys.reverse()];
  };
  const fail = (path: readonly (string | number)[], code: string, message: string): void => {
    if (issues.length < maxIssues) issues.push({ code, path: formatPath(path), message });
  };
  const root: { value?: unknown } = {};
  const stack: Frame[] = [{ source: value, target: root, key: 'value', parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { source, target, key, depth } = frame;
    if (source === null || typeof source === 'string' || typeof source === 'boolean') {
      assign(target, key, source);
      continue;
    }
    if (typeof source === 'number') {
      if (Number.isFinite(source)) assign(target, key, source === 0 ? 0 : source);
      else fail(pathOf(frame), 'not_json', `${hideValues ? 'The value given' : String(source)} is not a JSON number.`);
      continue;
    }
    if (typeof source !== 'object') {
      fail(pathOf(frame), 'not_json', `A ${typeof source} is not a JSON value.`);
      continue;
    }
    if (depth >= MAX_JSON_DEPTH) {
      fail(pathOf(frame), 'too_deep', `The value is nested more than ${MAX_JSON_DEPTH} levels deep.`);
      continue;
    }
    if (Array.isArray(source)) {
      const out: unknown[] = new Array(source.length);
      assign(target, key, out);
      for (let i = source.length - 1; i >= 0; i--) {
        if (!(i in source) || source[i] === undefined) {
          fail(pathOf(frame, i), 'not_json', 'An array element is missing or undefined, which JSON cannot hold.');
          continue;
        }
        const v = source[i] as unknown;
        // null, strings, booleans and finite numbers are copied in place: no frame.
        if (isPlainScalar(v)) out[i] = v === 0 ? 0 : v;
        else stack.push({ source: v, target: out, key: i, parent: frame, depth: depth + 1 });
      }
      continue;
    }
    const proto = Object.getPrototypeOf(source) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const name = (source as { constructor?: { name?: unknown } }).constructor?.name;
      fail(pathOf(frame), 'not_json', `A ${typeof name === 'string' ? name : 'class instance'} is not a JSON value; pass plain objects, arrays, strings, numbers, booleans and null.`);
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
        assign(out, k, v === 0 ? 0 : v);
      } else {
        assign(out, k, undefined);
        deferred.push({ source: v, target: out, key: k, parent: frame, depth: depth + 1 });
      }
    }
    for (let i = deferred.length - 1; i >= 0; i--) stack.push(deferred[i] as Frame);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: root.value };
}

/**
 * Walks the objects and arrays of `value` once each (an object referenced twice is not walked
 * twice), without recursion, and returns the issue that forbids copying it: a cycle, or shared
 * references that would write out more than {@link MAX_JSON_EXPANSION} values beyond those
 * passed. `undefined` when a copy is safe to make (it may still find values that are not JSON).
 */
function measure(value: unknown, basePath: readonly (string | number)[]): Issue | undefined {
  if (!walks(value)) return undefined;
  /** Values in an object as JSON writes it: 1 for itself, plus its members', each written out. */
  const written = new Map<object, number>();
  const open = new Set<object>();
  type Frame = { node: object; keys: readonly string[] | undefined; length: number; next: number; total: number; repeated: number };
  const frames: Frame[] = [];
  const enter = (node: object): void => {
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    open.add(node);
    frames.push({ node, keys, length: keys === undefined ? (node as unknown[]).length : keys.length, next: 0, total: 1, repeated: 0 });
  };
  const keyOf = (frame: Frame, index: number): string | number => frame.keys?.[index] ?? index;
  const pathTo = (depth: number): (string | number)[] => [...basePath, ...frames.slice(0, depth).map((f) => keyOf(f, f.next - 1))];
  /** The deepest object whose repeated parts alone exceed the bound: where to look. */
  let where: (string | number)[] | undefined;
  enter(value);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as Frame;
    if (frame.next === frame.length) {
      frames.pop();
      open.delete(frame.node);
      written.set(frame.node, frame.total);
      if (where === undefined && frame.repeated > MAX_JSON_EXPANSION) where = pathTo(frames.length);
      const parent = frames[frames.length - 1];
      if (parent !== undefined) {
        parent.total = Math.min(parent.total + frame.total, Number.MAX_SAFE_INTEGER);
        parent.repeated = Math.min(parent.repeated + frame.repeated, Number.MAX_SAFE_INTEGER);
      }
      continue;
    }
    const index = frame.next++;
    const child = (frame.node as Record<string | number, unknown>)[keyOf(frame, index)];
    if (!walks(child)) {
      frame.total++;
      continue;
    }
    const known = written.get(child);
    if (known !== undefined) {
      // Met before: all of it is written out again.
      frame.total = Math.min(frame.total + known, Number.MAX_SAFE_INTEGER);
      frame.repeated = Math.min(frame.repeated + known, Number.MAX_SAFE_INTEGER);
      continue;
    }
    if (open.has(child)) {
      return { code: 'not_json', path: formatPath(pathTo(frames.length)), message: 'The value contains itself (a cycle), which JSON cannot hold.' };
    }
    enter(child);
  }
  if (where !== undefined) {
    return {
      code: 'too_large',
      path: formatPath(where),
      message: `The value refers to the same objects so often that, written out as JSON, it holds more than ${MAX_JSON_EXPANSION.toLocaleString('en')} values; pass each object once.`,
    };
  }
  return undefined;
}

/** An object or array whose members JSON writes: not a class instance. */
function walks(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
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

/**
 * A fresh copy of a value already known to be JSON (a checked policy's own): what
 * `structuredClone` gives for it, at a fraction of the cost. Nesting is bounded by
 * {@link MAX_JSON_DEPTH}, so the recursion is too.
 * @internal
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    // `__proto__` as an own key: defined, never assigned through the setter.
    if (key === '__proto__') Object.defineProperty(out, key, { value: cloneJson(v), enumerable: true, writable: true, configurable: true });
    else out[key] = cloneJson(v);
  }
  return out as T;
}
