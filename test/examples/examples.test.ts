import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definePolicy, explain, REDACTED, type DecisionResult, type Policy, type PolicyDocument, type Text } from '../../src/index.js';

/**
 * Every example policy in `rules-examples/` runs as a test: it is a valid policy, its tests file
 * (`<name>.tests.json`, read here by a minimal loader of our own) passes case by case, the cases
 * cover every rule, and no internal figure or personal value reaches a customer.
 */

const DIR = new URL('../../rules-examples/', import.meta.url);
const LOCALES = ['en', 'nl'] as const;

interface Case {
  name: string;
  facts: Record<string, unknown>;
  at?: string;
  locale?: string;
  expect: { outcome: string; decidedBy?: string | null; missing?: string[]; textIncludes?: string[] };
}
interface Suite {
  policy: string;
  cases: Case[];
}

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as unknown;
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const policyFiles = files.filter((f) => !f.endsWith('.tests.json'));
const testFiles = files.filter((f) => f.endsWith('.tests.json'));

/** `refund.tests.json` → its suite and the policy it names, resolved next to it. */
function load(testFile: string): { suite: Suite; doc: PolicyDocument; policy: Policy } {
  const suite = read(testFile) as Suite;
  const policyFile = new URL(suite.policy, new URL(testFile, DIR));
  const doc = JSON.parse(readFileSync(policyFile, 'utf8')) as PolicyDocument;
  return { suite, doc, policy: definePolicy(doc) };
}

/** The customer-facing strings of a result: what a customer can read. */
function customerStrings(r: DecisionResult): string[] {
  return [
    r.text,
    ...r.reasons.flatMap((x) => [x.text, typeof x.source?.title === 'string' ? x.source.title : '']),
    ...r.counterfactuals.flatMap((c) => [c.text, JSON.stringify(c.changes)]),
    ...r.missing.map((m) => m.question),
    r.escalation.text,
    r.disclosure,
  ];
}

/** A number as any of our locales may print it: 87, 86.9, 86,9, 1,234.5, 1.234,5. */
function figures(value: number): string[] {
  return [...new Set(['en', 'nl', 'de', 'fr'].map((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 }).format(value)).concat(String(value)))];
}

/** Every Text of a policy with its JSON path: labels, questions, outcome labels, because, source titles. */
function texts(doc: PolicyDocument): [string, Text][] {
  const out: [string, Text][] = [];
  const add = (path: string, t: Text | undefined): void => {
    if (t !== undefined) out.push([path, t]);
  };
  add('title', doc.title);
  for (const [n, f] of Object.entries(doc.facts)) {
    add(`facts.${n}.label`, f.label);
    add(`facts.${n}.question`, f.question);
  }
  for (const [n, p] of Object.entries(doc.parameters ?? {})) add(`parameters.${n}.label`, p.label);
  for (const [n, o] of Object.entries(doc.outcomes)) add(`outcomes.${n}.label`, o.label);
  add('texts.escalation', doc.texts?.escalation);
  add('texts.disclosure', doc.texts?.disclosure);
  doc.rules.forEach((r, i) => {
    add(`rules[${i}].because`, r.because);
    add(`rules[${i}].source.title`, r.source?.title);
  });
  return out;
}

