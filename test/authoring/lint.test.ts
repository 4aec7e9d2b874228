import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, definePolicy, explain } from '../../src/index.js';
import { completeFacts, generatedPolicy, policyDocument } from '../helpers/arbitraries.js';
import { LINT_CODES, lintPolicy, type LintFinding } from '../../src/authoring/index.js';

type Json = Record<string, unknown>;

/** A small valid policy; each test changes what it needs. */
function policyWith(overrides: Json, options?: Parameters<typeof definePolicy>[1]) {
  return definePolicy(
    {
      id: 'fixture',
      version: '1',
      facts: {
        days: { type: 'integer' },
        amount: { type: 'number' },
        tier: { type: 'string', enum: ['none', 'silver', 'gold'] },
        country: { type: 'string' },
        member: { type: 'boolean' },
      },
      outcomes: { approve: {}, deny: { adverse: true }, review: { human: true } },
      rules: [],
      ...overrides,
    },
    options,
  );
}

const src = { source: { title: 'Terms, 1' } };
const rule = (name: string, conditions: unknown, outcome = 'approve', extra: Json = {}): Json => ({ name, conditions, event: { type: outcome }, ...(outcome === 'deny' ? src : {}), ...extra });
const leaf = (fact: string, operator: string, value: unknown): Json => ({ fact, operator, value });
/** Reads every fact so that unused_fact stays quiet unless a test wants it. */
const readsAll = rule('reads-all', { any: [leaf('days', 'equal', -1), leaf('amount', 'equal', -1), leaf('tier', 'equal', 'none'), leaf('country', 'equal', 'XX'), leaf('member', 'equal', true)] }, 'review');

function codes(findings: LintFinding[], code: string): LintFinding[] {
  return findings.filter((f) => f.code === code);
}

