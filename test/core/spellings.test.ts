import { describe, expect, it } from 'vitest';
import { decide, definePolicy, isPolicyError, type Issue } from '../../src/index.js';

/**
 * json-rules-engine's spellings that are accepted where the meaning is unambiguous (issue 14,
 * case 3 and 8): numeric-string priorities, the JSONPath spellings of its own tests, and
 * `description` on every object.
 */

function policy(rules: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'spellings',
    version: '1',
    facts: { user: { type: 'object' }, orders: { type: 'array' }, total: { type: 'number' } },
    outcomes: { gold: {}, silver: {} },
    rules,
    ...extra,
  };
}

function issuesOf(doc: unknown): Issue[] {
  try {
    definePolicy(doc);
    return [];
  } catch (error) {
    if (!isPolicyError(error)) throw error;
    return [...error.issues];
  }
}

describe("json-rules-engine's spellings", () => {
  it('a priority written as a string of digits is that number, on rules and conditions', async () => {
    const p = definePolicy(
      policy([
        { name: 'low', priority: '2', conditions: { all: [{ fact: 'total', operator: 'greaterThan', value: 1, priority: '5' }] }, event: { type: 'silver' } },
        { name: 'high', priority: '10', conditions: { any: [{ fact: 'total', operator: 'greaterThan', value: 1 }] }, event: { type: 'gold' } },
      ]),
    );
    expect(p.document.rules.map((r) => r.priority)).toEqual([2, 10]);
    expect((await decide(p, { total: 5 })).decidedBy).toBe('high');
  });

  it.each([['high'], ['1.5'], ['0'], ['-3']])('a priority of "%s" stays refused, saying how to write it', (priority) => {
    const issues = issuesOf(policy([{ name: 'r', priority, conditions: { all: [] }, event: { type: 'gold' } }]));
    expect(issues).toEqual([expect.objectContaining({ path: 'rules[0].priority' })]);
    expect(issues[0]?.message).toMatch(/whole number|at least 1/);
  });

  it.each([
    ['orders', '$.[0].id', [{ id: 7 }]],
    ['user', "$.address.['dot.property']", { address: { 'dot.property': 7 } }],
    ['user', '$.tags.[1]', { tags: [1, 7] }],
  ])('reads %s through the path %s as json-rules-engine does', async (fact, path, value) => {
    const p = definePolicy(policy([{ name: 'r', conditions: { all: [{ fact, path, operator: 'equal', value: 7 }] }, event: { type: 'gold' } }]));
    expect((await decide(p, { [fact]: value })).outcome).toBe('gold');
    expect((await decide(p, { [fact]: Array.isArray(value) ? [{ id: 8 }] : { address: {}, tags: [7, 1] } })).decidedBy).toBeNull();
  });

  it('keeps other paths strict, saying how to write them', () => {
    const [issue] = issuesOf(policy([{ name: 'r', conditions: { all: [{ fact: 'user', path: '$..id', operator: 'equal', value: 1 }] }, event: { type: 'gold' } }]));
    expect(issue).toMatchObject({ code: 'invalid_path', message: expect.stringMatching(/Use "\$" followed by \.name, \['name'\] or \[index\]/) });
  });

  it('accepts description on every object: policy, rule, event, source, conditions, comparisons, references, decision, texts', () => {
    const doc = policy(
      [
        {
          name: 'r',
          description: 'rule',
          conditions: {
            description: 'all',
            all: [
              { description: 'comparison', fact: 'total', operator: 'greaterThan', value: { fact: 'total', description: 'fact reference' } },
              { description: 'reference', condition: 'big' },
              { description: 'not', not: { any: [], description: 'any' } },
            ],
          },
          event: { type: 'gold', description: 'event' },
          source: { title: 'Terms', description: 'source' },
        },
      ],
      {
        description: 'policy',
        conditions: { big: { all: [], description: 'shared' } },
        decision: { default: 'silver', description: 'decision' },
        texts: { escalation: 'Ask us.', description: 'texts' },
      },
    );
    expect(issuesOf(doc)).toEqual([]);
    doc.description = 5 as never;
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ path: 'description', code: 'invalid_type' })]);
  });

  it('a rule without a name says why it needs one and that `because import` names them', () => {
    expect(issuesOf(policy([{ conditions: { all: [] }, event: { type: 'gold' } }]))).toEqual([
      expect.objectContaining({ path: 'rules[0].name', code: 'missing_property', message: expect.stringMatching(/unique in the policy.*because import/) }),
    ]);
  });
});
