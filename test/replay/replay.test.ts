import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { definePolicy, explain, isBecauseError, toAuditRecord, type Policy } from '../../src/index.js';
import { main } from '../../src/node/cli.js';
import { INVALID_FACTS, parseCase, replay, runReplay, type ReplayReport } from '../../src/node/replay.js';

const refundFile = new URL('../../rules-examples/refund.json', import.meta.url);
const oldDoc = JSON.parse(readFileSync(refundFile, 'utf8')) as Record<string, any>;
/** The new version: a 14-day return period, reviews from 400 euro, and orderTotal as an integer. */
const newDoc = structuredClone(oldDoc);
newDoc['version'] = 'next';
newDoc['parameters'].returnPeriodDays.value = 14;
newDoc['parameters'].manualReviewAmount.value = 400;
const oldPolicy = definePolicy(oldDoc);
const newPolicy = definePolicy(newDoc);

const AT = '2026-03-01';
const base = { orderTotal: 80, loyaltyTier: 'none', finalSale: false, hygieneSealBroken: false, damagedOnArrival: false };

/** What `explain` decides, as replay reports it. */
async function decision(policy: Policy, facts: unknown): Promise<{ outcome: string; rule: string | null }> {
  try {
    const r = await explain(policy, facts, { at: AT });
    return { outcome: r.outcome, rule: r.decidedBy };
  } catch (error) {
    if (isBecauseError(error) && error.name === 'FactsError') return { outcome: INVALID_FACTS, rule: null };
    throw error;
  }
}

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const run = (lines: string[], options: Parameters<typeof replay>[3] = {}): Promise<ReplayReport> =>
  replay(oldPolicy, newPolicy, chunksOf(lines.join('\n'), 1 << 16), { workers: 0, ...options });

describe('parseCase', () => {
  it('reads plain facts, { id, at, facts } and audit records', async () => {
    const facts = { ...base, daysSincePurchase: 3 };
    expect(parseCase(JSON.stringify(facts))).toEqual({ facts, audit: false });
    expect(parseCase(JSON.stringify({ id: 'T-1', at: AT, facts }))).toEqual({ facts, id: 'T-1', audit: false });
    expect(parseCase(JSON.stringify({ id: 7, facts }))).toEqual({ facts, id: '7', audit: false });
    const record = toAuditRecord(await explain(oldPolicy, facts, { at: AT }), { facts, options: { at: AT } }, { id: 'A-1' });
    expect(parseCase(JSON.stringify(record))).toEqual({ facts, id: 'A-1', audit: true, recorded: 'approve' });
  });

  it('takes an object with other keys than facts/at/id as plain facts', () => {
    const line = { facts: { x: 1 }, daysSincePurchase: 3 };
    expect(parseCase(JSON.stringify(line))).toEqual({ facts: line, audit: false });
  });

  it.each([
    ['{"daysSincePurchase": 3', /not valid JSON/],
    ['[1, 2]', /not a list/],
    ['null', /not null/],
    ['42', /not a number/],
    ['{"id": "x", "facts": [1]}', /"facts" is an object/],
  ])('rejects %s with a reason', (line, reason) => {
    const parsed = parseCase(line);
    expect('error' in parsed && parsed.error).toMatch(reason);
  });
});