describe('lintPolicy', () => {
  it('gives every finding a known code, its severity, a path and a message', () => {
    const refund = definePolicy(readFileSync(new URL('../../rules-examples/refund.json', import.meta.url), 'utf8'));
    const findings = lintPolicy(refund);
    expect(findings.map((f) => f.code)).toEqual(['unused_fact']);
    for (const f of findings) {
      expect(f.severity).toBe(LINT_CODES[f.code]);
      expect(f.path).toBe('facts.email');
      expect(f.message).toMatch(/email/);
    }
  });

  describe('contradictory_conditions', () => {
    it.each([
      ['greaterThan 30 and lessThan 10', [leaf('days', 'greaterThan', 30), leaf('days', 'lessThan', 10)]],
      ['equal "a" and equal "b"', [leaf('country', 'equal', 'NL'), leaf('country', 'equal', 'BE')]],
      ['equal x and notEqual x', [leaf('country', 'equal', 'NL'), leaf('country', 'notEqual', 'NL')]],
      ['in-lists with no common value', [leaf('country', 'in', ['NL', 'BE']), leaf('country', 'in', ['DE', 'FR'])]],
      ['a boolean both true and false', [leaf('member', 'equal', true), leaf('member', 'equal', false)]],
      ['whole numbers strictly between 3 and 4', [leaf('days', 'greaterThan', 3), leaf('days', 'lessThan', 4)]],
      ['an enum value the enum excludes', [leaf('tier', 'notIn', ['none', 'silver', 'gold'])]],
      ['a not that negates the other', [leaf('days', 'greaterThan', 30), { not: leaf('days', 'greaterThan', 20) }]],
      ['a parameter threshold', [leaf('days', 'greaterThan', { fact: 'period' }), leaf('days', 'lessThanInclusive', 10)]],
    ])('finds %s', (_what, all) => {
      const policy = policyWith({ parameters: { period: { value: 30 } }, rules: [rule('never', { all }), readsAll] });
      const found = codes(lintPolicy(policy), 'contradictory_conditions');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'error', rule: 'never', path: 'rules[0].conditions' });
      expect(found[0]?.message).toMatch(/can never fire/);
    });

    it.each([
      ['a range that has room', [leaf('days', 'greaterThan', 10), leaf('days', 'lessThan', 30)]],
      ['the same value twice', [leaf('country', 'equal', 'NL'), leaf('country', 'in', ['NL', 'BE'])]],
      ['different facts', [leaf('days', 'greaterThan', 30), leaf('amount', 'lessThan', 10)]],
      ['overlapping in-lists', [leaf('country', 'in', ['NL', 'BE']), leaf('country', 'in', ['BE', 'DE'])]],
      ['greaterThanInclusive 5 and lessThanInclusive 5', [leaf('days', 'greaterThanInclusive', 5), leaf('days', 'lessThanInclusive', 5)]],
    ])('does not flag %s', (_what, all) => {
      const policy = policyWith({ rules: [rule('fine', { all }), readsAll] });
      expect(codes(lintPolicy(policy), 'contradictory_conditions')).toEqual([]);
    });

    it('flags an "all" nested in an "any" as never holding, at its own path', () => {
      const policy = policyWith({ rules: [rule('branch', { any: [leaf('member', 'equal', true), { all: [leaf('days', 'greaterThan', 5), leaf('days', 'lessThan', 2)] }] }), readsAll] });
      const found = codes(lintPolicy(policy), 'contradictory_conditions');
      expect(found).toEqual([expect.objectContaining({ path: 'rules[0].conditions.any[1]', rule: 'branch' })]);
      expect(found[0]?.message).toMatch(/this "all" can never hold/);
    });
  });

  describe('shadowed_rule', () => {
    it.each([
      ['an unconditional rule', { all: [] }, { all: [leaf('days', 'greaterThan', 30)] }],
      ['identical conditions', { all: [leaf('days', 'greaterThan', 30)] }, { all: [leaf('days', 'greaterThan', 30)] }],
      ['weaker conditions', { all: [leaf('days', 'greaterThan', 30)] }, { all: [leaf('days', 'greaterThan', 60), leaf('member', 'equal', false)] }],
      ['an in-list that holds every value the lower rule allows', { all: [leaf('country', 'in', ['NL', 'BE', 'DE'])] }, { all: [leaf('country', 'equal', 'BE')] }],
    ])('finds a rule shadowed by %s with a higher priority', (_what, high, low) => {
      const policy = policyWith({ rules: [rule('high', high, 'approve', { priority: 10 }), rule('low', low, 'deny', { priority: 5 }), readsAll] });
      const found = codes(lintPolicy(policy), 'shadowed_rule').filter((f) => f.rule !== 'reads-all');
      expect(found).toEqual([expect.objectContaining({ severity: 'error', rule: 'low', path: 'rules[1]' })]);
      expect(found[0]?.message).toMatch(/"high"/);
    });

    it('uses the strategy: file order under "first"', () => {
      const policy = policyWith({ decision: { strategy: 'first' }, rules: [rule('first', { all: [] }), rule('second', { all: [leaf('days', 'greaterThan', 1)] }, 'deny', { priority: 99 }), readsAll] });
      const found = codes(lintPolicy(policy), 'shadowed_rule');
      expect(found.map((f) => f.rule)).toEqual(['second', 'reads-all']);
      expect(found[0]?.message).toMatch(/comes first in the file/);
    });

    it.each([
      ['the higher rule is narrower', { all: [leaf('days', 'greaterThan', 60)] }, { all: [leaf('days', 'greaterThan', 30)] }, 'deny'],
      ['both give the same outcome', { all: [] }, { all: [leaf('days', 'greaterThan', 30)] }, 'approve'],
      ['they read different facts', { all: [leaf('member', 'equal', true)] }, { all: [leaf('days', 'greaterThan', 30)] }, 'deny'],
    ])('does not flag when %s', (_what, high, low, lowOutcome) => {
      const policy = policyWith({ rules: [rule('high', high, 'approve', { priority: 10 }), rule('low', low, lowOutcome, { priority: 5 }), readsAll] });
      expect(codes(lintPolicy(policy), 'shadowed_rule').filter((f) => f.rule === 'low')).toEqual([]);
    });

    it('finds nothing a decision can contradict: the shadowed rule never decides', async () => {
      const policy = policyWith({ rules: [rule('high', { all: [leaf('days', 'greaterThan', 30)] }, 'approve', { priority: 10 }), rule('low', { all: [leaf('days', 'greaterThan', 60)] }, 'deny', { priority: 5 }), readsAll] });
      expect(codes(lintPolicy(policy), 'shadowed_rule')).toHaveLength(1);
      for (const days of [0, 31, 61, 1000]) expect((await explain(policy, { days })).decidedBy).not.toBe('low');
    });
  });

  describe('missing_translation', () => {
    it('flags a text missing a locale the policy uses elsewhere', () => {
      const policy = policyWith({
        outcomes: { approve: { label: { en: 'approved', nl: 'goedgekeurd' } }, deny: { label: { en: 'declined' }, adverse: true }, review: { label: 'review' } },
        rules: [rule('r', { all: [leaf('days', 'greaterThan', 1)] }, 'deny', { because: { en: 'late', nl: 'te laat' } }), readsAll],
      });
      const found = codes(lintPolicy(policy), 'missing_translation');
      expect(found).toEqual([expect.objectContaining({ severity: 'error', path: 'outcomes.deny.label' })]);
      expect(found[0]?.message).toMatch(/"nl"/);
    });

    it('accepts plain strings, complete texts, and a regional locale covered by its language', () => {
      const policy = policyWith({
        title: 'Refunds',
        outcomes: { approve: { label: { en: 'approved', nl: 'goedgekeurd', 'nl-BE': 'aanvaard' } }, deny: { label: { en: 'declined', nl: 'afgewezen' }, adverse: true }, review: {} },
        rules: [readsAll],
      });
      expect(codes(lintPolicy(policy), 'missing_translation')).toEqual([]);
    });

    it('asks only for "nl" when a text lacks both "nl" and "nl-BE": "nl" covers "nl-BE"', () => {
      const policy = policyWith({
        outcomes: { approve: { label: { en: 'approved', nl: 'goedgekeurd', 'nl-BE': 'aanvaard' } }, deny: { label: { en: 'declined' }, adverse: true }, review: {} },
        rules: [readsAll],
      });
      const found = codes(lintPolicy(policy), 'missing_translation');
      expect(found.map((f) => f.path)).toEqual(['outcomes.deny.label']);
      expect(found[0]?.message).toMatch(/has no "nl" version/);
      expect(found[0]?.message).not.toMatch(/nl-BE"[^,]*version|Add .*"nl-BE"/);
    });

    it('names the rule when the text belongs to one', () => {
      const policy = policyWith({
        title: { en: 'Refunds', nl: 'Terugbetalingen' },
        rules: [rule('r', { all: [leaf('days', 'greaterThan', 1)] }, 'deny', { source: { title: { en: 'Terms' } } }), readsAll],
      });
      expect(codes(lintPolicy(policy), 'missing_translation')).toEqual([expect.objectContaining({ rule: 'r', path: 'rules[0].source.title' })]);
    });
  });

  describe('unknown_placeholder', () => {
    it('flags a placeholder of a host translation that names no fact or parameter', () => {
      const policy = policyWith(
        { rules: [rule('r', { all: [leaf('days', 'greaterThan', 30)] }, 'deny', { because: '$t(refund.late)' }), readsAll] },
        { resources: { en: { refund: { late: 'more than {{dayz}} days' } }, nl: { refund: { late: 'meer dan {{days}} dagen' } } } },
      );
      const found = codes(lintPolicy(policy), 'unknown_placeholder');
      expect(found).toEqual([expect.objectContaining({ severity: 'error', rule: 'r', path: 'rules[0].because' })]);
      expect(found[0]?.message).toMatch(/dayz/);
      expect(found[0]?.message).toMatch(/"en"/);
    });

    it('accepts translations whose placeholders are declared', () => {
      const policy = policyWith(
        { rules: [rule('r', { all: [leaf('days', 'greaterThan', 30)] }, 'deny', { because: '$t(refund.late)' }), readsAll] },
        { resources: { en: { refund: { late: 'more than {{days}} days' } } } },
      );
      expect(codes(lintPolicy(policy), 'unknown_placeholder')).toEqual([]);
    });
  });

  describe('unused_fact and unused_parameter', () => {
    it('flags declarations that no rule and no text reads', () => {
      const policy = policyWith({ parameters: { limit: { value: 3 }, unusedLimit: { value: 4 } }, rules: [rule('r', { all: [leaf('days', 'greaterThan', { fact: 'limit' })] })] });
      const found = lintPolicy(policy).filter((f) => f.code.startsWith('unused_'));
      expect(found.map((f) => [f.code, f.path, f.severity])).toEqual([
        ['unused_fact', 'facts.amount', 'warning'],
        ['unused_fact', 'facts.country', 'warning'],
        ['unused_fact', 'facts.member', 'warning'],
        ['unused_fact', 'facts.tier', 'warning'],
        ['unused_parameter', 'parameters.unusedLimit', 'warning'],
      ]);
    });

    it('counts a fact read only by a text, or only as a compared value', () => {
      const policy = policyWith({
        facts: { days: { type: 'integer' }, limit: { type: 'integer' }, name: { type: 'string' } },
        rules: [rule('r', { all: [leaf('days', 'greaterThan', { fact: 'limit' })] }, 'approve', { because: 'thanks {{name}}' })],
      });
      expect(lintPolicy(policy).filter((f) => f.code.startsWith('unused_'))).toEqual([]);
    });
  });

  describe('adverse_without_source', () => {
    it('flags an adverse rule without a source, and not one with a source or a kind outcome', () => {
      const policy = policyWith({
        rules: [
          { name: 'bare', conditions: { all: [leaf('days', 'greaterThan', 30)] }, event: { type: 'deny' } },
          rule('cited', { all: [leaf('days', 'greaterThan', 60)] }, 'deny'),
          { name: 'kind', conditions: { all: [leaf('days', 'lessThan', 3)] }, event: { type: 'approve' } },
          readsAll,
        ],
      });
      expect(codes(lintPolicy(policy), 'adverse_without_source')).toEqual([expect.objectContaining({ severity: 'warning', rule: 'bare', path: 'rules[0]' })]);
    });
  });

  describe('adverse_default_without_reason', () => {
    it('flags an adverse default without a message, and not a kind default or an adverse one with its message', async () => {
      const bare = policyWith({ decision: { default: 'deny' }, rules: [readsAll] });
      expect(codes(lintPolicy(bare), 'adverse_default_without_reason')).toEqual([expect.objectContaining({ severity: 'warning', path: 'decision.default' })]);
      // What the warning is about: the customer reads no reason.
      const result = await explain(bare, { days: 5, amount: 1, tier: 'gold', country: 'NL', member: false });
      expect([result.outcome, result.decidedBy, result.reasons]).toEqual(['deny', null, []]);

      const told = policyWith({ decision: { default: 'deny' }, outcomes: { approve: {}, deny: { adverse: true, message: 'We only refund orders we can trace.' }, review: { human: true } }, rules: [readsAll] });
      expect(codes(lintPolicy(told), 'adverse_default_without_reason')).toEqual([]);
      expect(codes(lintPolicy(policyWith({ decision: { default: 'approve' }, rules: [readsAll] })), 'adverse_default_without_reason')).toEqual([]);
      expect(codes(lintPolicy(policyWith({ rules: [readsAll] })), 'adverse_default_without_reason')).toEqual([]);
    });
  });

  describe('conflicting_rules', () => {
    const overlap = [
      rule('late', { all: [leaf('days', 'greaterThan', 30)] }, 'deny'),
      rule('big', { all: [leaf('amount', 'greaterThanInclusive', 500)] }, 'review'),
    ];

    it('reports rules of equal priority that fire together, with a witness verified by explain', async () => {
      const policy = policyWith({ rules: [...overlap, readsAll] });
      const found = codes(lintPolicy(policy), 'conflicting_rules').filter((f) => f.rule === 'big');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'warning', path: 'rules[1]' });
      const witness = found[0]?.witness ?? {};
      const result = await explain(policy, witness);
      expect(result.trace[0]?.fired).toBe(true);
      expect(result.trace[1]?.fired).toBe(true);
      expect(found[0]?.message).toContain(JSON.stringify(witness));
    });

    it('stays quiet when priorities settle it, unless asked for all overlaps', () => {
      const policy = policyWith({ rules: [{ ...overlap[0], priority: 10 }, overlap[1], readsAll] });
      expect(codes(lintPolicy(policy), 'conflicting_rules').filter((f) => f.rule === 'big')).toEqual([]);
      expect(codes(lintPolicy(policy, { conflicts: 'all' }), 'conflicting_rules').filter((f) => f.rule === 'big')).toHaveLength(1);
    });

    it('stays quiet when no facts make both fire', () => {
      const policy = policyWith({
        rules: [rule('late', { all: [leaf('days', 'greaterThan', 30)] }, 'deny'), rule('early', { all: [leaf('days', 'lessThanInclusive', 30)] }, 'approve'), readsAll],
      });
      expect(codes(lintPolicy(policy), 'conflicting_rules').filter((f) => f.rule === 'early')).toEqual([]);
    });
  });

  describe('conflicting_rules: every overlapping pair (conflicts: all)', () => {
    const pairsOf = (findings: LintFinding[]): string[] =>
      codes(findings, 'conflicting_rules').flatMap((f) => (f.rules === undefined ? [] : [f.rules.join(' & ')]));

    it('reports each pair once, with its own witness, not one conflict per rule', async () => {
      const policy = policyWith({
        rules: [
          rule('late', { all: [leaf('days', 'greaterThan', 30)] }, 'deny'),
          rule('big', { all: [leaf('amount', 'greaterThanInclusive', 500)] }, 'review'),
          rule('gold', { all: [leaf('tier', 'equal', 'gold')] }, 'approve'),
          rule('reads', { any: [leaf('country', 'equal', 'XX'), leaf('member', 'equal', true)] }, 'deny'),
        ],
      });
      const found = lintPolicy(policy, { conflicts: 'all' });
      expect(pairsOf(found).sort()).toEqual(['big & gold', 'big & reads', 'gold & reads', 'late & big', 'late & gold'].sort());
      for (const f of codes(found, 'conflicting_rules')) {
        const result = await explain(policy, f.witness ?? {});
        const [a, b] = f.rules ?? [];
        expect(result.trace.find((t) => t.rule === a)?.fired).toBe(true);
        expect(result.trace.find((t) => t.rule === b)?.fired).toBe(true);
      }
    });

    it('an internal catch-all rule does not hide an overlap between two other rules', () => {
      const policy = policyWith({
        rules: [
          rule('catch-all', { all: [] }, 'review', { internal: true }),
          rule('late', { all: [leaf('days', 'greaterThan', 30)] }, 'deny', { priority: 5 }),
          rule('gold', { all: [leaf('tier', 'equal', 'gold')] }, 'approve', { priority: 5 }),
          { ...readsAll, priority: 5 },
        ],
      });
      const pairs = pairsOf(lintPolicy(policy, { conflicts: 'all' }));
      expect(pairs).toContain('late & gold');
      expect(pairs).toContain('catch-all & late');
      expect(pairs).toContain('catch-all & gold');
    });

    it('lists at most 100 conflicts and counts the pairs beyond', () => {
      // 30 rules on two of 12 booleans each, outcomes in turn: hundreds of overlapping pairs.
      const facts = Object.fromEntries(Array.from({ length: 12 }, (_x, i) => [`f${i}`, { type: 'boolean' }]));
      const rules = Array.from({ length: 30 }, (_x, i) =>
        rule(`r${i}`, { all: [leaf(`f${i % 12}`, 'equal', true), leaf(`f${(i * 5 + 1) % 12}`, 'equal', i % 2 === 0)] }, ['approve', 'deny', 'review'][i % 3]),
      );
      const found = codes(lintPolicy(definePolicy({ id: 'many', version: '1', facts, outcomes: { approve: {}, deny: { adverse: true }, review: {} }, rules: rules.map((r) => ({ ...r, source: { title: 'T' } })) }), { conflicts: 'all' }), 'conflicting_rules');
      const listed = found.filter((f) => f.witness !== undefined);
      expect(listed).toHaveLength(100);
      const summary = found.filter((f) => f.witness === undefined);
      expect(summary).toEqual([expect.objectContaining({ path: 'rules', message: expect.stringMatching(/^… and \d+ more pairs of rules with different outcomes that no condition on one fact keeps apart, not searched: only the first 100 conflicts are listed\./) })]);
      // Count the pairs by brute force: two rules that differ in outcome and do not set one boolean both ways.
      const want = (r: Json): Map<string, unknown> => new Map(((r['conditions'] as { all: Json[] }).all).map((l) => [l['fact'] as string, l['value']]));
      let overlapping = 0;
      for (let i = 0; i < rules.length; i++)
        for (let j = i + 1; j < rules.length; j++) {
          const [a, b] = [rules[i] as Json, rules[j] as Json];
          if ((a['event'] as Json)['type'] === (b['event'] as Json)['type']) continue;
          const wa = want(a);
          if ([...want(b)].every(([f, v]) => !wa.has(f) || wa.get(f) === v)) overlapping++;
        }
      expect(Number(/… and (\d+) more/.exec(summary[0]?.message ?? '')?.[1])).toBe(overlapping - 100);
    });

    it('on generated policies, every witness makes both rules of its pair fire (decide)', async () => {
      await fc.assert(
        fc.asyncProperty(policyDocument, async (doc) => {
          const policy = generatedPolicy(doc);
          if (policy === undefined) return;
          for (const f of codes(lintPolicy(policy, { conflicts: 'all' }), 'conflicting_rules')) {
            const [a, b] = f.rules ?? [];
            const result = await decide(policy, f.witness ?? {}, { at: '2026-06-01' });
            expect(result.trace.find((t) => t.rule === a)?.fired).toBe(true);
            expect(result.trace.find((t) => t.rule === b)?.fired).toBe(true);
            expect(f.message).toContain(JSON.stringify(f.witness));
          }
        }),
        { numRuns: 80 },
      );
    });

    it('on generated policies comparing facts with values, two rules seen firing together are reported as a pair', async () => {
      // The search tries the boundaries of the values compared with: complete for comparisons of
      // a whole fact with a value; a fact compared with a fact, a value read through a path, or a
      // decorated operator may escape it (then no conflict is reported, never a wrong one).
      const plain = (doc: unknown): boolean => !/"value":\{"fact"|"operator":"[^"]*:|"path":/.test(JSON.stringify(doc));
      await fc.assert(
        fc.asyncProperty(policyDocument.filter(plain), completeFacts, async (doc, facts) => {
          const policy = generatedPolicy(doc);
          if (policy === undefined) return;
          const findings = lintPolicy(policy, { conflicts: 'all' });
          const excluded = new Set(findings.filter((f) => f.code === 'shadowed_rule' || f.code === 'contradictory_conditions').map((f) => f.rule));
          const pairs = new Set(pairsOf(findings));
          const fired = (await decide(policy, facts, { at: '2026-06-01' })).trace.filter((t) => t.fired === true && !excluded.has(t.rule));
          for (let i = 0; i < fired.length; i++)
            for (let j = i + 1; j < fired.length; j++) {
              const [a, b] = [fired[i], fired[j]];
              if (a?.outcome === b?.outcome) continue;
              expect(pairs, `${a?.rule} & ${b?.rule} fire together on ${JSON.stringify(facts)}`).toContain(`${a?.rule} & ${b?.rule}`);
            }
        }),
        { numRuns: 80 },
      );
    });
  });

  describe('priority_hides_trace', () => {
    it('flags an all/any whose conditions have different priorities', () => {
      const policy = policyWith({
        rules: [rule('r', { all: [{ ...leaf('days', 'greaterThan', 30), priority: 10 }, leaf('member', 'equal', false)] }), readsAll],
      });
      const found = codes(lintPolicy(policy), 'priority_hides_trace');
      expect(found).toEqual([expect.objectContaining({ severity: 'warning', rule: 'r', path: 'rules[0].conditions' })]);
      expect(found[0]?.message).toContain('rules[0].conditions.all[1]');
    });

    it('does not flag equal priorities', () => {
      const policy = policyWith({ rules: [rule('r', { all: [{ ...leaf('days', 'greaterThan', 30), priority: 5 }, { ...leaf('member', 'equal', false), priority: 5 }] }), readsAll] });
      expect(codes(lintPolicy(policy), 'priority_hides_trace')).toEqual([]);
    });
  });

  it('sorts errors before warnings', () => {
    const policy = policyWith({ rules: [{ name: 'bare', conditions: { all: [leaf('days', 'greaterThan', 3), leaf('days', 'lessThan', 2)] }, event: { type: 'deny' } }] });
    const severities = lintPolicy(policy).map((f) => f.severity);
    expect(severities[0]).toBe('error');
    expect(severities.lastIndexOf('error')).toBeLessThan(severities.indexOf('warning'));
  });
});
