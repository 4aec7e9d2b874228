/**
 * A small JSON Schema (draft-07) checker for the keywords the shipped schemas use: type, const,
 * enum, properties, required, additionalProperties, propertyNames, items, anyOf, $ref into
 * `definitions` (or `#`), pattern, minLength, minimum, maximum and format "uri". It throws on any
 * other keyword, so the schemas cannot grow past what it checks without a test noticing.
 * (The repo has no JSON Schema validator among its dependencies; this is enough for shape checks.)
 */

type Schema = boolean | Record<string, unknown>;

const KNOWN = new Set([
  'title', '$schema', 'description', 'id', 'type', 'const', 'enum', 'properties', 'required', 'additionalProperties',
  'propertyNames', 'items', 'anyOf', '$ref', 'definitions', 'pattern', 'minLength', 'minimum', 'maximum', 'format',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The problems of `value` against the schema `root`, as `path: what` strings; empty when it conforms. */
export function validateJsonSchema(root: Record<string, unknown>, value: unknown): string[] {
  return check(root, root, value, '$');
}

function check(root: Record<string, unknown>, schema: Schema, v: unknown, path: string): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`json-schema.ts does not know the keyword "${key}" (at ${path})`);
  const errors: string[] = [];
  if (typeof schema['$ref'] === 'string') {
    const ref = schema['$ref'];
    const target = ref === '#' ? root : (root['definitions'] as Record<string, Schema> | undefined)?.[ref.replace('#/definitions/', '')];
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    errors.push(...check(root, target, v, path));
  }
  if (schema['type'] !== undefined) {
    const types = ([] as string[]).concat(schema['type'] as string | string[]);
    const actual = typeOf(v);
    if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) return [...errors, `${path}: expected ${types.join('|')}, got ${actual}`];
  }
  if ('const' in schema && v !== schema['const']) errors.push(`${path}: expected ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in enum`);
  if (Array.isArray(schema['anyOf']) && !(schema['anyOf'] as Schema[]).some((s) => check(root, s, v, path).length === 0)) {
    errors.push(`${path}: matches none of anyOf`);
  }
  if (typeof v === 'string') {
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(v)) errors.push(`${path}: does not match ${schema['pattern']}`);
    if (typeof schema['minLength'] === 'number' && [...v].length < schema['minLength']) errors.push(`${path}: shorter than ${schema['minLength']}`);
    if (schema['format'] === 'uri' && !URL.canParse(v)) errors.push(`${path}: not a URI`);
  }
  if (typeof v === 'number') {
    if (typeof schema['minimum'] === 'number' && v < schema['minimum']) errors.push(`${path}: below ${schema['minimum']}`);
    if (typeof schema['maximum'] === 'number' && v > schema['maximum']) errors.push(`${path}: above ${schema['maximum']}`);
  }
  if (Array.isArray(v) && schema['items'] !== undefined) v.forEach((item, i) => errors.push(...check(root, schema['items'] as Schema, item, `${path}[${i}]`)));
  if (typeOf(v) === 'object') {
    const obj = v as Record<string, unknown>;
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const key of (schema['required'] ?? []) as string[]) if (!Object.hasOwn(obj, key)) errors.push(`${path}.${key}: required`);
    for (const [key, child] of Object.entries(obj)) {
      if (schema['propertyNames'] !== undefined) errors.push(...check(root, schema['propertyNames'] as Schema, key, `${path}[key ${key}]`));
      if (Object.hasOwn(properties, key)) errors.push(...check(root, properties[key] as Schema, child, `${path}.${key}`));
      else if (schema['additionalProperties'] !== undefined) errors.push(...check(root, schema['additionalProperties'] as Schema, child, `${path}.${key}`));
    }
  }
  return errors;
}
