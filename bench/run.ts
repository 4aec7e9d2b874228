/**
 * `npm run bench` (`tsx bench/run.ts`): what a decision costs, next to json-rules-engine.
 *
 * For each policy (the rules-examples with the facts of their tests files, and generated
 * policies of 10 to 10,000 rules) three ways of deciding run interleaved in one process:
 *
 * - `explain`: `explain()`, with trace, texts and counterfactuals;
 * - `decide`: `decide()`, the decision and its trace, no texts;
 * - `jre`: json-rules-engine's `engine.run(facts)` on the same rules, parameters and facts.
 *
 * `because` is measured as users get it: the built package (`dist/`, which `npm run bench`
 * builds first).
 *
 * Reported: decisions per second, the ratio to `jre`, p50/p99 latency, bytes allocated per
 * decision (from V8's GC profiler: heap growth plus what each GC freed), comparisons per
 * decision and nanoseconds per comparison, and `definePolicy` time.
 *
 * Then the worst cases of CONTRACT §7 (`worst-cases.ts`): a DAG of shared conditions, long
 * `notIn` lists, an `any` over 10,000 mutable facts, `whyNot` over 20,000 rules; `jre` runs
 * beside them where it can (it unfolds a DAG of references into a tree: depth 30 never ends).
 *
 * Options: `--time MS` per policy and variant (default 2000), `--only NAME` (substring of the
 * policy names), `--mutable` (also generated policies of 10 to 1,000 rules with mutable facts,
 * where the counterfactual search runs: it re-evaluates the rules that read a changed fact for
 * each of up to some hundreds of candidate changes), `--soak` (1,000,000 `explain` calls sampling
 * the heap instead; `--decisions N` to change the count).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { GCProfiler } from 'node:v8';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { Engine } from 'json-rules-engine';
import type { ConditionTrace, Policy, PolicyDocument } from '../src/index.js';
import { generateFacts, generatePolicy } from './generate.js';
import { longList, manyRules, sharedDag, wideAny, type WorstCase } from './worst-cases.js';

// The built package, as users get it; its types are the sources'.
const { decide, definePolicy, explain } = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index.js');

const { values: args } = parseArgs({
  options: {
    time: { type: 'string', default: '2000' },
    only: { type: 'string' },
    mutable: { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    decisions: { type: 'string', default: '1000000' },
  },
});

interface Subject {
  readonly name: string;
  readonly doc: Record<string, unknown>;
  readonly cases: readonly { facts: Record<string, unknown>; at: string }[];
  /** `explain`'s options besides `at`. */
  readonly options?: { readonly whyNot?: string };
  /** Whether json-rules-engine can run it at all. @default true */
  readonly jre?: boolean;
}

function worst(c: WorstCase, jre = true): Subject {
  return { name: c.name, doc: c.doc, cases: [{ facts: c.facts, at: '2026-03-01' }], ...(c.whyNot === undefined ? {} : { options: { whyNot: c.whyNot } }), jre };
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
      const tests = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { policy: string; cases: { facts: Record<string, unknown>; at?: string }[] };
      const doc = JSON.parse(readFileSync(new URL(tests.policy, dir), 'utf8')) as Record<string, unknown>;
      return { name: f.replace('.tests.json', ''), doc, cases: tests.cases.map((c) => ({ facts: c.facts, at: c.at ?? '2026-03-01' })) };
    });
}

