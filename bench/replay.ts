/**
 * `because replay` on a generated file: `npx tsx bench/replay.ts [--cases N] [--workers N] [--file PATH]`.
 *
 * Writes N cases of the refund policy (default 1,000,000) to a JSONL file in the temp folder
 * (reused when it exists with the same count): mostly plain facts, a quarter `{ id, at, facts }`,
 * one in a hundred an audit record made by `toAuditRecord`, one in ten thousand a bad line. The
 * NEW policy is refund.json with a 14-day return period and a 400 euro review amount. Then it
 * replays the file with worker threads (and, with --single, also in one thread) and prints the time.
 */
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { definePolicy } from '../src/policy/define.js';
import { explain } from '../src/explain/explain.js';
import { toAuditRecord } from '../src/result/audit.js';
import { replay } from '../src/node/replay.js';
import { random } from './generate.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    workers: { type: 'string' },
    file: { type: 'string' },
    single: { type: 'boolean', default: false },
  },
});
const count = Number(values.cases);
const file = values.file ?? join(tmpdir(), `because-replay-${count}.jsonl`);

const oldDoc = JSON.parse(readFileSync(new URL('../rules-examples/refund.json', import.meta.url), 'utf8')) as Record<string, any>;
const newDoc = structuredClone(oldDoc);
newDoc['version'] = '2026.2-bench';
newDoc['parameters'].returnPeriodDays.value = 14;
newDoc['parameters'].manualReviewAmount.value = 400;
const oldPolicy = definePolicy(oldDoc);
const newPolicy = definePolicy(newDoc);

async function generate(): Promise<void> {
  const rnd = random(20260301);
  const tiers = ['none', 'silver', 'gold'];
  const facts = (): Record<string, unknown> => ({
    daysSincePurchase: Math.floor(rnd() * 90),
    orderTotal: Math.round(rnd() * 80000) / 100,
    loyaltyTier: tiers[Math.floor(rnd() * 3)],
    finalSale: rnd() < 0.05,
    hygieneSealBroken: rnd() < 0.03,
    damagedOnArrival: rnd() < 0.04,
    ...(rnd() < 0.2 ? { email: 'someone@example.com' } : {}),
  });
  // A few real audit records, reused with other ids: an audit line is a few kilobytes.
  const audits: Record<string, unknown>[] = [];
  for (let i = 0; i < 20; i++) {
    const f = facts();
    audits.push(toAuditRecord(await explain(oldPolicy, f, { at: '2026-03-01' }), { facts: f, options: { at: '2026-03-01' } }, { id: 'x', at: '2026-03-01T10:00:00Z' }) as unknown as Record<string, unknown>);
  }
  const out = createWriteStream(file);
  let buffer = '';
  for (let i = 1; i <= count; i++) {
    const roll = rnd();
    let line: string;
    if (roll < 0.0001) line = '{"daysSincePurchase": 12, oops';
    else if (roll < 0.0101) line = JSON.stringify({ ...audits[i % audits.length], id: `A-${i}` });
    else if (roll < 0.2601) line = JSON.stringify({ id: `T-${i}`, at: '2026-03-01', facts: facts() });
    else line = JSON.stringify(facts());
    buffer += `${line}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

if (!existsSync(file)) {
  const t0 = performance.now();
  await generate();
  console.log(`generated ${count.toLocaleString('en-US')} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const bytes = statSync(file).size;
console.log(`${file}: ${count.toLocaleString('en-US')} cases, ${(bytes / (1 << 20)).toFixed(0)} MiB`);

async function run(workers: number): Promise<void> {
  const t0 = performance.now();
  const report = await replay(oldPolicy, newPolicy, createReadStream(file, { highWaterMark: 1 << 20 }), { workers });
  const seconds = (performance.now() - t0) / 1000;
  const rss = process.memoryUsage().rss / (1 << 20);
  console.log(
    `workers ${workers}: ${seconds.toFixed(2)} s, ${Math.round(report.cases / seconds).toLocaleString('en-US')} cases/s; ` +
      `${report.cases.toLocaleString('en-US')} cases, ${report.changed.toLocaleString('en-US')} changed, ${report.ruleChanged} other rule, ` +
      `${report.badLines.count} bad lines, ${report.auditRecords.count} audit records; main rss ${rss.toFixed(0)} MiB`,
  );
}

await run(values.workers === undefined ? availableParallelism() : Number(values.workers));
if (values.single) await run(0);
