import { describe, expect, it } from 'vitest';
import { canonicalPath, importRules } from '../../src/authoring/import.js';
import { definePolicy, explain, FactsError } from '../../src/index.js';

const rule = (type: string, extra: Record<string, unknown> = {}) => ({
  conditions: { all: [{ fact: 'plan', operator: 'in', value: ['basic', 'plus'] }] },
  event: { type },
  ...extra,
});

describe('importRules', () => {
  it.each([
    ['a list of rules', [rule('offer')]],
    ['one rule', rule('offer')],
    ['an engine export', { rules: [rule('offer')] }],
    ['rules as JSON strings', [JSON.stringify(rule('offer'))]],
  ])('reads %s', (_what, input) => {
    const { policy } = importRules(input);
    expect(policy['rules']).toEqual([{ name: 'offer-1', conditions: rule('offer').conditions, event: { type: 'offer' } }]);
    expect(() => definePolicy(policy)).not.toThrow();
  });

  it('names rules uniquely, keeps given names, and makes one outcome per event type', () => {
    const { policy } = importRules([rule('offer'), rule('offer', { name: 'kept' }), rule('offer', { name: 'kept' }), rule('Free Shipping')]);
    expect((policy['rules'] as { name: string }[]).map((r) => r.name)).toEqual(['offer-1', 'kept', 'offer-3', 'Free-Shipping-4']);
    expect(Object.keys(policy['outcomes'] as object)).toEqual(['offer', 'Free-Shipping']);
  });

  it('infers types from operators and values, and an enum from in lists, which explain() then enforces', async () => {
    const { policy, notes } = importRules([
      rule('offer'),
      { conditions: { any: [{ fact: 'age', operator: 'greaterThan', value: '17' }, { fact: 'tags', operator: 'contains', value: 'vip' }, { fact: 'since', operator: 'lessThan', value: '2024-01-01' }] }, event: { type: 'x' } },
    ]);
    expect(policy['facts']).toMatchObject({
      plan: { type: 'string', enum: ['basic', 'plus'] },
      age: { type: 'number' },
      tags: { type: 'array', items: 'string' },
      since: { type: 'date' },
    });
    expect(JSON.stringify(policy['rules'])).toContain('"value":17');
    expect(notes).toContainEqual(expect.objectContaining({ code: 'inferred_enum', path: '[0].conditions.all[0]' }));
    await expect(explain(definePolicy(policy), { plan: 'gold' })).rejects.toBeInstanceOf(FactsError);
    expect((importRules([rule('offer')], { enums: false }).policy['facts'] as Record<string, object>)['plan']).not.toHaveProperty('enum');
  });

  it('writes json-rules-engine paths in the canonical form, and refuses filters', () => {
    expect(canonicalPath('$.[0].id')).toBe('$[0].id');
    expect(canonicalPath("$.address.['dot.property']")).toBe("$.address['dot.property']");
    expect(canonicalPath('$.a["b"][2]')).toBe('$.a.b[2]');
    expect(canonicalPath('$..id')).toBeUndefined();
    expect(canonicalPath('$[?(@.x)]')).toBeUndefined();
  });

  it('carries params and reports a rule it leaves out, with the path of the cause', () => {
    const { policy, notes } = importRules([
      { conditions: { all: [{ fact: 'word', operator: 'startsWith', value: 'a' }] }, event: { type: 'a' } },
      { conditions: { all: [{ fact: 'word', operator: 'equal', value: 'b' }] }, event: { type: 'b', params: { code: 'B', nested: [1, { x: 2 }] } } },
    ]);
    expect(policy['rules']).toEqual([expect.objectContaining({ name: 'b-2', event: { type: 'b', params: { code: 'B', nested: [1, { x: 2 }] } } })]);
    expect(notes.filter((n) => n.kind === 'dropped').map((n) => [n.code, n.path])).toEqual([
      ['custom_operator', '[0].conditions.all[0].operator'],
      ['rule_left_out', '[0]'],
    ]);
  });
});
