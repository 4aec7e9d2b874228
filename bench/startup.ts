/**
 * Start-up, measured from outside: each line is a fresh process, timed whole (spawn to exit),
 * `runs` times, median reported. Beside them, a bare `node` and a process that only imports
 * json-rules-engine, so that what the machine adds to every process can be taken out.
 *
 * - `first decision`: import `because` (the built `dist/`), `definePolicy`, the first `explain`
 *   (bench/first-decision.mjs); it also reports the three steps timed inside the process.
 * - `because explain`: the CLI (`dist/cli.js`) on the example and its first test case.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;

interface Timed {
  readonly wall: number;
  readonly inside?: { import: number; define: number; explain: number } | undefined;
}

function timeProcess(args: readonly string[]): Timed {
  const t0 = performance.now();
  const run = spawnSync(node, args, { cwd: root, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  return last.startsWith('{"import"') ? { wall, inside: JSON.parse(last) as Timed['inside'] } : { wall };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** Interleaved: every kind of process once per round, `runs` rounds, so load hits all alike. */
function measure(commands: readonly { name: string; args: readonly string[] }[], runs: number): Map<string, Timed[]> {
  const out = new Map(commands.map((c) => [c.name, [] as Timed[]]));
  for (const c of commands) timeProcess(c.args); // warm the file cache
  for (let r = 0; r < runs; r++) for (const c of commands) out.get(c.name)?.push(timeProcess(c.args));
  return out;
}

/** The start-up table, as Markdown lines. */
export function startup(examples: readonly string[], runs: number): string[] {
  const refundTests = JSON.parse(readFileSync(new URL('../rules-examples/refund.tests.json', import.meta.url), 'utf8')) as { cases: { facts: unknown }[] };
  const commands = [
    { name: 'node (nothing imported)', args: ['-e', '0'] },
    { name: 'import json-rules-engine', args: ['--input-type=module', '-e', "await import('json-rules-engine')"] },
    ...examples.map((name) => ({ name: `first decision: ${name}`, args: ['bench/first-decision.mjs', name] })),
    { name: 'because explain (CLI): refund', args: ['dist/cli.js', 'explain', 'rules-examples/refund.json', '--facts', JSON.stringify(refundTests.cases[0]?.facts ?? {})] },
  ];
  const times = measure(commands, runs);
  const wall = (name: string): number => median((times.get(name) ?? []).map((t) => t.wall));
  const bare = wall('node (nothing imported)');
  const jre = wall('import json-rules-engine') - bare;
  const lines = [
    `Start-up on node ${process.version}: whole processes, median of ${runs} interleaved runs. "over node" takes a bare \`node -e 0\` (${bare.toFixed(0)} ms here) out; "÷ jre import" divides that by a process that only imports json-rules-engine (${jre.toFixed(0)} ms over node here).`,
    '',
    '| process | wall | over node | ÷ jre import | inside: import | definePolicy | first explain | import + define + explain |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of commands) {
    const list = times.get(c.name) ?? [];
    const w = wall(c.name);
    const inside = list.flatMap((t) => (t.inside === undefined ? [] : [t.inside]));
    const cell = (f: (x: NonNullable<Timed['inside']>) => number): string => (inside.length === 0 ? '' : `${median(inside.map(f)).toFixed(1)} ms`);
    const over = w - bare;
    lines.push(
      `| ${c.name} | ${w.toFixed(0)} ms | ${c.name.startsWith('node ') ? '' : `${over.toFixed(0)} ms`} | ${c.name.startsWith('node ') ? '' : `${(over / jre).toFixed(2)}×`} | ${cell((x) => x.import)} | ${cell((x) => x.define)} | ${cell((x) => x.explain)} | ${cell((x) => x.import + x.define + x.explain)} |`,
    );
  }
  return lines;
}
