import { describe, expect, it } from 'vitest';
import { definePolicy, explain } from '../../src/index.js';

/**
 * CONTRACT §1 `decision`: `priority` (the fired rule of highest priority decides; ties: file
 * order), `adverse-overrides` (any fired adverse outcome wins), `first` (file order);
 * `default` when no rule fires, else `undecided`, always a hand-over to a person.
 */

type Strategy = 'priority' | 'adverse-overrides' | 'first';

/** Each rule fires when its boolean fact is true. */
function policy(strategy: Strategy | undefined, rules: { name: string; outcome: string; priority?: number }[], fallback?: string) {
  return definePolicy({
    id: 'decide',
    version: '1',
    facts: Object.fromEntries(rules.map((r) => [r.name, { type: 'boolean' }])),
    outcomes: { approve: {}, deny: { adverse: true }, refer: { human: true } },
    ...(strategy === undefined && fallback === undefined
      ? {}
      : { decision: { ...(strategy === undefined ? {} : { strategy }), ...(fallback === undefined ? {} : { default: fallback }) } }),
    rules: rules.map((r) => ({
      name: r.name,
      ...(r.priority === undefined ? {} : { priority: r.priority }),
      conditions: { all: [{ fact: r.name, operator: 'equal', value: true }] },
      event: { type: r.outcome },
    })),
  });
}

const RULES = [
  { name: 'low-approve', outcome: 'approve', priority: 1 },
  { name: 'high-approve', outcome: 'approve', priority: 5 },
  { name: 'mid-deny', outcome: 'deny', priority: 3 },
  { name: 'high-refer', outcome: 'refer', priority: 5 },
];
const allTrue = Object.fromEntries(RULES.map((r) => [r.name, true]));
const only = (...names: string[]) => Object.fromEntries(RULES.map((r) => [r.name, names.includes(r.name)]));

describe('decision strategies', () => {
  it('priority: the fired rule of highest priority decides, ties in file order', async () => {
    const p = policy('priority', RULES);
    const r = await explain(p, allTrue);
    expect(r.decidedBy).toBe('high-approve'); // priority 5, before high-refer in the file
    expect(r.outcome).toBe('approve');
    expect((await explain(p, only('low-approve', 'mid-deny'))).decidedBy).toBe('mid-deny');
    expect((await explain(p, only('high-refer', 'low-approve'))).outcome).toBe('refer');
  });

  it('priority is the default strategy', async () => {
    const p = policy(undefined, RULES);
    expect((await explain(p, allTrue)).decidedBy).toBe('high-approve');
    expect((await explain(p, only('low-approve', 'mid-deny'))).decidedBy).toBe('mid-deny');
  });

  it('adverse-overrides: a fired adverse outcome wins whatever its priority', async () => {
    const p = policy('adverse-overrides', RULES);
    const r = await explain(p, allTrue);
    expect(r.outcome).toBe('deny');
    expect(r.decidedBy).toBe('mid-deny');
    expect(r.escalation.offered).toBe(true);
    // without an adverse rule firing, it is the priority strategy
    expect((await explain(p, only('low-approve', 'high-refer'))).decidedBy).toBe('high-refer');
  });

  it('adverse-overrides: among adverse rules the highest priority decides', async () => {
    const p = policy('adverse-overrides', [
      { name: 'a', outcome: 'approve', priority: 9 },
      { name: 'deny-low', outcome: 'deny', priority: 1 },
      { name: 'deny-high', outcome: 'deny', priority: 4 },
    ]);
    const r = await explain(p, { a: true, 'deny-low': true, 'deny-high': true });
    expect(r.decidedBy).toBe('deny-high');
  });

  it('first: the first fired rule in file order decides, priorities aside', async () => {
    const p = policy('first', RULES);
    expect((await explain(p, allTrue)).decidedBy).toBe('low-approve');
    expect((await explain(p, only('high-refer', 'mid-deny'))).decidedBy).toBe('mid-deny');
  });

  it('reasons list the determining rule first', async () => {
    const r = await explain(policy('priority', RULES), only('low-approve', 'high-approve'));
    expect(r.reasons[0]?.rule).toBe('high-approve');
    expect(r.reasons.map((x) => x.rule)).toContain('low-approve');
  });
});

describe('no rule fires', () => {
  it('decision.default decides, with decidedBy null', async () => {
    for (const strategy of ['priority', 'adverse-overrides', 'first'] as const) {
      const r = await explain(policy(strategy, RULES, 'refer'), only());
      expect(r.outcome).toBe('refer');
      expect(r.decidedBy).toBeNull();
      expect(r.reasons).toEqual([]);
      expect(r.missing).toEqual([]);
      // refer is a `human` outcome: a route to a person
      expect(r.escalation.offered).toBe(true);
    }
  });

  it('a non-adverse, non-human default offers no escalation', async () => {
    const r = await explain(policy('priority', RULES, 'approve'), only());
    expect(r.outcome).toBe('approve');
    expect(r.escalation.offered).toBe(false);
  });

  it('without a default the outcome is undecided, handed to a person, nothing missing', async () => {
    const r = await explain(policy('priority', RULES), only());
    expect(r.outcome).toBe('undecided');
    expect(r.decidedBy).toBeNull();
    expect(r.missing).toEqual([]);
    expect(r.escalation.offered).toBe(true);
    expect(r.trace.every((t) => t.fired === false)).toBe(true);
  });
});

describe('missing facts and the strategies', () => {
  it('an unknown rule that could win leaves the decision open and asks for its fact', async () => {
    const p = policy('priority', RULES);
    const r = await explain(p, { 'low-approve': true, 'high-approve': false, 'high-refer': false });
    // mid-deny (priority 3) is unknown and would beat low-approve
    expect(r.outcome).toBe('undecided');
    expect(r.missing.map((m) => m.fact)).toEqual(['mid-deny']);
  });

  it('an unknown rule that cannot change the outcome does not hold the decision up', async () => {
    const p = policy('priority', RULES);
    // high-approve fired at priority 5; low-approve (unknown) has a lower priority
    const r = await explain(p, { 'high-approve': true, 'high-refer': false, 'mid-deny': false });
    expect(r.outcome).toBe('approve');
    expect(r.missing).toEqual([]);
    // an unknown rule of the same outcome cannot change it either
    const same = policy('priority', [
      { name: 'x', outcome: 'approve', priority: 9 },
      { name: 'y', outcome: 'approve', priority: 1 },
    ]);
    const s = await explain(same, { y: true });
    expect(s.outcome).toBe('approve');
    expect(s.decidedBy).toBe('y');
  });

  it('adverse-overrides waits for an unknown adverse rule even below a fired one', async () => {
    const p = policy('adverse-overrides', RULES);
    const r = await explain(p, { 'high-approve': true, 'low-approve': true, 'high-refer': true });
    expect(r.outcome).toBe('undecided');
    expect(r.missing.map((m) => m.fact)).toEqual(['mid-deny']);
  });

  it('the trace marks unknown rules as unknown, not false', async () => {
    const r = await explain(policy('first', RULES), { 'low-approve': false });
    expect(r.trace.map((t) => t.fired)).toEqual([false, 'unknown', 'unknown', 'unknown']);
  });
});
