import { formatPath } from '../errors.js';
import { isPolicyError } from '../errors.js';
import { definePolicy } from '../policy/define.js';
import type { CustomOperators } from '../policy/custom-operators.js';
import { parseJsonPath } from '../policy/json-path.js';
import { isRecord } from '../policy/json.js';
import { NAME, type FactDeclaration, type JsonValue } from '../policy/schema.js';

/**
 * `because import`: json-rules-engine rules in, a `because` policy out, with a report of what
 * could not be carried. Pure: the CLI reads and writes the files.
 */

/** Something of the json-rules-engine rules the import could not carry as it was, or changed. */
export interface ImportNote {
  /** `dropped`: a rule was left out; `changed`: carried with another meaning or spelling; `todo`: for the author to check. */
  readonly kind: 'dropped' | 'changed' | 'todo';
  /**
   * Stable code: `custom_operator`, `dynamic_fact`, `almanac_params`, `undefined_facts`,
   * `null_comparison`, `unsupported_path`, `rewritten_path`, `renamed_fact`, `renamed_outcome`,
   * `unnamed_rule`, `unknown_property`, `inferred_type`, `inferred_enum`,
   * `unknown_condition_reference`, `rule_string`, `not_a_rule`, `rule_left_out`, `invalid_policy`.
   */
  readonly code: string;
  /** JSON path into the input (`rules[2].conditions.all[0].operator`); `''` for the whole file. */
  readonly path: string;
  /** What happened and what to do, for the author. */
  readonly message: string;
}

/** Options of {@link importRules}. */
export interface ImportOptions {
  /**
   * The policy id ([a-z0-9-]+); derived from the file name by the CLI.
   * @default 'imported'
   */
  readonly id?: string;
  /**
   * Infer an `enum` for a text fact from the values its `in`/`notIn` lists name. A fact value
   * outside the enum is then refused by `explain`.
   * @default true
   */
  readonly enums?: boolean;
  /**
   * The custom operators the rules use (what the json-rules-engine user registered with
   * `engine.addOperator`), as `definePolicy(json, { operators })` takes them: rules with them are
   * carried, and their facts take the operator's first `factTypes` entry as type. Pass the same
   * operators to `definePolicy` afterwards. Without them such a rule is left out and reported.
   * Invalid operators make `importRules` throw the `OptionsError` `definePolicy` throws.
   * @default {}
   */
  readonly operators?: CustomOperators;
}

/** The result of {@link importRules}. */
export interface ImportResult {
  /** The policy document: it passes `definePolicy` unless a note of code `invalid_policy` says otherwise. */
  readonly policy: Record<string, JsonValue>;
  /** What could not be carried, what changed, and what the author still has to write, in input order. */
  readonly notes: ImportNote[];
}

/** The text the import writes where the author has to write a text. `because lint` reports each (`unwritten_text`). */
export const TODO_PREFIX = 'TODO:';

const OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];
const DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];
const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const RULE_KEYS = new Set(['name', 'priority', 'conditions', 'event', 'description']);
const LEAF_KEYS = new Set(['fact', 'operator', 'value', 'path', 'params', 'priority', 'name', 'description']);
const BOOL_EXTRAS = new Set(['priority', 'name', 'description']);
/** Properties json-rules-engine writes onto conditions after a run (`rule.toJSON()` of a run rule). */
const RUN_RESULTS = new Set(['result', 'factResult', 'valueResult']);

type Path = (string | number)[];
type Drop = { drop: true };

interface FactUse {
  types: Set<FactDeclaration['type']>;
  items: Set<FactDeclaration['type']>;
  inValues: Set<string>;
  onlyIn: boolean;
  firstPath: Path;
}

interface Ctx {
  readonly notes: ImportNote[];
  readonly facts: Map<string, FactUse>;
  readonly renamed: Map<string, string>;
  readonly shared: Record<string, unknown>;
  readonly operators: CustomOperators;
}

