/**
 * Completion and hover help in the studio's editor, from the package's own policy JSON Schema
 * (schema/policy.schema.json): the property names an object may have, with their descriptions,
 * and the values of an `enum` or a boolean. A small tolerant scanner finds where the cursor is
 * (the JSON path of the object or list around it, and whether a key or a value is being typed),
 * so it works while the text is half typed and not yet valid JSON.
 * @internal
 */

/** The parts of a JSON Schema (draft 7, as zod writes it) that the help reads. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly required?: readonly string[];
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
}

/** Where the cursor is in a (possibly unfinished) JSON text. */
export interface JsonContext {
  /** The path of the object or list the cursor is in; `undefined` outside any. */
  readonly path: readonly (string | number)[] | undefined;
  /** `key`: a property name goes here; `value`: a value of the property `key`, or an item of a list. */
  readonly at: 'key' | 'value';
  /** The property whose value is being typed (at `value` in an object). */
  readonly key?: string;
  /** The keys already in the object around the cursor. */
  readonly siblings: readonly string[];
  /** Where the word being typed starts (its opening quote, if any). */
  readonly from: number;
  /** The key under the cursor, when the cursor is inside a property name. */
  readonly inKey?: string;
}

interface Frame {
  readonly kind: 'object' | 'array';
  /** The key or index of this container in its parent. */
  readonly name: string | number | undefined;
  keys: string[];
  /** object: the key last read, whose value comes next (after ":"); array: the next item's index. */
  key: string | undefined;
  afterColon: boolean;
  index: number;
}

/**
 * The context of `pos` in `text`: a tolerant forward scan of the text before it (strings with
 * their escapes, objects and lists), so a half-typed policy still has a place.
 */
export function jsonContextAt(text: string, pos: number): JsonContext {
  const stack: Frame[] = [];
  let i = 0;
  let stringStart = -1;
  const top = (): Frame | undefined => stack[stack.length - 1];
  const childName = (): string | number | undefined => {
    const t = top();
    if (t === undefined) return undefined;
    return t.kind === 'array' ? t.index : t.key;
  };
  while (i < pos) {
    const c = text[i];
    if (c === '"') {
      stringStart = i;
      let j = i + 1;
      let out = '';
      while (j < pos && text[j] !== '"') {
        if (text[j] === '\\') j++;
        out += text[j] ?? '';
        j++;
      }
      if (j >= pos) break; // the cursor is inside this string
      const t = top();
      if (t?.kind === 'object' && !t.afterColon) {
        t.key = out;
        t.keys.push(out);
      }
      stringStart = -1;
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') stack.push({ kind: c === '{' ? 'object' : 'array', name: childName(), keys: [], key: undefined, afterColon: false, index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ':') {
      const t = top();
      if (t?.kind === 'object') t.afterColon = true;
    } else if (c === ',') {
      const t = top();
      if (t?.kind === 'object') {
        t.afterColon = false;
        t.key = undefined;
      } else if (t !== undefined) t.index++;
    }
    i++;
  }
  const inString = stringStart >= 0;
  if (top()?.kind === 'object') {
    // The keys after the cursor count too; a string being typed ends at its line's end.
    const next = text.indexOf('\n', pos);
    (top() as Frame).keys.push(...keysAfter(text, inString ? (next < 0 ? text.length : next) : pos));
  }
  let from = pos;
  if (inString) from = stringStart;
  else while (from > 0 && /[\w$.-]/.test(text[from - 1] ?? '')) from--;
  const t = top();
  const path = t === undefined ? undefined : stack.slice(1).map((f) => f.name as string | number);
  if (t === undefined) return { path: undefined, at: 'value', siblings: [], from };
  if (t.kind === 'array') return { path, at: 'value', siblings: [], from };
  if (!t.afterColon) {
    let inKey: string | undefined;
    if (inString) {
      const end = text.indexOf('"', pos);
      inKey = text.slice(stringStart + 1, end < 0 ? pos : end);
    }
    return { path, at: 'key', siblings: t.keys, from, ...(inKey === undefined ? {} : { inKey }) };
  }
  return { path, at: 'value', ...(t.key === undefined ? {} : { key: t.key }), siblings: t.keys, from };
}

/** The keys of the object the text is in at `from`, after `from` (up to its closing brace). */
function keysAfter(text: string, from: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      // At the object's own level, a string followed by ":" is one of its keys.
      if (depth === 0 && /^\s*:/.test(text.slice(i + 1, i + 40))) {
        try {
          keys.push(JSON.parse(text.slice(start, i + 1)) as string);
        } catch {
          // a broken escape: not a key to leave out
        }
      }
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  return keys;
}

/** The schema's alternatives at a node: its `$ref` followed, `anyOf`/`oneOf`/`allOf` flattened. */
function expand(root: SchemaNode, node: SchemaNode | boolean | undefined, depth = 0): SchemaNode[] {
  if (node === undefined || typeof node === 'boolean' || depth > 20) return [];
  if (node.$ref !== undefined) {
    const name = /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1];
    const target = name === undefined ? undefined : root.definitions?.[name];
    return [...expand(root, target, depth + 1), ...(node.description === undefined ? [] : [{ description: node.description }])];
  }
  const parts = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];
  if (parts.length === 0) return [node];
  // The node's own description (of a union) goes with each of its alternatives.
  return parts.flatMap((p) => expand(root, p, depth + 1)).map((p) => (p.description === undefined && node.description !== undefined ? { ...p, description: node.description } : p));
}

