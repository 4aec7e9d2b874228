/**
 * Checkers of the two dialects besides OpenAI's strict mode (see strict-mode.ts), each returning
 * every violation with its JSON pointer; an empty list means the schema passes.
 *
 * - `portableViolations`: plain JSON Schema as the MCP Inspector's `--strict` check wants it
 *   (MCP, Anthropic): one `type` per schema (no type lists), no `null` among enum values, and,
 *   since unknown facts are left out, no `required` list.
 * - `geminiViolations`: the OpenAPI 3.0 subset of a Gemini function declaration (`@google/genai`'s
 *   `Schema`): one upper-case `type` of STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT; keywords
 *   `type`, `description`, `nullable`, `enum`, `items`, `anyOf`, `properties`, `required` only;
 *   enums of strings on a STRING; an ARRAY has `items`.
 */
export function portableViolations(schema: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return void out.push(`${at}: a schema is an object`);
    const s = node as Record<string, unknown>;
    if (Array.isArray(s['type'])) out.push(`${at}: type list ${JSON.stringify(s['type'])}`);
    if (s['type'] === 'null') out.push(`${at}: type null`);
    if (Array.isArray(s['enum']) && s['enum'].includes(null)) out.push(`${at}: enum lists null`);
    if (s['required'] !== undefined) out.push(`${at}: required ${JSON.stringify(s['required'])}`);
    if (s['nullable'] !== undefined) out.push(`${at}: nullable is not JSON Schema`);
    for (const [k, v] of Object.entries((s['properties'] as Record<string, unknown> | undefined) ?? {})) visit(v, `${at}/properties/${k}`);
    if (s['items'] !== undefined) visit(s['items'], `${at}/items`);
    ((s['anyOf'] as unknown[] | undefined) ?? []).forEach((v, i) => visit(v, `${at}/anyOf/${i}`));
  };
  visit(schema, '#');
  return out;
}

export function geminiViolations(schema: unknown): string[] {
  const out: string[] = [];
  const TYPES = new Set(['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT']);
  const ALLOWED = new Set(['type', 'description', 'nullable', 'enum', 'items', 'anyOf', 'properties', 'required']);
  const visit = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return void out.push(`${at}: a schema is an object`);
    const s = node as Record<string, unknown>;
    for (const key of Object.keys(s)) if (!ALLOWED.has(key)) out.push(`${at}: unsupported keyword "${key}"`);
    if (s['anyOf'] === undefined && (typeof s['type'] !== 'string' || !TYPES.has(s['type']))) out.push(`${at}: type ${JSON.stringify(s['type'])}`);
    if (s['enum'] !== undefined && (s['type'] !== 'STRING' || !Array.isArray(s['enum']) || s['enum'].some((v) => typeof v !== 'string'))) out.push(`${at}: enum of strings on a STRING only`);
    if (s['type'] === 'ARRAY' && s['items'] === undefined) out.push(`${at}: ARRAY without items`);
    for (const [k, v] of Object.entries((s['properties'] as Record<string, unknown> | undefined) ?? {})) visit(v, `${at}/properties/${k}`);
    if (s['items'] !== undefined) visit(s['items'], `${at}/items`);
    ((s['anyOf'] as unknown[] | undefined) ?? []).forEach((v, i) => visit(v, `${at}/anyOf/${i}`));
  };
  visit(schema, '#');
  return out;
}