/**
 * Converts json-rules-engine rules into a `because` policy.
 *
 * Reads a list of rules, one rule, an engine's export `{ rules: [...] }` (with shared
 * `conditions` when present), or any of these with rules as JSON strings (`rule.toJSON()`).
 * Unnamed rules are named from their event and position; facts are declared with types
 * inferred from their operators and values (enums from `in` lists); each event type becomes an
 * outcome; params are carried; json-rules-engine's JSONPath spellings are rewritten into the
 * canonical form. Labels are written as `TODO: …` for the author (`because lint` lists them).
 * What cannot be carried (custom operators, dynamic facts, almanac use in params, `equal null`,
 * paths with filters) is left out and named in `notes`, with its path in the input.
 *
 * @param input The parsed JSON of a json-rules-engine rules file.
 * @example
 * ```ts
 * const { policy, notes } = importRules([{ conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 18 }] }, event: { type: 'minor' } }]);
 * policy.rules; // [{ name: 'minor-1', conditions: …, event: { type: 'minor' } }]
 * ```
 */
export function importRules(input: unknown, options: ImportOptions = {}): ImportResult {
  const ctx: Ctx = { notes: [], facts: new Map(), renamed: new Map(), shared: {}, operators: options.operators ?? {} };
  const note = (kind: ImportNote['kind'], code: string, path: Path, message: string): void => {
    ctx.notes.push({ kind, code, path: formatPath(path), message });
  };
  note('changed', 'undefined_facts', [], 'A fact that is not given is unknown in because, not an error (json-rules-engine throws unless allowUndefinedFacts) and not undefined (with allowUndefinedFacts): a rule that needs it is neither fired nor failed, and the result names it in missing[] to ask for it.');

  const located = rulesOf(input, ctx);
  const outcomes: Record<string, JsonValue> = {};
  const eventTypes = new Map<string, string>();
  const names = new Set<string>();
  const rules: JsonValue[] = [];

  for (const shared of Object.keys(ctx.shared)) {
    const converted = convertNode(ctx, ctx.shared[shared], ['conditions', shared], note);
    if ('drop' in converted) delete ctx.shared[shared];
    else ctx.shared[shared] = converted.node;
  }

  located.forEach(({ rule, path }, index) => {
    const event = isRecord(rule['event']) ? rule['event'] : undefined;
    const type = event !== undefined && typeof event['type'] === 'string' && event['type'] !== '' ? event['type'] : undefined;
    if (type === undefined) {
      note('dropped', 'not_a_rule', [...path, 'event'], 'This rule has no event type: every rule needs "event": { "type": … }. Left out.');
      return;
    }
    for (const key of Object.keys(rule)) {
      if (!RULE_KEYS.has(key)) note('dropped', 'unknown_property', [...path, key], `"${key}" is not a property of a because rule; left out.`);
    }
    const conditions = convertNode(ctx, rule['conditions'], [...path, 'conditions'], note, true);
    if ('drop' in conditions) {
      note('dropped', 'rule_left_out', path, `Rule ${index + 1} (event "${type}") is left out for the reasons above; write it again in the policy.`);
      return;
    }

    let outcome = eventTypes.get(type);
    if (outcome === undefined) {
      outcome = uniqueName(slug(type, 'outcome'), new Set(Object.keys(outcomes)));
      if (outcome !== type) note('changed', 'renamed_outcome', [...path, 'event', 'type'], `The event type "${type}" is the outcome "${outcome}": outcome names are letters, digits, "_" and "-".`);
      eventTypes.set(type, outcome);
      outcomes[outcome] = { label: `${TODO_PREFIX} how a customer reads "${type}"` };
    }
    let name = typeof rule['name'] === 'string' || typeof rule['name'] === 'number' ? String(rule['name']).trim() : '';
    if (name === '' || names.has(name)) {
      const given = name;
      name = uniqueName(`${outcome}-${index + 1}`, names);
      note('changed', 'unnamed_rule', [...path, ...(given === '' ? [] : ['name'])], given === '' ? `This rule has no name; it is named "${name}" from its event and position.` : `Another rule is already named "${given}"; this one is "${name}".`);
    }
    names.add(name);

    const out: Record<string, JsonValue> = { name };
    const priority = rule['priority'];
    if (typeof priority === 'number' || (typeof priority === 'string' && priority.trim() !== '')) out['priority'] = Number(priority);
    out['conditions'] = conditions.node as JsonValue;
    const params = event?.['params'];
    if (isRecord(params)) {
      if (mentionsFact(params)) {
        note('changed', 'almanac_params', [...path, 'event', 'params'], 'These params name a fact ({ "fact": … }), which json-rules-engine replaces by its value (replaceFactsInEventParams); because passes params through unchanged. Read the fact from the result\'s factsUsed instead.');
      }
      out['event'] = { type: outcome, params: params as JsonValue };
    } else {
      out['event'] = { type: outcome };
    }
    if (typeof rule['description'] === 'string') out['description'] = rule['description'];
    rules.push(out);
  });

  // Facts read only by rules that were left out are not declared.
  const read = new Set<string>();
  collectFacts([rules, ctx.shared], read);
  const facts: Record<string, JsonValue> = {};
  for (const [name, use] of ctx.facts) if (read.has(name)) facts[name] = declaration(name, use, options.enums !== false, note);

  const policy: Record<string, JsonValue> = {
    id: options.id !== undefined && /^[a-z0-9-]+$/.test(options.id) ? options.id : 'imported',
    version: '1',
    description: `${TODO_PREFIX} imported from json-rules-engine rules by "because import"; check the notes it printed.`,
    facts,
    outcomes,
    ...(Object.keys(ctx.shared).length === 0 ? {} : { conditions: ctx.shared as Record<string, JsonValue> }),
    decision: { strategy: 'priority' },
    rules,
  };
  try {
    definePolicy(policy, { operators: ctx.operators });
  } catch (error) {
    if (!isPolicyError(error)) throw error;
    for (const issue of error.issues) note('todo', 'invalid_policy', [], `The imported policy is not valid yet: ${issue.path}: ${issue.message}`);
  }
  return { policy, notes: ctx.notes };
}