/** Leaf conditions of a condition tree (shared conditions are walked where declared). */
function leaves(node: unknown): Record<string, unknown>[] {
  if (node === null || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  if ('fact' in n) return [n];
  return [...((n['all'] as unknown[]) ?? []), ...((n['any'] as unknown[]) ?? []), ...(n['not'] === undefined ? [] : [n['not']])].flatMap(leaves);
}

describe('rules-examples', () => {
  it('has a policy and a tests file for each example', () => {
    expect(policyFiles).toEqual(expect.arrayContaining(['account-access.json', 'data-deletion.json', 'personalisation.json', 'refund.json', 'service.json']));
    for (const f of policyFiles) expect(testFiles, f).toContain(f.replace(/\.json$/, '.tests.json'));
  });

  describe.each(policyFiles)('%s', (file) => {
    const doc = read(file) as PolicyDocument;

    it('is a valid policy', () => {
      const policy = definePolicy(doc);
      expect(policy.id).toBe(doc.id);
    });

    it('has English and Dutch for every text, and a source on every adverse rule', () => {
      for (const [path, t] of texts(doc)) {
        expect(typeof t, path).toBe('object');
        for (const l of LOCALES) expect((t as Record<string, string>)[l], `${path}.${l}`).toMatch(/\S/);
      }
      doc.rules.forEach((r, i) => {
        if (doc.outcomes[r.event.type]?.adverse === true) expect(r.source, `rules[${i}] (${r.name})`).toBeDefined();
      });
    });

    it('keeps figures in parameters, not in conditions', () => {
      const all = [...doc.rules.map((r) => r.conditions), ...Object.values(doc.conditions ?? {})].flatMap(leaves);
      for (const leaf of all) expect(typeof leaf['value'], JSON.stringify(leaf)).not.toBe('number');
    });

    it('writes Dutch reasons as subordinate clauses: no capital at the start, no full stop at the end', () => {
      for (const r of doc.rules) {
        const nl = typeof r.because === 'object' ? r.because['nl'] : undefined;
        if (nl === undefined) continue;
        expect(nl, r.name).toMatch(/^[a-z{]/);
        expect(nl, r.name).not.toMatch(/[.!?]$/);
      }
    });
  });

  describe.each(testFiles)('%s', (testFile) => {
    const { suite, doc, policy } = load(testFile);

    it('has at least 12 cases, an undecided case and a Dutch case with texts', () => {
      expect(suite.cases.length).toBeGreaterThanOrEqual(12);
      expect(suite.cases.some((c) => c.expect.outcome === 'undecided' && (c.expect.missing?.length ?? 0) > 0)).toBe(true);
      expect(suite.cases.some((c) => c.locale === 'nl' && (c.expect.textIncludes?.length ?? 0) > 0)).toBe(true);
    });

    it.each(suite.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const result = await explain(policy, c.facts, { ...(c.at === undefined ? {} : { at: c.at }), ...(c.locale === undefined ? {} : { locale: c.locale }) });
      expect(result.outcome).toBe(c.expect.outcome);
      if (c.expect.decidedBy !== undefined) expect(result.decidedBy).toBe(c.expect.decidedBy);
      if (c.expect.missing !== undefined) expect(result.missing.map((m) => m.fact)).toEqual(c.expect.missing);
      for (const s of c.expect.textIncludes ?? []) expect(result.text.replace(/[\u00a0\u202f]/g, ' ')).toContain(s);
    });

    it('covers every rule: each one decides or fires in some case', async () => {
      const seen = new Set<string>();
      for (const c of suite.cases) {
        const result = await explain(policy, c.facts, { ...(c.at === undefined ? {} : { at: c.at }) });
        if (result.decidedBy !== null) seen.add(result.decidedBy);
        for (const t of result.trace) if (t.fired === true) seen.add(t.rule);
      }
      expect(doc.rules.map((r) => r.name).filter((n) => !seen.has(n))).toEqual([]);
    });

    it('never shows a customer an internal figure or a personal value, in English or Dutch', async () => {
      const internalFacts = Object.entries(doc.facts).filter(([, f]) => f.internal === true).map(([n]) => n);
      const internalNumbers = Object.values(doc.parameters ?? {})
        .filter((p) => p.internal === true && typeof p.value === 'number')
        .map((p) => p.value as number);
      const personal = Object.entries(doc.facts).filter(([, f]) => f.personal === true).map(([n]) => n);
      const adverse = suite.cases.filter((c) => doc.outcomes[c.expect.outcome]?.adverse === true);
      // Every policy with an adverse outcome has adverse cases, and they are checked like all the others.
      if (Object.values(doc.outcomes).some((o) => o.adverse === true)) expect(adverse.length).toBeGreaterThan(0);
      let checked = 0;
      for (const c of suite.cases) {
        const hidden = [
          ...internalNumbers,
          ...internalFacts.map((n) => c.facts[n]).filter((v): v is number => typeof v === 'number'),
        ].flatMap(figures);
        const publicValues = new Set(Object.entries(c.facts).filter(([n]) => !personal.includes(n)).flatMap(([, v]) => (Array.isArray(v) ? v : [v])));
        const secret = personal
          .flatMap((n) => (Array.isArray(c.facts[n]) ? (c.facts[n] as unknown[]) : [c.facts[n]]))
          .filter((v): v is string | number => (typeof v === 'string' || typeof v === 'number') && !publicValues.has(v))
          .map(String);
        for (const locale of LOCALES) {
          const result = await explain(policy, c.facts, { locale, audience: 'customer', ...(c.at === undefined ? {} : { at: c.at }) });
          const shown = customerStrings(result).join('\n');
          for (const figure of [...hidden, ...secret]) expect(shown, `${c.name} (${locale}) shows ${figure}`).not.toContain(figure);
          // Not even the name of an internal fact (a boolean such as a legal hold has no figure to search for).
          const labels = internalFacts.map((n) => doc.facts[n]?.label).map((t) => (typeof t === 'object' ? t[locale] : t)).filter((t): t is string => t !== undefined);
          for (const label of labels) expect(shown.toLowerCase(), `${c.name} (${locale}) names ${label}`).not.toContain(label.toLowerCase());
          checked += labels.length;
          for (const n of personal) if (n in result.factsUsed) expect(result.factsUsed[n], `${c.name}: factsUsed.${n}`).toBe(REDACTED);
          checked += hidden.length + secret.length;
        }
      }
      // A policy that declares internal figures or personal facts must have had some checked.
      if (internalFacts.length + internalNumbers.length + personal.length > 0) expect(checked).toBeGreaterThan(0);
    });
  });

  it('account-access: the agent view states the fraud score and limit that the customer view hides', async () => {
    const { suite, policy } = load('account-access.tests.json');
    const c = suite.cases.find((x) => x.expect.decidedBy === 'fraud-risk' && x.locale === 'nl');
    expect(c).toBeDefined();
    const facts = (c as Case).facts;
    const score = String(facts['fraudScore']);
    for (const locale of LOCALES) {
      const agent = await explain(policy, facts, { locale, audience: 'agent', at: '2026-03-01' });
      const customer = await explain(policy, facts, { locale, audience: 'customer', at: '2026-03-01' });
      expect(agent.text).toContain(score);
      expect(agent.text).toContain('87');
      expect(customer.text).not.toContain(score);
      expect(customer.text).not.toContain('87');
      expect(customer.reasons[0]?.text).toBe(agent.reasons[0]?.text.replace(/ \(.*\)$/, ''));
    }
  });
});
