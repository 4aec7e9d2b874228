import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hoverAt, jsonContextAt, nameSuggestions, schemasAt, suggestions, type SchemaNode } from '../../src/studio/schema-help.js';

/**
 * The editor's completion and hover help, from the package's own policy JSON Schema: the place
 * of the cursor in a half-typed text, and what the schema offers there.
 */

const SCHEMA = JSON.parse(readFileSync(new URL('../../schema/policy.schema.json', import.meta.url), 'utf8')) as SchemaNode;
const REFUND = readFileSync(new URL('../../rules-examples/refund.json', import.meta.url), 'utf8');

/** The context at the `|` of `text` (the bar taken out). */
function at(text: string): ReturnType<typeof jsonContextAt> {
  const pos = text.indexOf('|');
  return jsonContextAt(text.slice(0, pos) + text.slice(pos + 1), pos);
}
const labels = (text: string): string[] => suggestions(SCHEMA, at(text)).map((s) => s.label);

describe('where the cursor is', () => {
  it('finds the path, and whether a key or a value is typed, in an unfinished text', () => {
    const condition = '{ "rules": [ { "conditions": { "all": [ {}, { "fa|';
    expect(at(condition)).toMatchObject({ path: ['rules', 0, 'conditions', 'all', 1], at: 'key', from: condition.indexOf('"fa') });
    expect(at('{ "facts": { "days": { "type": "|')).toMatchObject({ path: ['facts', 'days'], at: 'value', key: 'type' });
    expect(at('{ "a": "x{[", |')).toMatchObject({ path: [], at: 'key', siblings: ['a'] });
    expect(at('|')).toMatchObject({ path: undefined });
  });

  it('counts the keys after the cursor as taken', () => {
    expect(at('{\n  "vali|\n  "validFrom": "2026-01-01", "id": "x" }').siblings).toEqual(['validFrom', 'id']);
  });

  it('never throws, whatever the text and the cursor', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', 'a', ' ', '\n') }), fc.nat(), (text, n) => {
        const pos = text.length === 0 ? 0 : n % (text.length + 1);
        const context = jsonContextAt(text, pos);
        expect(context.from).toBeLessThanOrEqual(pos);
        suggestions(SCHEMA, context);
        hoverAt(SCHEMA, text, pos);
      }),
    );
  });
});

describe('what the schema offers', () => {
  it('offers the policy’s top-level properties, the required ones said so, without those already there', () => {
    const top = suggestions(SCHEMA, at('{ "id": "x", |'));
    expect(top.map((s) => s.label)).toEqual(expect.arrayContaining(['version', 'facts', 'outcomes', 'rules', 'validTo']));
    expect(top.map((s) => s.label)).not.toContain('id');
    expect(top.find((s) => s.label === 'rules')?.detail).toBe('array, required');
    expect(top.find((s) => s.label === 'version')?.info).toBe("The author's own version label.");
    expect(top.find((s) => s.label === 'rules')?.insert).toBe('"rules": ');
  });

  it('follows $ref and unions into a condition, and offers an enum’s values', () => {
    expect(labels('{ "rules": [ { "conditions": { "all": [ { "|')).toEqual(expect.arrayContaining(['fact', 'operator', 'value', 'all', 'any', 'not', 'condition']));
    expect(labels('{ "facts": { "days": { "type": |')).toEqual(expect.arrayContaining(['"number"', '"integer"', '"boolean"', '"string"']));
    expect(labels('{ "facts": { "days": { "internal": |')).toEqual(['true', 'false']);
  });

  it('offers something at every object of the refund policy (every path is known to the schema)', () => {
    for (let pos = 0; pos < REFUND.length; pos++) {
      if (REFUND[pos] !== '{') continue;
      const context = jsonContextAt(REFUND, pos + 1);
      if (context.path === undefined) continue;
      const nodes = schemasAt(SCHEMA, context.path);
      expect(nodes.length, `no schema at ${JSON.stringify(context.path)}`).toBeGreaterThan(0);
    }
  });

  it('describes the property name under the pointer', () => {
    const pos = REFUND.indexOf('"validFrom"') + 3;
    expect(hoverAt(SCHEMA, REFUND, pos)).toMatchObject({ title: 'validFrom', from: pos - 3, to: pos - 3 + '"validFrom"'.length });
    const priority = REFUND.indexOf('"priority": 100') + 2;
    expect(hoverAt(SCHEMA, REFUND, priority)).toMatchObject({ title: 'priority', detail: 'integer' });
    expect(hoverAt(SCHEMA, REFUND, REFUND.indexOf('2026-01-01'))).toBeUndefined(); // a value, not a key
  });
});

describe('the policy’s own names', () => {
  const names = { facts: ['daysLate', 'service'], parameters: ['graceDays'], outcomes: ['compensate', 'decline'], conditions: ['isExpress'] };
  const offered = (text: string): string[] => nameSuggestions(at(text), names).map((s) => s.label);

  it('offers the facts in a condition, parameters too in a value reference, outcomes for an event and the default, shared conditions', () => {
    expect(offered('{ "rules": [ { "conditions": { "all": [ { "fact": |')).toEqual(['"daysLate"', '"service"']);
    expect(offered('{ "rules": [ { "conditions": { "all": [ { "fact": "daysLate", "operator": "greaterThan", "value": { "fact": "|')).toEqual(['"graceDays"', '"daysLate"', '"service"']);
    expect(offered('{ "rules": [ { "event": { "type": "|')).toEqual(['"compensate"', '"decline"']);
    expect(offered('{ "decision": { "default": |')).toEqual(['"compensate"', '"decline"']);
    expect(offered('{ "rules": [ { "conditions": { "any": [ { "condition": |')).toEqual(['"isExpress"']);
  });

  it('offers none where a value names nothing of the policy', () => {
    expect(offered('{ "facts": { "daysLate": { "type": |')).toEqual([]);
    expect(offered('{ "id": |')).toEqual([]);
    expect(offered('{ "rules": [ { "|')).toEqual([]);
  });
});