/** The rules of the input with their paths in it. */
function rulesOf(input: unknown, ctx: Ctx): { rule: Record<string, unknown>; path: Path }[] {
  let list: unknown[];
  let base: Path;
  if (Array.isArray(input)) {
    list = input;
    base = [];
  } else if (isRecord(input) && Array.isArray(input['rules'])) {
    list = input['rules'];
    base = ['rules'];
    if (isRecord(input['conditions'])) Object.assign(ctx.shared, structuredClone(input['conditions']));
  } else {
    list = [input];
    base = [];
  }
  const out: { rule: Record<string, unknown>; path: Path }[] = [];
  list.forEach((item, i) => {
    const path = Array.isArray(input) || base.length > 0 ? [...base, i] : [];
    let rule = item;
    if (typeof item === 'string') {
      try {
        rule = JSON.parse(item);
      } catch {
        ctx.notes.push({ kind: 'dropped', code: 'rule_string', path: formatPath(path), message: 'This string is not a rule in JSON; left out.' });
        return;
      }
    }
    if (!isRecord(rule) || !('conditions' in rule)) {
      ctx.notes.push({ kind: 'dropped', code: 'not_a_rule', path: formatPath(path), message: 'This is not a json-rules-engine rule ({ conditions, event }); left out.' });
      return;
    }
    out.push({ rule: structuredClone(rule), path });
  });
  return out;
}

type Noter = (kind: ImportNote['kind'], code: string, path: Path, message: string) => void;