describe('replay in one thread', () => {
  it('counts changes by outcome and rule, with the first examples by line and id', async () => {
    const lines = [
      JSON.stringify({ ...base, daysSincePurchase: 45 }), // 1: deny under both, same rule
      JSON.stringify({ id: 'T-2', at: AT, facts: { ...base, daysSincePurchase: 20 } }), // 2: approve → deny
      '', // 3: blank, skipped
      JSON.stringify({ ...base, daysSincePurchase: 20, orderTotal: 450 }), // 4: approve → deny (return period beats review)
      JSON.stringify({ ...base, daysSincePurchase: 5, orderTotal: 450 }), // 5: approve → escalate
      JSON.stringify({ id: 'T-6', facts: { ...base, daysSincePurchase: 16 } }), // 6: approve → deny
      JSON.stringify({ ...base, daysSincePurchase: 25 }), // 7: approve → deny, a fourth example that is not kept
    ];
    const report = await run(lines);
    expect(report).toMatchObject({ cases: 6, changed: 5, ruleChanged: 0, unchanged: 1, workers: 0, badLines: { count: 0, first: [] } });
    expect(report.outcomeChanges).toEqual([
      {
        from: 'approve',
        to: 'deny',
        count: 4,
        rules: [{ from: { outcome: 'approve', rule: null }, to: { outcome: 'deny', rule: 'outside-return-period' }, count: 4, examples: [{ line: 2, id: 'T-2' }, { line: 4 }, { line: 6, id: 'T-6' }] }],
      },
      {
        from: 'approve',
        to: 'escalate',
        count: 1,
        rules: [{ from: { outcome: 'approve', rule: null }, to: { outcome: 'escalate', rule: 'high-amount-review' }, count: 1, examples: [{ line: 5 }] }],
      },
    ]);
    expect(report.old).toEqual({ id: 'refund', version: oldPolicy.version, hash: oldPolicy.hash });
    expect(report.new.hash).toBe(newPolicy.hash);
  });

  it('reports a changed determining rule with the same outcome apart from outcome changes', async () => {
    const stricter = structuredClone(oldDoc);
    stricter['version'] = 'stricter';
    // final-sale now outranks hygiene-seal-broken: both deny, another rule decides.
    stricter['rules'][1].priority = 95;
    const report = await replay(definePolicy(oldDoc), definePolicy(stricter), chunksOf(
      [JSON.stringify({ ...base, daysSincePurchase: 2, finalSale: true, hygieneSealBroken: true }), JSON.stringify({ ...base, daysSincePurchase: 2, hygieneSealBroken: true })].join('\n'),
      100,
    ), { workers: 0 });
    expect(report).toMatchObject({ cases: 2, changed: 0, ruleChanged: 0, unchanged: 2 });
    const swapped = structuredClone(oldDoc);
    swapped['version'] = 'swapped';
    swapped['rules'][2].priority = 95; // hygiene-seal-broken first
    const r2 = await replay(definePolicy(oldDoc), definePolicy(swapped), chunksOf(JSON.stringify({ ...base, daysSincePurchase: 2, finalSale: true, hygieneSealBroken: true }), 7), { workers: 0 });
    expect(r2).toMatchObject({ cases: 1, changed: 0, ruleChanged: 1, unchanged: 0 });
    expect(r2.ruleChanges).toEqual([{ from: { outcome: 'deny', rule: 'final-sale' }, to: { outcome: 'deny', rule: 'hygiene-seal-broken' }, count: 1, examples: [{ line: 1 }] }]);
  });

  it('counts bad lines with their numbers and reasons, across CRLF, a BOM and blank lines', async () => {
    const good = JSON.stringify({ ...base, daysSincePurchase: 1 });
    const text = `\uFEFF${good}\r\nnot json\r\n\r\n[1]\r\n{"facts": 3}\r\n{"daysSincePurchase": "many"}\r\n${good}`;
    const report = await replay(oldPolicy, newPolicy, chunksOf(text, 5), { workers: 0, chunkBytes: 16 });
    expect(report.cases).toBe(2);
    expect(report.badLines.count).toBe(4);
    expect(report.badLines.first.map((b) => b.line)).toEqual([2, 4, 5, 6]);
    expect(report.badLines.first[3]?.message).toMatch(/daysSincePurchase: expected a whole number/);
  });

  it('keeps at most ten bad lines, the first ones, and counts them all', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => (i % 2 === 0 ? 'oops' : JSON.stringify({ ...base, daysSincePurchase: i })));
    const report = await run(lines, { chunkBytes: 40 });
    expect(report.badLines.count).toBe(13);
    expect(report.badLines.first.map((b) => b.line)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
  });

  it('reports facts only one version rejects as a change to or from "(invalid facts)"', async () => {
    const typed = structuredClone(oldDoc);
    typed['version'] = 'typed';
    typed['facts'].orderTotal.type = 'integer';
    const report = await replay(oldPolicy, definePolicy(typed), chunksOf(`${JSON.stringify({ ...base, daysSincePurchase: 3, orderTotal: 79.95 })}\n${JSON.stringify({ ...base, daysSincePurchase: 3 })}`, 50), { workers: 0 });
    expect(report).toMatchObject({ cases: 2, changed: 1, unchanged: 1, badLines: { count: 0 } });
    expect(report.outcomeChanges[0]).toMatchObject({ from: 'approve', to: INVALID_FACTS, count: 1 });
  });

  it('counts audit records whose recorded outcome OLD does not give', async () => {
    const facts = { ...base, daysSincePurchase: 45 };
    const deny = toAuditRecord(await explain(oldPolicy, facts, { at: AT }), { facts }, { id: 'A-1' });
    const fromNew = toAuditRecord(await explain(newPolicy, { ...base, daysSincePurchase: 20 }, { at: AT }), { facts: { ...base, daysSincePurchase: 20 } }, { id: 'A-2' });
    const report = await run([JSON.stringify(deny), JSON.stringify(fromNew)]);
    expect(report.auditRecords).toEqual({ count: 2, differFromOld: 1, examples: [{ line: 2, id: 'A-2' }] });
  });

  const factsArb = fc.record(
    {
      daysSincePurchase: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.constant(null), fc.constant('late')),
      orderTotal: fc.oneof(fc.integer({ min: 0, max: 800 }), fc.double({ min: 0, max: 800, noNaN: true })),
      loyaltyTier: fc.constantFrom('none', 'silver', 'gold', 'platinum'),
      finalSale: fc.boolean(),
      hygieneSealBroken: fc.boolean(),
      damagedOnArrival: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  const lineArb = fc.oneof(
    { weight: 6, arbitrary: factsArb.map((f) => ({ kind: 'plain' as const, f })) },
    { weight: 3, arbitrary: fc.tuple(factsArb, fc.string({ maxLength: 6 })).map(([f, id]) => ({ kind: 'wrapped' as const, f, id })) },
    { weight: 1, arbitrary: fc.constantFrom('{oops', '[]', '"text"', '   ').map((raw) => ({ kind: 'raw' as const, raw })) },
  );

  it('agrees with explain() on every line, whatever the chunk sizes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 40 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 500 }), async (cases, split, chunkBytes) => {
        const lines = cases.map((c) => (c.kind === 'plain' ? JSON.stringify(c.f) : c.kind === 'wrapped' ? JSON.stringify({ id: c.id, facts: c.f }) : c.raw));
        const expected = { cases: 0, changed: 0, ruleChanged: 0, unchanged: 0, bad: [] as number[], transitions: new Map<string, number>() };
        for (const [i, c] of cases.entries()) {
          if (c.kind === 'raw') {
            if (c.raw.trim() !== '') expected.bad.push(i + 1);
            continue;
          }
          const before = await decision(oldPolicy, c.f);
          const after = await decision(newPolicy, c.f);
          if (before.outcome === INVALID_FACTS && after.outcome === INVALID_FACTS) {
            expected.bad.push(i + 1);
            continue;
          }
          expected.cases++;
          if (before.outcome !== after.outcome) {
            expected.changed++;
            const key = `${before.outcome}→${after.outcome}`;
            expected.transitions.set(key, (expected.transitions.get(key) ?? 0) + 1);
          } else if (before.rule !== after.rule) expected.ruleChanged++;
          else expected.unchanged++;
        }
        const report = await replay(oldPolicy, newPolicy, chunksOf(lines.join('\n'), split), { workers: 0, chunkBytes });
        expect(report).toMatchObject({ cases: expected.cases, changed: expected.changed, ruleChanged: expected.ruleChanged, unchanged: expected.unchanged });
        expect(report.badLines.count).toBe(expected.bad.length);
        expect(report.badLines.first.map((b) => b.line)).toEqual(expected.bad.slice(0, 10));
        expect(new Map(report.outcomeChanges.map((t) => [`${t.from}→${t.to}`, t.count]))).toEqual(expected.transitions);
        for (const t of report.outcomeChanges) {
          expect(t.rules.reduce((n, g) => n + g.count, 0)).toBe(t.count);
          for (const g of t.rules) {
            for (const e of g.examples) {
              // Each example is a line whose decision made exactly this change.
              const c = cases[e.line - 1];
              expect(c !== undefined && c.kind !== 'raw').toBe(true);
              if (c === undefined || c.kind === 'raw') continue;
              expect(await decision(oldPolicy, c.f)).toEqual(g.from);
              expect(await decision(newPolicy, c.f)).toEqual(g.to);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('replay with worker threads', () => {
  it('gives the same report as one thread, examples included', async () => {
    const days = [45, 20, 5, 16, 25, 31, 61, 2];
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const d = days[i % days.length] as number;
      const facts = { ...base, daysSincePurchase: d, orderTotal: (i * 37) % 700, loyaltyTier: i % 5 === 0 ? 'gold' : 'none' };
      lines.push(i % 97 === 0 ? 'bad line' : i % 3 === 0 ? JSON.stringify({ id: `T-${i}`, facts }) : JSON.stringify(facts));
    }
    const single = await run(lines);
    const threaded = await run(lines, { workers: 2, chunkBytes: 4096 });
    expect(threaded.workers).toBe(2);
    expect({ ...threaded, workers: 0 }).toEqual(single);
    expect(single.changed).toBeGreaterThan(0);
  });
});

describe('because replay (the command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'because-replay-'));
  const oldFile = join(dir, 'old.json');
  const newFile = join(dir, 'new.json');
  const casesFile = join(dir, 'cases.jsonl');
  writeFileSync(oldFile, JSON.stringify(oldDoc));
  writeFileSync(newFile, JSON.stringify(newDoc));
  writeFileSync(casesFile, [JSON.stringify({ ...base, daysSincePurchase: 45 }), JSON.stringify({ id: 'T-2', facts: { ...base, daysSincePurchase: 20 } }), '{broken'].join('\n'));

  const sink = () => {
    let text = '';
    return { stream: { write: (s: string) => ((text += s), true), isTTY: false }, text: () => text };
  };
  /**
   * Runs the CLI in this process. `main` calls `runReplay(rest)` without its streams, so what
   * the command writes to process.stdout and process.stderr is caught as well.
   */
  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const out = sink();
    const err = sink();
    const direct = { out: '', err: '' };
    const spies = (['out', 'err'] as const).map((which) =>
      vi.spyOn(which === 'out' ? process.stdout : process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        direct[which] += String(chunk);
        return true;
      }),
    );
    try {
      const code = await main(args, out.stream, err.stream, { NO_COLOR: '1' });
      return { code, stdout: out.text() + direct.out, stderr: err.text() + direct.err };
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }
  afterEach(() => vi.restoreAllMocks());

  it('prints the changes and the bad lines, and exits 0', async () => {
    const r = await cli(['replay', oldFile, newFile, casesFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Replayed 2 cases/);
    expect(r.stdout).toMatch(/Decisions changed: 1 \(50\.00 %\)/);
    expect(r.stdout).toMatch(/approve → deny: 1\n\s+\(no rule\) → outside-return-period: 1\s+e\.g\. line 2 \(T-2\)/);
    expect(r.stdout).toMatch(/Bad lines \(not replayed\): 1\n\s+line 3: not valid JSON/);
  });

  it('--json prints the report, and --fail-on-change exits 1 on a change', async () => {
    const r = await cli(['replay', oldFile, newFile, casesFile, '--json', '--fail-on-change']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as ReplayReport;
    expect(report).toMatchObject({ cases: 2, changed: 1, unchanged: 1, badLines: { count: 1 } });
    const same = await cli(['replay', oldFile, oldFile, casesFile, '--fail-on-change']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/same policy/);
  });

  it.each([
    [['replay', oldFile, newFile], /needs OLD and NEW/],
    [['replay', oldFile, newFile, join(dir, 'nope.jsonl')], /cannot read .*nope\.jsonl: no such file/],
    [['replay', oldFile, newFile, casesFile, '--workers', 'many'], /--workers is a whole number/],
    [['replay', oldFile, newFile, casesFile, '--frob'], /Unknown option '--frob'/],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 1 with the issues of an invalid policy', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...oldDoc, rules: [{ ...oldDoc['rules'][0], event: { type: 'refund' } }] }));
    const r = await cli(['replay', oldFile, bad, casesFile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json:\d+:\d+: rules\[0\]\.event\.type: .*unknown_outcome/);
  });

  it('draws a progress bar on a terminal and clears it', async () => {
    const out = sink();
    const err = { ...sink(), writes: [] as string[] };
    const errStream = { write: (s: string) => (err.writes.push(s), true), isTTY: true };
    const big = join(dir, 'big.jsonl');
    const line = JSON.stringify({ ...base, daysSincePurchase: 20 });
    writeFileSync(big, `${Array.from({ length: 20_000 }, () => line).join('\n')}\n`);
    const code = await runReplay([oldFile, newFile, big, '--workers', '0'], { out: out.stream, err: errStream, env: {} });
    expect(code).toBe(0);
    expect(out.text()).toMatch(/Decisions changed: 20,000/);
    // A 2 MB file in 1 MiB chunks: the bar is drawn after the first chunk and cleared at the end.
    expect(err.writes.some((w) => /^\r\[#+\.*\]\s+\d+%/.test(w))).toBe(true);
    expect(err.writes.at(-1)).toBe('\r\u001b[K');
  });
});
