import * as z from 'zod/mini';
import { ISO_DATE } from './dates.js';
import { LOCALE_SHAPE } from './locale.js';
import { FACT_TYPES, KINDS, NAME, STRATEGIES, SUBJECTS, TONES, UNITS } from './schema.js';

/**
 * Whether {@link PolicySchema} accepts a document: the same answer as
 * `PolicySchema.safeParse(raw).success`, without running zod. `definePolicy` asks this first and
 * runs zod only on a document it refuses, for the issues: on a valid policy zod's cold first
 * parse was a third of `definePolicy` in a fresh process. Each test below is the one zod makes
 * (see node_modules/zod/v4/core/schemas.js): strict objects refuse any key `for…in` yields that
 * is not declared (an own `__proto__` too), records take plain objects and skip a `__proto__`
 * key, a required key must be `in` the object (even for a value of any type), an optional one
 * may hold `undefined`. test/core/accepts.test.ts holds the two to the same answer on generated
 * and mutated documents; a change to schema.ts needs its counterpart here.
 * @internal
 */
export function policyAccepted(raw: unknown): boolean {
  return strict(raw, POLICY_KEYS) && policyFields(raw as Obj);
}

type Obj = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** zod's `isPlainObject`: what a record accepts. */
function isPlainObject(o: unknown): o is Obj {
  if (!isObject(o)) return false;
  const ctor = o.constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prot = (ctor as { prototype?: unknown }).prototype;
  if (!isObject(prot)) return false;
  return Object.prototype.hasOwnProperty.call(prot, 'isPrototypeOf');
}

/** An object whose every key (`for…in`) is one of `keys`. */
function strict(v: unknown, keys: ReadonlySet<string>): v is Obj {
  if (!isObject(v)) return false;
  for (const key in v) if (!keys.has(key)) return false;
  return true;
}

/** A record: a plain object whose own enumerable keys pass `key` (a `__proto__` key is skipped) and values `value`. */
function record(v: unknown, key: RegExp | undefined, value: Check): boolean {
  if (!isPlainObject(v)) return false;
  for (const k of Reflect.ownKeys(v)) {
    if (k === '__proto__' || !Object.prototype.propertyIsEnumerable.call(v, k)) continue;
    if (typeof k !== 'string' || (key !== undefined && !key.test(k))) return false;
    if (!value(v[k])) return false;
  }
  return true;
}

/** An optional key: absent, `undefined`, or passing `check`. */
const opt = (o: Obj, key: string, check: Check): boolean => {
  const v = o[key];
  return v === undefined || check(v);
};
/** A required key: present (`in`, as zod asks) and passing `check`. */
const req = (o: Obj, key: string, check: Check): boolean => key in o && check(o[key]);

/** An array whose every element, holes included (zod reads each index), passes `check`. */
const list = (check: Check): Check => (v) => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!check(v[i])) return false;
  return true;
};

const isString: Check = (v) => typeof v === 'string';
const isBoolean: Check = (v) => typeof v === 'boolean';
const any: Check = () => true;
const oneOf = (values: readonly string[]): Check => {
  const set = new Set<unknown>(values);
  return (v) => set.has(v);
};
const matches = (re: RegExp): Check => (v) => typeof v === 'string' && re.test(v);
const nonEmpty: Check = (v) => typeof v === 'string' && v.length >= 1;
/** `z.int().check(z.minimum(1))`. */
const isPriority: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

const isText: Check = (v) => typeof v === 'string' || record(v, LOCALE_SHAPE, isString);
const textRecord: Check = (v) => record(v, undefined, isText);
const jsonRecord: Check = (v) => record(v, undefined, any);
const isFactType = oneOf(FACT_TYPES);
const isUnit = oneOf(UNITS);
const isCurrency = matches(/^[A-Z]{3}$/);
const isSubject = oneOf(SUBJECTS);
const isFrom = oneOf(['customer', 'host']);
const isTone = oneOf(TONES);
const isKind = oneOf(KINDS);
const isStrategy = oneOf(STRATEGIES);
const isPolicyId = matches(/^[a-z0-9-]+$/);
const isDate: Check = (v) => v === null || (typeof v === 'string' && ISO_DATE.test(v));

/** `z.url()`, zod's own (its parsing of URLs is not worth copying). */
let url: z.ZodMiniURL | undefined;
const isUrl: Check = (v) => (url ??= z.url()).safeParse(v).success;

const keys = (...names: string[]): ReadonlySet<string> => new Set(names);
const FACT_KEYS = keys('type', 'enum', 'items', 'unit', 'currency', 'label', 'valueLabels', 'question', 'says', 'mutable', 'personal', 'internal', 'from', 'description');
const PARAMETER_KEYS = keys('value', 'unit', 'currency', 'label', 'internal', 'description');
const OUTCOME_KEYS = keys('label', 'adverse', 'human', 'tone', 'message', 'subject', 'description');
const LEAF_KEYS = keys('fact', 'operator', 'value', 'path', 'params', 'priority', 'name', 'internal', 'description');
const REFERENCE_KEYS = keys('condition', 'priority', 'name', 'internal', 'description');
const ALL_KEYS = keys('all', 'priority', 'name', 'internal', 'description');
const ANY_KEYS = keys('any', 'priority', 'name', 'internal', 'description');
const NOT_KEYS = keys('not', 'priority', 'name', 'internal', 'description');
const SOURCE_KEYS = keys('title', 'url', 'section', 'description');
const RULE_KEYS = keys('name', 'priority', 'conditions', 'event', 'because', 'source', 'internal', 'description');
const EVENT_KEYS = keys('type', 'params', 'description');
const DECISION_KEYS = keys('strategy', 'default', 'description');
const TEXTS_KEYS = keys('escalation', 'disclosure', 'confidentialReason', 'description');
const POLICY_KEYS = keys('$schema', 'description', 'id', 'version', 'kind', 'title', 'subject', 'validFrom', 'validTo', 'facts', 'parameters', 'outcomes', 'conditions', 'decision', 'texts', 'rules');