function convertNode(ctx: Ctx, raw: unknown, path: Path, note: Noter, top = false): { node: Record<string, unknown> } | Drop {
  if (!isRecord(raw)) {
    note('dropped', 'not_a_rule', path, 'A condition is an object with "all", "any", "not", "condition" or a comparison.');
    return { drop: true };
  }
  const node: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (RUN_RESULTS.has(key)) delete raw[key];
  const kind = (['all', 'any', 'not'] as const).find((k) => k in raw);
  if (kind !== undefined || 'condition' in raw) {
    for (const key of Object.keys(raw)) {
      if (key === kind || (key === 'condition' && kind === undefined) || BOOL_EXTRAS.has(key)) continue;
      note('changed', 'unknown_property', [...path, key], `"${key}" is not a property of a condition; left out.`);
    }
    copyExtras(raw, node);
    if (kind === undefined) {
      const name = raw['condition'];
      if (typeof name !== 'string' || !Object.hasOwn(ctx.shared, name)) {
        note('dropped', 'unknown_condition_reference', [...path, 'condition'], `The shared condition ${JSON.stringify(name)} (engine.setCondition) is not in this file; add it under "conditions" of an { "rules", "conditions" } file, or write it out.`);
        return { drop: true };
      }
      node['condition'] = name;
      return { node };
    }
    if (kind === 'not') {
      const child = convertNode(ctx, raw['not'], [...path, 'not'], note);
      if ('drop' in child) return child;
      node['not'] = child.node;
      return { node };
    }
    const list = raw[kind];
    if (!Array.isArray(list)) {
      note('dropped', 'not_a_rule', [...path, kind], `"${kind}" takes a list of conditions.`);
      return { drop: true };
    }
    const children: Record<string, unknown>[] = [];
    let dropped = false;
    list.forEach((c, i) => {
      const child = convertNode(ctx, c, [...path, kind, i], note);
      if ('drop' in child) dropped = true;
      else children.push(child.node);
    });
    if (dropped) return { drop: true };
    node[kind] = children;
    return { node };
  }
  if (top) {
    note('dropped', 'not_a_rule', path, 'The conditions of a rule start with "all", "any", "not" or { "condition": name }.');
    return { drop: true };
  }
  return convertLeaf(ctx, raw, path, note);
}

function copyExtras(raw: Record<string, unknown>, node: Record<string, unknown>): void {
  const priority = raw['priority'];
  if (typeof priority === 'number' || (typeof priority === 'string' && /^\d+$/.test(priority.trim()))) node['priority'] = Number(priority);
  if (typeof raw['name'] === 'string' && raw['name'] !== '') node['name'] = raw['name'];
  if (typeof raw['description'] === 'string') node['description'] = raw['description'];
}

function convertLeaf(ctx: Ctx, raw: Record<string, unknown>, path: Path, note: Noter): { node: Record<string, unknown> } | Drop {
  const operator = raw['operator'];
  if (typeof raw['fact'] !== 'string' || typeof operator !== 'string') {
    note('dropped', 'not_a_rule', path, 'A comparison has a "fact" and an "operator" (strings).');
    return { drop: true };
  }
  const parts = operator.split(':');
  const base = parts[parts.length - 1] ?? '';
  const decorators = parts.slice(0, -1);
  if ((!OPERATORS.includes(base) && !Object.hasOwn(ctx.operators, base)) || decorators.some((d) => !DECORATORS.includes(d))) {
    note('dropped', 'custom_operator', [...path, 'operator'], `"${operator}" is a custom operator (engine.addOperator), and none of that name was given, so the rule is left out. Pass the operator with --operators ./operators.mjs (importRules(rules, { operators }) in code), then to definePolicy(json, { operators }); or write the rule with built-in operators.`);
    return { drop: true };
  }
  for (const key of Object.keys(raw)) {
    if (!LEAF_KEYS.has(key)) note('changed', 'unknown_property', [...path, key], `"${key}" is not a property of a comparison; left out.`);
  }
  const node: Record<string, unknown> = {};
  const fact = factName(ctx, raw['fact'], [...path, 'fact'], note);
  node['fact'] = fact;
  if (raw['path'] !== undefined) {
    const p = canonicalPath(raw['path']);
    if (p === undefined) {
      note('dropped', 'unsupported_path', [...path, 'path'], `The path ${JSON.stringify(raw['path'])} uses more than plain members and indices (filters, wildcards, scripts): because reads exactly one place. Compute the value as a fact of its own.`);
      return { drop: true };
    }
    if (p !== raw['path']) note('changed', 'rewritten_path', [...path, 'path'], `The path ${JSON.stringify(raw['path'])} is written ${JSON.stringify(p)}.`);
    node['path'] = p;
  }
  node['operator'] = operator;
  if (isRecord(raw['params'])) {
    note('changed', 'dynamic_fact', [...path, 'params'], `"params" on a fact feed a dynamic fact (a function) in json-rules-engine; because reads facts as given values: compute "${fact}" before calling explain. The params are kept in the trace.`);
    node['params'] = raw['params'];
  }
  const value = raw['value'];
  const swapped = decorators.includes('swap');
  const factIsList = decorators.includes('someFact') || decorators.includes('everyFact');
  const valueIsList = decorators.includes('someValue') || decorators.includes('everyValue');
  if (isRecord(value) && typeof value['fact'] === 'string') {
    const ref: Record<string, unknown> = { fact: factName(ctx, value['fact'], [...path, 'value', 'fact'], note) };
    if (value['path'] !== undefined) {
      const p = canonicalPath(value['path']);
      if (p === undefined) {
        note('dropped', 'unsupported_path', [...path, 'value', 'path'], `The path ${JSON.stringify(value['path'])} is not a plain path; compute the value as a fact of its own.`);
        return { drop: true };
      }
      ref['path'] = p;
      use(ctx, ref['fact'] as string, [...path, 'value']).types.add(p.startsWith('$[') ? 'array' : 'object');
    }
    if (isRecord(value['params'])) {
      note('changed', 'dynamic_fact', [...path, 'value', 'params'], `"params" on a fact feed a dynamic fact in json-rules-engine; compute "${String(ref['fact'])}" before calling explain.`);
      ref['params'] = value['params'];
    }
    node['value'] = ref;
  } else {
    if (value === null && (base === 'equal' || base === 'notEqual') && !factIsList && !swapped && !valueIsList) {
      note('dropped', 'null_comparison', [...path, 'value'], `"${operator}" null: in because a null or missing fact is unknown, not a value, so this can never be decided. The rule is left out: decide the case without "${fact}" (decision.default, or a rule that does not read it) instead.`);
      return { drop: true };
    }
    node['value'] = value === undefined ? null : value;
  }
  copyExtras(raw, node);
  infer(ctx, fact, node, base, factIsList, valueIsList, swapped, path);
  return { node };
}