/** The schemas that may describe the value at `path` of a document of `root`. */
export function schemasAt(root: SchemaNode, path: readonly (string | number)[]): SchemaNode[] {
  let nodes = expand(root, root);
  for (const segment of path) {
    nodes = nodes.flatMap((n) => {
      if (typeof segment === 'number') return expand(root, n.items);
      const own = n.properties?.[segment];
      if (own !== undefined) return expand(root, own);
      return expand(root, n.additionalProperties);
    });
    if (nodes.length === 0) return [];
  }
  return nodes;
}

/** A suggestion: a property name or a value, with what the schema says of it. */
export interface Suggestion {
  readonly label: string;
  /** The JSON text it puts in. */
  readonly insert: string;
  readonly kind: 'property' | 'value';
  readonly detail?: string;
  readonly info?: string;
}

function typeOf(nodes: readonly SchemaNode[]): string | undefined {
  const types = [...new Set(nodes.flatMap((n) => (n.type === undefined ? [] : Array.isArray(n.type) ? n.type : [n.type as string])))];
  return types.length === 0 ? undefined : types.join(' or ');
}

function descriptionOf(nodes: readonly SchemaNode[]): string | undefined {
  return nodes.find((n) => n.description !== undefined)?.description;
}

/** What may be typed at `context`: the object's remaining property names, or the values of an enum / boolean. */
export function suggestions(root: SchemaNode, context: JsonContext): Suggestion[] {
  if (context.path === undefined) return [];
  if (context.at === 'key') {
    const out = new Map<string, Suggestion>();
    for (const node of schemasAt(root, context.path)) {
      for (const [name, property] of Object.entries(node.properties ?? {})) {
        if (out.has(name) || (context.siblings.includes(name) && name !== context.inKey)) continue;
        const described = expand(root, property);
        const required = node.required?.includes(name) === true;
        const detail = [typeOf(described), required ? 'required' : undefined].filter((s) => s !== undefined).join(', ');
        const info = descriptionOf(described);
        out.set(name, { label: name, insert: `${JSON.stringify(name)}: `, kind: 'property', ...(detail === '' ? {} : { detail }), ...(info === undefined ? {} : { info }) });
      }
    }
    return [...out.values()];
  }
  const path = context.key === undefined ? context.path : [...context.path, context.key];
  const nodes = schemasAt(root, path);
  const values = new Map<string, Suggestion>();
  const add = (value: unknown, info?: string): void => {
    const text = JSON.stringify(value);
    if (!values.has(text)) values.set(text, { label: text, insert: text, kind: 'value', ...(info === undefined ? {} : { info }) });
  };
  for (const n of nodes) {
    for (const v of n.enum ?? []) add(v, n.description);
    if (n.const !== undefined) add(n.const, n.description);
    if (n.type === 'boolean') {
      add(true, n.description);
      add(false, n.description);
    }
  }
  return [...values.values()];
}

/** The names a policy declares, for the values that name one of them. */
export interface PolicyNames {
  readonly facts: readonly string[];
  readonly parameters: readonly string[];
  readonly outcomes: readonly string[];
  readonly conditions: readonly string[];
}

/**
 * What the schema cannot know: the policy's own names where a value names one of them (the
 * `fact` of a condition or of a value reference, an event's `type`, the decision's `default`, a
 * shared `condition`).
 */
export function nameSuggestions(context: JsonContext, names: PolicyNames): Suggestion[] {
  if (context.at !== 'value' || context.key === undefined || context.path === undefined) return [];
  const parent = context.path[context.path.length - 1];
  const pick =
    context.key === 'fact'
      ? parent === 'value'
        ? [...names.parameters, ...names.facts]
        : names.facts
      : context.key === 'condition'
        ? names.conditions
        : (context.key === 'type' && parent === 'event') || (context.key === 'default' && parent === 'decision')
          ? names.outcomes
          : [];
  return pick.map((name) => ({ label: JSON.stringify(name), insert: JSON.stringify(name), kind: 'value' as const }));
}

/** What the schema says of the property name at `pos`: its path, type and description. */
export function hoverAt(root: SchemaNode, text: string, pos: number): { from: number; to: number; title: string; detail?: string; info?: string } | undefined {
  const context = jsonContextAt(text, pos);
  if (context.at !== 'key' || context.inKey === undefined || context.path === undefined) return undefined;
  const nodes = schemasAt(root, [...context.path, context.inKey]);
  if (nodes.length === 0) return undefined;
  const type = typeOf(nodes);
  const info = descriptionOf(nodes);
  return { from: context.from, to: context.from + context.inKey.length + 2, title: context.inKey, ...(type === undefined ? {} : { detail: type }), ...(info === undefined ? {} : { info }) };
}
