/**
 * A checker of OpenAI's function-calling "strict mode" rules (Structured Outputs, "supported
 * schemas"), kept to the conservative subset every model accepts:
 *
 * - the root is `type: "object"`, not `anyOf`;
 * - every object has `additionalProperties: false` and lists every property in `required`;
 * - keywords: `type`, `properties`, `required`, `additionalProperties`, `items`, `enum`, `const`,
 *   `anyOf`, `description`, `title`, `$defs`, `$ref` only (no `format`, `pattern`, bounds,
 *   `allOf`, `oneOf`, `not`, `default`, …);
 * - types: string, number, integer, boolean, object, array, null (alone or in a type list);
 * - an array has `items`; enum values fit the declared type (a nullable enum lists `null`);
 * - at most 100 object properties in all, 5 levels of nesting, 500 enum values, and 15,000
 *   characters of property names, enum values and consts together.
 *
 * Returns every violation with its JSON pointer; an empty list means the schema passes.
 */
export function strictModeViolations(schema: unknown): string[] {
  const out: string[] = [];
  let properties = 0;
  let characters = 0;
  const ALLOWED = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'description', 'title', '$defs', '$ref']);
  const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

  const fits = (value: unknown, types: string[]): boolean =>
    types.some((t) =>
      t === 'null' ? value === null
      : t === 'integer' ? Number.isInteger(value)
      : t === 'number' ? typeof value === 'number'
      : t === 'string' ? typeof value === 'string'
      : t === 'boolean' ? typeof value === 'boolean'
      : false,
    );

  const visit = (node: unknown, at: string, depth: number): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      out.push(`${at}: a schema is an object`);
      return;
    }
    const s = node as Record<string, unknown>;
    for (const key of Object.keys(s)) if (!ALLOWED.has(key)) out.push(`${at}: unsupported keyword "${key}"`);
    if (s['description'] !== undefined && typeof s['description'] !== 'string') out.push(`${at}: description is a string`);
    if (s['anyOf'] !== undefined) {
      if (!Array.isArray(s['anyOf']) || s['anyOf'].length === 0) out.push(`${at}: anyOf is a non-empty list`);
      else s['anyOf'].forEach((sub, i) => visit(sub, `${at}/anyOf/${i}`, depth));
      return;
    }
    if (s['$ref'] !== undefined) return;
    const type = s['type'];
    const types = typeof type === 'string' ? [type] : Array.isArray(type) ? (type as unknown[]) : [];
    if (types.length === 0) out.push(`${at}: missing "type"`);
    for (const t of types) if (typeof t !== 'string' || !TYPES.has(t)) out.push(`${at}: unsupported type ${JSON.stringify(t)}`);
    const typeNames = types.filter((t): t is string => typeof t === 'string');
    if (s['enum'] !== undefined) {
      if (!Array.isArray(s['enum']) || s['enum'].length === 0) out.push(`${at}: enum is a non-empty list`);
      else {
        if (s['enum'].length > 500) out.push(`${at}: more than 500 enum values`);
        s['enum'].forEach((v, i) => {
          if (!fits(v, typeNames)) out.push(`${at}/enum/${i}: ${JSON.stringify(v)} does not fit type ${JSON.stringify(type)}`);
          if (typeof v === 'string') characters += v.length;
        });
        if (typeNames.includes('null') && !s['enum'].includes(null)) out.push(`${at}: a nullable enum must list null`);
      }
    }
    if (typeNames.includes('object')) {
      if (depth > 5) out.push(`${at}: more than 5 levels of nesting`);
      if (s['additionalProperties'] !== false) out.push(`${at}: additionalProperties must be false`);
      const props = s['properties'];
      if (typeof props !== 'object' || props === null || Array.isArray(props)) {
        out.push(`${at}: an object lists its properties`);
      } else {
        const keys = Object.keys(props);
        properties += keys.length;
        const required = s['required'];
        if (!Array.isArray(required)) out.push(`${at}: missing "required"`);
        else {
          const missing = keys.filter((k) => !required.includes(k));
          if (missing.length > 0) out.push(`${at}: not required: ${missing.join(', ')}`);
          const extra = required.filter((k) => typeof k !== 'string' || !keys.includes(k));
          if (extra.length > 0) out.push(`${at}: required lists unknown ${extra.join(', ')}`);
        }
        for (const k of keys) {
          characters += k.length;
          visit((props as Record<string, unknown>)[k], `${at}/properties/${k}`, depth + 1);
        }
      }
    } else if (s['properties'] !== undefined || s['required'] !== undefined || s['additionalProperties'] !== undefined) {
      out.push(`${at}: properties on a schema that is not an object`);
    }
    if (typeNames.includes('array')) {
      if (s['items'] === undefined) out.push(`${at}: an array needs "items"`);
      else visit(s['items'], `${at}/items`, depth + 1);
    } else if (s['items'] !== undefined) {
      out.push(`${at}: items on a schema that is not an array`);
    }
  };

  if (typeof schema !== 'object' || schema === null || (schema as Record<string, unknown>)['type'] !== 'object') {
    out.push('#: the root must be type "object"');
  }
  visit(schema, '#', 1);
  if (properties > 100) out.push(`#: ${properties} properties, more than 100`);
  if (characters > 15_000) out.push(`#: ${characters} characters of names and enum values, more than 15000`);
  return out;
}