/** The name of a fact in the policy: json-rules-engine's name where it is a valid one. */
function factName(ctx: Ctx, name: string, path: Path, note: Noter): string {
  const known = ctx.renamed.get(name);
  if (known !== undefined) return known;
  let out = name;
  if (!NAME.test(name)) {
    out = uniqueName(slug(name, 'fact').replace(/-/g, '_'), new Set(ctx.renamed.values()));
    note('changed', 'renamed_fact', path, `The fact "${name}" is called "${out}" in the policy (names are letters, digits, "_", "$" and "-"): pass it to explain under that name.`);
  }
  ctx.renamed.set(name, out);
  return out;
}

function use(ctx: Ctx, fact: string, path: Path): FactUse {
  let u = ctx.facts.get(fact);
  if (u === undefined) {
    u = { types: new Set(), items: new Set(), inValues: new Set(), onlyIn: true, firstPath: path };
    ctx.facts.set(fact, u);
  }
  return u;
}

function jsonType(value: unknown): FactDeclaration['type'] | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** What a comparison says about the type of its fact. */
function infer(ctx: Ctx, fact: string, node: Record<string, unknown>, base: string, factIsList: boolean, valueIsList: boolean, swapped: boolean, path: Path): void {
  const u = use(ctx, fact, path);
  const value = node['value'];
  if (node['path'] !== undefined) {
    u.types.add(String(node['path']).startsWith('$[') ? 'array' : 'object');
    u.onlyIn = false;
    return;
  }
  const custom = Object.hasOwn(ctx.operators, base) ? ctx.operators[base] : undefined;
  if (custom !== undefined) {
    // A custom operator says what it takes: its first fact type, and its first value type for
    // a fact compared with (swap: the other way round).
    u.onlyIn = false;
    const [factType, valueType] = swapped ? [custom.valueTypes[0], custom.factTypes[0]] : [custom.factTypes[0], custom.valueTypes[0]];
    if (factType !== undefined && factIsList) {
      u.types.add('array');
      if (factType !== 'array' && factType !== 'object') u.items.add(factType);
    } else if (factType !== undefined) u.types.add(factType);
    if (isRecord(value) && typeof value['fact'] === 'string' && value['path'] === undefined && valueType !== undefined && !valueIsList) use(ctx, value['fact'], path).types.add(valueType);
    return;
  }
  if (isRecord(value)) {
    u.onlyIn = false;
    return; // a fact against a fact: their types come from other comparisons
  }

  const valueItems = Array.isArray(value) ? value.map(jsonType).filter((t) => t !== undefined) : [];
  if (factIsList || ((base === 'contains' || base === 'doesNotContain') && !swapped)) {
    u.types.add('array');
    const t = valueIsList ? valueItems[0] : jsonType(value);
    if (t !== undefined && t !== 'array' && t !== 'object') u.items.add(t);
    u.onlyIn = false;
    return;
  }
  if (swapped) {
    // swap: the value is on the left: `fact swap:contains [list]` is `fact in [list]`.
    u.onlyIn = false;
    if ((base === 'contains' || base === 'doesNotContain') && valueItems[0] !== undefined) u.types.add(valueItems[0]);
    else if (base === 'in' || base === 'notIn') u.types.add('array');
    else if (jsonType(value) !== undefined) u.types.add(jsonType(value) as FactDeclaration['type']);
    return;
  }
  if ((base === 'in' || base === 'notIn') && !valueIsList) {
    for (const t of valueItems) u.types.add(t);
    if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') u.inValues.add(v);
    return;
  }
  u.onlyIn = false;
  const t = valueIsList ? valueItems[0] : jsonType(value);
  if (t === undefined) return;
  if (NUMERIC.has(base) && t === 'string' && typeof value === 'string' && Number.isFinite(Number(value)) && value.trim() !== '') {
    // json-rules-engine compares "30" as 30 with <, > …: the policy says 30.
    node['value'] = Number(value);
    u.types.add('number');
    return;
  }
  if (NUMERIC.has(base) && t === 'string' && /^\d{4}-\d{2}-\d{2}/.test(String(value))) {
    u.types.add('date');
    return;
  }
  u.types.add(t);
}