function generated(rules: number, mutable: boolean): Subject {
  return {
    name: `generated ${rules.toLocaleString('en-US')}${mutable ? ' (mutable)' : ''}`,
    doc: generatePolicy(rules, 1, { mutable }),
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

type Variant = { readonly name: 'explain' | 'decide' | 'jre'; readonly run: (i: number) => unknown };

function variants(policy: Policy, subject: Subject): Variant[] {
  const engine = engineFor(policy.document);
  const cases = subject.cases;
  const at = (i: number) => cases[i % cases.length] as Subject['cases'][number];
  return [
    { name: 'explain', run: (i) => explain(policy, at(i).facts, { at: at(i).at, ...subject.options }) },
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

/** Comparisons per decision: every leaf the walk visits, and those json-rules-engine would evaluate. */
async function comparisons(policy: Policy, subject: Subject): Promise<{ leaves: number; evaluated: number }> {
  let leaves = 0;
  let evaluated = 0;
  const count = (node: ConditionTrace): void => {
    if ('fact' in node) {
      leaves++;
      if (node.evaluated) evaluated++;
    } else for (const child of [...(node.all ?? []), ...(node.any ?? []), ...(node.not === undefined ? [] : [node.not])]) count(child);
  };
  for (const c of subject.cases) for (const r of (await decide(policy, c.facts, { at: c.at })).trace) count(r.conditions);
  return { leaves: leaves / subject.cases.length, evaluated: evaluated / subject.cases.length };
}

function defineTime(doc: Record<string, unknown>): number {
  const runs: number[] = [];
  const deadline = performance.now() + 3000;
  do {
    const t0 = performance.now();
    definePolicy(doc);
    runs.push(performance.now() - t0);
  } while (runs.length < 3 || (runs.length < 15 && performance.now() < deadline));
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)] as number;
}

const fmt = {
  int: (n: number): string => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')),
  time: (ns: number): string => (ns >= 1e9 ? `${(ns / 1e9).toFixed(2)} s` : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`),
  bytes: (b: number): string => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${Math.round(b)} B`),
  ratio: (r: number): string => (r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`),
};

async function bench(): Promise<void> {
  const budget = Number(args.time);
  const rounds = 5;
  const subjects = [...examples(), ...[10, 100, 1000, 10_000].map((n) => generated(n, false))];
  if (args.mutable) subjects.push(...[10, 100, 1000].map((n) => generated(n, true)));
  subjects.push(...worstCases());
  const chosen = subjects.filter((s) => args.only === undefined || s.name.includes(args.only));

  console.log(`because bench: node ${process.version}, ${budget} ms per policy and variant in ${rounds} interleaved rounds\n`);
  console.log('| policy | rules | definePolicy | comparisons/decision (evaluated) | variant | decisions/s | vs jre run() | p50 | p99 | ns/comparison | allocated/decision |');
  console.log('|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const subject of chosen) {
    const defineMs = defineTime(subject.doc);
    const policy = definePolicy(subject.doc);
    const vs = variants(policy, subject);
    const { leaves, evaluated } = await comparisons(policy, subject);
    const samples = new Map(vs.map((v) => [v.name, new Samples()]));
    let next = 0;
    for (const v of vs) next = await runFor(v, Math.min(200, budget / 10), undefined, next); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < vs.length; k++) {
        const v = vs[(k + round) % vs.length] as Variant;
        next = await runFor(v, budget / rounds, samples.get(v.name), next);
      }
    }
    const rate = (name: Variant['name']): number => {
      const s = samples.get(name) as Samples;
      return s.length / (s.totalNs / 1e9);
    };
    const jre = subject.jre === false ? Number.NaN : rate('jre');
    for (const v of vs) {
      const s = samples.get(v.name) as Samples;
      const perDecision = s.totalNs / s.length;
      const allocated = await allocatedPerDecision(v, Math.min(500, budget / 4));
      console.log(
        `| ${v.name === 'explain' ? subject.name : ''} | ${v.name === 'explain' ? fmt.int((subject.doc['rules'] as unknown[]).length) : ''} | ${v.name === 'explain' ? `${defineMs.toFixed(1)} ms` : ''} | ${v.name === 'explain' ? `${leaves.toFixed(1)} (${evaluated.toFixed(1)})` : ''} | ${v.name} | ${fmt.int(rate(v.name))} | ${v.name === 'jre' ? '1×' : Number.isNaN(jre) ? '—' : fmt.ratio(rate(v.name) / jre)} | ${fmt.time(s.quantile(0.5))} | ${fmt.time(s.quantile(0.99))} | ${(perDecision / leaves).toFixed(0)} | ${fmt.bytes(allocated)} |`,
      );
    }
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
