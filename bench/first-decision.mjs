// A fresh process's first decision, for bench/startup.ts: imports the built package, defines
// the policy named in argv[2] (a rules-examples file name), explains its first test case and
// prints the times of the three steps (ms) as JSON. Plain JS, so nothing compiles it first.
const t0 = performance.now();
const { definePolicy, explain } = await import('../dist/index.js');
const t1 = performance.now();
const { readFileSync } = await import('node:fs');
const dir = new URL('../rules-examples/', import.meta.url);
const tests = JSON.parse(readFileSync(new URL(`${process.argv[2]}.tests.json`, dir), 'utf8'));
const doc = JSON.parse(readFileSync(new URL(tests.policy, dir), 'utf8'));
const first = tests.cases[0];
const t2 = performance.now();
const policy = definePolicy(doc);
const t3 = performance.now();
const result = await explain(policy, first.facts, { at: first.at ?? '2026-03-01', ...(first.locale === undefined ? {} : { locale: first.locale }) });
const t4 = performance.now();
if (typeof result.text !== 'string') process.exit(1);
console.log(JSON.stringify({ import: t1 - t0, define: t3 - t2, explain: t4 - t3 }));