/** The declaration of a fact from what its comparisons say. */
function declaration(name: string, u: FactUse, enums: boolean, note: Noter): JsonValue {
  const types = [...u.types];
  let type: FactDeclaration['type'];
  if (types.length === 1) type = types[0] as FactDeclaration['type'];
  else if (types.includes('array')) type = 'array';
  else if (types.includes('object')) type = 'object';
  else if (types.includes('date') && types.every((t) => t === 'date' || t === 'string')) type = 'date';
  else if (types.length === 0) {
    type = 'number';
    note('todo', 'inferred_type', u.firstPath, `Nothing in the rules says what type "${name}" is (it is only compared with other facts); it is declared a number: check it.`);
  } else {
    type = types.includes('number') ? 'number' : (types[0] as FactDeclaration['type']);
    note('todo', 'inferred_type', u.firstPath, `"${name}" is compared with values of several types (${types.join(', ')}); it is declared ${type}: check it.`);
  }
  const out: Record<string, JsonValue> = { type, label: `${TODO_PREFIX} how a customer calls "${name}"` };
  if (type === 'array' && u.items.size === 1) out['items'] = [...u.items][0] as string;
  if (enums && type === 'string' && u.onlyIn && u.inValues.size > 0) {
    out['enum'] = [...u.inValues];
    note('todo', 'inferred_enum', u.firstPath, `"${name}" is only compared with lists, so its values are declared as an enum: ${[...u.inValues].map((v) => JSON.stringify(v)).join(', ')}. explain() refuses any other value: add the others "${name}" can take.`);
  }
  return out;
}

/** A JSONPath json-rules-engine accepts, in the canonical spelling; undefined when because cannot read it. */
export function canonicalPath(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  const segments = parseJsonPath(path.startsWith('$') ? path : `$.${path}`);
  if (segments === undefined) return undefined;
  return `$${segments.map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) ? `.${s}` : `['${s}']`)).join('')}`;
}

function collectFacts(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectFacts(v, into);
  else if (isRecord(value)) {
    if (typeof value['fact'] === 'string') into.add(value['fact']);
    for (const [key, v] of Object.entries(value)) if (key !== 'params' && key !== 'event') collectFacts(v, into);
  }
}

function mentionsFact(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsFact);
  if (!isRecord(value)) return false;
  if (typeof value['fact'] === 'string') return true;
  return Object.values(value).some(mentionsFact);
}

/** A name of letters, digits and "-" from any text: "Young Adult (rocky mnts)" → "young-adult-rocky-mnts". */
function slug(text: string, fallback: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_$-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? fallback : /^[0-9-]/.test(s) ? `${fallback}-${s}` : s;
}

function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name}-${i}`)) return `${name}-${i}`;
}