const described = (o: Obj): boolean => opt(o, 'description', isString);

const isFact: Check = (v) =>
  strict(v, FACT_KEYS) &&
  req(v, 'type', isFactType) &&
  opt(v, 'enum', list(isString)) &&
  opt(v, 'items', isFactType) &&
  opt(v, 'unit', isUnit) &&
  opt(v, 'currency', isCurrency) &&
  opt(v, 'label', isText) &&
  opt(v, 'valueLabels', textRecord) &&
  opt(v, 'question', isText) &&
  opt(v, 'says', textRecord) &&
  opt(v, 'mutable', isBoolean) &&
  opt(v, 'personal', isBoolean) &&
  opt(v, 'internal', isBoolean) &&
  opt(v, 'from', isFrom) &&
  described(v);

const isParameter: Check = (v) =>
  strict(v, PARAMETER_KEYS) &&
  req(v, 'value', any) &&
  opt(v, 'unit', isUnit) &&
  opt(v, 'currency', isCurrency) &&
  opt(v, 'label', isText) &&
  opt(v, 'internal', isBoolean) &&
  described(v);

const isOutcome: Check = (v) =>
  strict(v, OUTCOME_KEYS) &&
  opt(v, 'label', isText) &&
  opt(v, 'adverse', isBoolean) &&
  opt(v, 'human', isBoolean) &&
  opt(v, 'tone', isTone) &&
  opt(v, 'message', isText) &&
  opt(v, 'subject', isSubject) &&
  described(v);

/** What every condition node may carry besides its own keys. */
const extras = (o: Obj): boolean => opt(o, 'priority', isPriority) && opt(o, 'name', isString) && opt(o, 'internal', isBoolean) && described(o);

/** ConditionSchema: a union, so a node passes when any of its five shapes takes it. */
const isCondition: Check = (v) => {
  if (!isObject(v)) return false;
  if (strict(v, LEAF_KEYS) && req(v, 'fact', isString) && req(v, 'operator', isString) && 'value' in v && opt(v, 'path', isString) && opt(v, 'params', jsonRecord) && extras(v)) return true;
  if (strict(v, REFERENCE_KEYS) && req(v, 'condition', isString) && extras(v)) return true;
  if (strict(v, ALL_KEYS) && req(v, 'all', isConditionList) && extras(v)) return true;
  if (strict(v, ANY_KEYS) && req(v, 'any', isConditionList) && extras(v)) return true;
  return strict(v, NOT_KEYS) && req(v, 'not', isCondition) && extras(v);
};
const isConditionList: Check = (v) => list(isCondition)(v);

const isSource: Check = (v) => strict(v, SOURCE_KEYS) && req(v, 'title', isText) && opt(v, 'url', isUrl) && opt(v, 'section', isString) && described(v);

const isEvent: Check = (v) => strict(v, EVENT_KEYS) && req(v, 'type', isString) && opt(v, 'params', jsonRecord) && described(v);

const isRule: Check = (v) =>
  strict(v, RULE_KEYS) &&
  req(v, 'name', nonEmpty) &&
  opt(v, 'priority', isPriority) &&
  req(v, 'conditions', isCondition) &&
  req(v, 'event', isEvent) &&
  opt(v, 'because', isText) &&
  opt(v, 'source', isSource) &&
  opt(v, 'internal', isBoolean) &&
  described(v);

const isDecision: Check = (v) => strict(v, DECISION_KEYS) && opt(v, 'strategy', isStrategy) && opt(v, 'default', isString) && described(v);

const isTexts: Check = (v) => strict(v, TEXTS_KEYS) && opt(v, 'escalation', isText) && opt(v, 'disclosure', isText) && opt(v, 'confidentialReason', isText) && described(v);

function policyFields(v: Obj): boolean {
  return (
    opt(v, '$schema', isString) &&
    described(v) &&
    req(v, 'id', isPolicyId) &&
    req(v, 'version', nonEmpty) &&
    opt(v, 'kind', isKind) &&
    opt(v, 'title', isText) &&
    opt(v, 'subject', isSubject) &&
    opt(v, 'validFrom', isDate) &&
    opt(v, 'validTo', isDate) &&
    req(v, 'facts', (f) => record(f, NAME, isFact)) &&
    opt(v, 'parameters', (p) => record(p, NAME, isParameter)) &&
    req(v, 'outcomes', (o) => record(o, NAME, isOutcome)) &&
    opt(v, 'conditions', (c) => record(c, NAME, isCondition)) &&
    opt(v, 'decision', isDecision) &&
    opt(v, 'texts', isTexts) &&
    req(v, 'rules', list(isRule))
  );
}
