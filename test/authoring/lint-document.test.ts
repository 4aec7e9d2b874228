import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/index.js';
import { lintDocument, lintPolicy, locateJsonPath } from '../../src/authoring/index.js';
import { generatedPolicy, policyDocument } from '../helpers/arbitraries.js';

const fivePath = new URL('./fixtures/five-problems.json', import.meta.url);
const five = readFileSync(fivePath, 'utf8');

type Json = Record<string, unknown>;
const base = (rules: Json[], facts: Json = { days: { type: 'integer' }, tier: { type: 'string' } }): Json => ({
  id: 'p',
  version: '1',
  facts,
  outcomes: { approve: {}, deny: { adverse: true } },
  rules,
});
const leaf = (fact: string, operator: string, value: unknown): Json => ({ fact, operator, value });

describe('lintDocument: definition errors and lint findings in one run', () => {
  it('reports an undeclared placeholder, a contradiction, a missing Dutch text, an adverse rule without a source and an unused fact, in file order', () => {
    const { findings, skipped, policy } = lintDocument(five);
    expect(policy).toBeUndefined();
    expect(skipped).toEqual([]);
    const wanted = ['unused_fact', 'undeclared_fact', 'contradictory_conditions', 'adverse_without_source', 'missing_translation'];
    const got = findings.filter((f) => wanted.includes(f.code));
    expect(got.map((f) => [f.kind, f.code, f.path])).toEqual([
      ['lint', 'unused_fact', 'facts.loyaltyPoints'],
      ['definition', 'undeclared_fact', 'rules[0].because.en'],
      ['lint', 'contradictory_conditions', 'rules[1].conditions'],
      ['lint', 'adverse_without_source', 'rules[2]'],
      ['lint', 'missing_translation', 'rules[2].because'],
    ]);
    // Each one where its path is in the text, and the whole list in the order of the file.
    for (const f of findings) {
      const at = locateJsonPath(five, f.path);
      expect([f.line, f.column]).toEqual([at?.line, at?.column]);
    }
    const offsets = findings.map((f) => locateJsonPath(five, f.path)?.offset ?? -1);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(got.find((f) => f.code === 'undeclared_fact')?.message).toMatch(/retrunPeriodDays/);
  });

  it('gives a valid policy exactly the findings of lintPolicy, and the policy', () => {
    const doc = base([{ name: 'a', conditions: { all: [leaf('days', 'greaterThan', 5), leaf('days', 'lessThan', 3)] }, event: { type: 'approve' } }]);
    const result = lintDocument(doc);
    expect(result.policy).toBeDefined();
    expect(result.skipped).toEqual([]);
    const expected = lintPolicy(definePolicy(doc));
    expect(result.findings.map((f) => [f.code, f.path, f.message]).sort()).toEqual(expected.map((f) => [f.code, f.path, f.message]).sort());
    expect(result.findings.every((f) => f.kind === 'lint' && f.line === undefined)).toBe(true);
  });

  it('leaves out a rule it cannot define, says so, and lints the others under their own paths', () => {
    const doc = base([
      { name: 'broken', conditions: { all: [leaf('tier', 'greaterThanOrEqual', 'gold')] }, event: { type: 'approve' } },
      { name: 'never', conditions: { all: [leaf('days', 'greaterThan', 5), leaf('days', 'lessThan', 3)] }, event: { type: 'approve' } },
    ]);
    const { findings, skipped } = lintDocument(doc);
    expect(findings.map((f) => [f.kind, f.code, f.path])).toEqual([
      ['definition', 'unknown_operator', 'rules[0].conditions.all[0].operator'],
      ['lint', 'contradictory_conditions', 'rules[1].conditions'],
    ]);
    expect(findings[1]?.message).toMatch(/\(rules\[1\]\.conditions\.all\[0\]\)/);
    // "tier" is read by the rule left out: it is not reported unused.
    expect(findings.some((f) => f.code === 'unused_fact')).toBe(false);
    expect(skipped).toEqual([{ path: 'rules[0]', message: expect.stringMatching(/^Rule "broken" was not linted: it has a definition error \(unknown_operator\)\.$/) }]);
  });

  it('drops a misspelt property and keeps linting the part that holds it', () => {
    const doc = base([{ name: 'a', id: 7, conditions: { all: [leaf('days', 'greaterThan', 5), leaf('days', 'lessThan', 3)] }, event: { type: 'deny' } }]);
    const codes = lintDocument(doc).findings.map((f) => f.code);
    expect(codes).toEqual(['unused_fact', 'adverse_without_source', 'unknown_property', 'contradictory_conditions']);
  });

  it('still runs the checks of the document alone when nothing can be defined', () => {
    const doc = { id: 'p', version: '1', facts: 'none', outcomes: { ok: { label: { en: 'OK', nl: 'Goed' } }, no: { label: { en: 'No' } } }, rules: 3 };
    const { findings, skipped } = lintDocument(doc);
    expect(findings.filter((f) => f.kind === 'lint').map((f) => [f.code, f.path])).toEqual([['missing_translation', 'outcomes.no.label']]);
    expect(findings.filter((f) => f.kind === 'definition').length).toBeGreaterThan(0);
    expect(skipped[0]?.message).toMatch(/only missing_translation, unwritten_text, adverse_without_source, adverse_default_without_reason were checked/);
  });

  it('reports a text that is not JSON as one definition error', () => {
    const { findings, skipped } = lintDocument('{ "id": ');
    expect(findings.map((f) => [f.kind, f.code])).toEqual([['definition', 'invalid_json']]);
    expect(skipped).toHaveLength(1);
  });

  it('on generated policies, a misspelt property costs no lint finding: the rest gives what the valid policy gives', () => {
    fc.assert(
      fc.property(policyDocument, fc.nat(), (doc, pick) => {
        const policy = generatedPolicy(doc);
        if (policy === undefined) return;
        const key = (f: { code: string; path: string; message: string }): string => `${f.code} ${f.path} ${f.message}`;
        const expected = lintPolicy(policy, { conflicts: 'all' }).map(key).sort();
        const k = pick % doc.rules.length;
        const broken = structuredClone(doc) as unknown as { rules: Json[] };
        (broken.rules[k] as Json)['customId'] = 'x';
        const { findings } = lintDocument(broken, { conflicts: 'all' });
        expect(findings.filter((f) => f.kind === 'definition').map((f) => [f.code, f.path])).toEqual([['unknown_property', `rules[${k}].customId`]]);
        expect(findings.filter((f) => f.kind === 'lint').map(key).sort()).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('on generated policies, leaving out a broken rule renumbers nothing: the others keep their paths', () => {
    fc.assert(
      fc.property(policyDocument, fc.nat(), (doc, pick) => {
        if (generatedPolicy(doc) === undefined || doc.rules.length < 2) return;
        const k = pick % doc.rules.length;
        const broken = structuredClone(doc) as unknown as { rules: Json[] };
        (broken.rules[k] as Json)['conditions'] = { all: [{ fact: 'n', operator: 'greaterThanOrEqual', value: 1 }] };
        const { findings, skipped } = lintDocument(broken);
        expect(skipped.map((s) => s.path)).toEqual([`rules[${k}]`]);
        const rest = structuredClone(doc) as unknown as { rules: Json[] };
        rest.rules.splice(k, 1);
        const restPolicy = generatedPolicy(rest as never);
        if (restPolicy === undefined) return;
        // Each finding of the rest names a rule: under the rule's path in the document with rule k.
        for (const f of findings.filter((x) => x.kind === 'lint' && x.rule !== undefined)) {
          const index = Number(/^rules\[(\d+)\]/.exec(f.path)?.[1] ?? -1);
          if (index === -1) continue;
          expect(index).not.toBe(k);
          expect((doc.rules[index] as { name: string }).name).toBe(f.rule);
        }
      }),
      { numRuns: 40 },
    );
  });
});
