import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { decideOutcome } from '../decide/decide.js';
import { isBecauseError } from '../errors.js';
import { evaluateRules } from '../evaluate/evaluate.js';
import { readFacts } from '../evaluate/facts.js';
import { definePolicy, policyInternals, type Policy, type PolicyInternals } from '../policy/define.js';
import { isRecord } from '../policy/json.js';
import type { PolicyDocument } from '../policy/schema.js';
import { loadPolicyFile } from './cli/explain.js';
import { EXIT, parse, readOperators, styleFor, UsageError, type Io } from './cli/shared.js';

/**
 * `because replay OLD NEW CASES.jsonl`: the decisions of recorded cases under two policy
 * versions, and how many change.
 *
 * Only the decision is computed (facts → `evaluateRules` → `decideOutcome`), never texts or
 * counterfactuals: it is the same outcome and determining rule `explain` gives. The input is
 * streamed in line-aligned chunks of about a megabyte to worker threads (entry:
 * `replay-worker.ts`, built beside this module), each of which defines both policies itself and
 * keeps its own tally; the main thread only splits the input and counts lines.
 * @internal
 */

/** @internal */
export const REPLAY_HELP = `Usage: because replay OLD NEW CASES.jsonl [options]

Replays recorded cases against two versions of a policy and reports the decisions that change,
grouped by old outcome → new outcome and by determining rule, with example cases.

Each line of CASES.jsonl (use - for stdin) is one JSON case:
  plain facts                  {"daysSincePurchase": 45, "orderTotal": 80}
  facts with an id and a date  {"id": "T-1", "at": "2026-03-01", "facts": {…}}
  an audit record              as written by toAuditRecord (its input.facts are replayed)
Blank lines are skipped; a line that is not a case is counted and reported with its number.
Both versions are applied to every case: validFrom/validTo are not checked.

Options:
  --json              print the report as JSON
  --fail-on-change    exit 1 when any decision changes
  --workers N         worker threads (default: one per core; 0 replays in this thread)
  --examples N        example cases per group (default 3)
  --operators FILE    custom operators: a module exporting them (default or "operators");
                      policies with custom operators are replayed in this thread
  -h, --help          show this help

Exit codes: 0 replayed (1 with --fail-on-change when a decision changed), 1 a policy is not
valid, 2 bad usage.`;

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

/** A case shown as an example: its line in the input, and its id when it has one. */
export interface ReplayExample {
  readonly line: number;
  readonly id?: string;
}

/** Decisions that went from one outcome and rule to another. */
export interface ReplayGroup {
  readonly from: { readonly outcome: string; readonly rule: string | null };
  readonly to: { readonly outcome: string; readonly rule: string | null };
  readonly count: number;
  readonly examples: readonly ReplayExample[];
}

/** What `replay` found. */
export interface ReplayReport {
  readonly old: { readonly id: string; readonly version: string; readonly hash: string };
  readonly new: { readonly id: string; readonly version: string; readonly hash: string };
  /** Cases replayed (lines that are cases; blank and bad lines excluded). */
  readonly cases: number;
  /** Cases whose outcome changed. */
  readonly changed: number;
  /** Cases with the same outcome, decided by another rule. */
  readonly ruleChanged: number;
  /** Cases with the same outcome and the same determining rule. */
  readonly unchanged: number;
  /** Outcome changes, most frequent first, each per pair of determining rules. */
  readonly outcomeChanges: readonly { readonly from: string; readonly to: string; readonly count: number; readonly rules: readonly ReplayGroup[] }[];
  /** Same outcome, other determining rule, most frequent first. */
  readonly ruleChanges: readonly ReplayGroup[];
  /** Lines that are not cases: how many, and the first few with the reason. */
  readonly badLines: { readonly count: number; readonly first: readonly { readonly line: number; readonly message: string }[] };
  /** Audit records, and those whose recorded outcome differs from OLD's (so OLD did not decide them). */
  readonly auditRecords: { readonly count: number; readonly differFromOld: number; readonly examples: readonly ReplayExample[] };
  /** Worker threads used (0: in the calling thread). */
  readonly workers: number;
}

/** The outcome of a case whose facts one version rejects (wrong type, not declared as such). */
export const INVALID_FACTS = '(invalid facts)';
const MAX_BAD_LINES_SHOWN = 10;

// ---------------------------------------------------------------------------------------------
// Per case: parse, decide, tally (runs in the workers, or in this thread with workers: 0)
// ---------------------------------------------------------------------------------------------

interface Tally {
  cases: number;
  unchanged: number;
  /** key → group; the key is the four outcome/rule strings. */
  groups: Map<string, { from: { outcome: string; rule: string | null }; to: { outcome: string; rule: string | null }; count: number; examples: ReplayExample[] }>;
  bad: { count: number; first: { line: number; message: string }[] };
  audits: { count: number; differFromOld: number; examples: ReplayExample[] };
}

function emptyTally(): Tally {
  return { cases: 0, unchanged: 0, groups: new Map(), bad: { count: 0, first: [] }, audits: { count: 0, differFromOld: 0, examples: [] } };
}

interface ParsedCase {
  readonly facts: unknown;
  readonly id?: string;
  /** The outcome an audit record says was decided. */
  readonly recorded?: string;
  readonly audit: boolean;
}

const WRAPPER_KEYS = new Set(['facts', 'at', 'id']);

/** A line as a case, or the reason it is not one. */
export function parseCase(line: string): ParsedCase | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { error: `not valid JSON: ${(error as Error).message}` };
  }
  if (!isRecord(value)) {
    return { error: `a case is a JSON object (facts, {"facts": …}, or an audit record), not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`}` };
  }
  const id = typeof value['id'] === 'string' ? value['id'] : typeof value['id'] === 'number' ? String(value['id']) : undefined;
  const input = value['input'];
  const result = value['result'];
  if (isRecord(input) && isRecord(result) && Object.hasOwn(input, 'facts')) {
    const recorded = typeof result['outcome'] === 'string' ? result['outcome'] : undefined;
    return { facts: input['facts'], audit: true, ...(id === undefined ? {} : { id }), ...(recorded === undefined ? {} : { recorded }) };
  }
  if (Object.hasOwn(value, 'facts') && Object.keys(value).every((k) => WRAPPER_KEYS.has(k))) {
    if (!isRecord(value['facts'])) return { error: '"facts" is an object of { name: value }' };
    return { facts: value['facts'], audit: false, ...(id === undefined ? {} : { id }) };
  }
  return { facts: value, audit: false };
}

/** The outcome and determining rule of one version on one case; what `explain` decides. */
export function decideCase(internals: PolicyInternals, facts: unknown): { outcome: string; rule: string | null; problem?: string } {
  let given: Map<string, unknown>;
  try {
    given = readFacts(internals.document, facts);
  } catch (error) {
    if (!isBecauseError(error)) throw error;
    const first = error.issues[0];
    return { outcome: INVALID_FACTS, rule: null, problem: `${first.path === '' ? '' : `${first.path}: `}${first.message}` };
  }
  const decision = decideOutcome(evaluateRules(internals.rules, { facts: given, parameters: internals.parameters }).rules, internals.document);
  return { outcome: decision.outcome, rule: decision.decidedBy?.rule.name ?? null };
}

interface Replayer {
  readonly old: PolicyInternals;
  readonly new: PolicyInternals;
  readonly examples: number;
  readonly tally: Tally;
}

function addExample(list: ReplayExample[], max: number, line: number, id: string | undefined): void {
  if (list.length < max) list.push(id === undefined ? { line } : { line, id });
}

function addBad(tally: Tally, line: number, message: string): void {
  tally.bad.count++;
  if (tally.bad.first.length < MAX_BAD_LINES_SHOWN) tally.bad.first.push({ line, message });
}

/** Replays the lines of `text`; `firstLine` is the number of its first line (from 1). */
function replayText(r: Replayer, text: string, firstLine: number): void {
  const { tally } = r;
  let line = firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let raw = text.slice(start, text.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end);
    if (line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    start = end + 1;
    const number = line++;
    if (raw.trim() === '') continue;
    const parsed = parseCase(raw);
    if ('error' in parsed) {
      addBad(tally, number, parsed.error);
      continue;
    }
    const before = decideCase(r.old, parsed.facts);
    const after = decideCase(r.new, parsed.facts);
    if (before.problem !== undefined && after.problem !== undefined) {
      addBad(tally, number, `facts: ${before.problem}`);
      continue;
    }
    tally.cases++;
    if (parsed.audit) {
      tally.audits.count++;
      if (parsed.recorded !== undefined && parsed.recorded !== before.outcome) {
        tally.audits.differFromOld++;
        addExample(tally.audits.examples, r.examples, number, parsed.id);
      }
    }
    if (before.outcome === after.outcome && before.rule === after.rule) {
      tally.unchanged++;
      continue;
    }
    const key = `${before.outcome}\u0000${after.outcome}\u0000${before.rule ?? ''}\u0000${after.rule ?? ''}`;
    let group = tally.groups.get(key);
    if (group === undefined) {
      group = { from: { outcome: before.outcome, rule: before.rule }, to: { outcome: after.outcome, rule: after.rule }, count: 0, examples: [] };
      tally.groups.set(key, group);
    }
    group.count++;
    addExample(group.examples, r.examples, number, parsed.id);
  }
}

/** Adds `b` into `a`: counts add up, and the examples kept are the first by line. */
function mergeTally(a: Tally, b: Tally, examples: number): void {
  const firstOf = <T extends { line: number }>(x: T[], y: T[], max: number): T[] => [...x, ...y].sort((p, q) => p.line - q.line).slice(0, max);
  a.cases += b.cases;
  a.unchanged += b.unchanged;
  for (const [key, g] of b.groups) {
    const mine = a.groups.get(key);
    if (mine === undefined) a.groups.set(key, { ...g, examples: [...g.examples] });
    else {
      mine.count += g.count;
      mine.examples = firstOf(mine.examples, g.examples, examples);
    }
  }
  a.bad.count += b.bad.count;
  a.bad.first = firstOf(a.bad.first, b.bad.first, MAX_BAD_LINES_SHOWN);
  a.audits.count += b.audits.count;
  a.audits.differFromOld += b.audits.differFromOld;
  a.audits.examples = firstOf(a.audits.examples, b.audits.examples, examples);
}

function toReport(tally: Tally, oldPolicy: Policy, newPolicy: Policy, workers: number): ReplayReport {
  const byCount = <T extends { count: number }>(a: T & { key: string }, b: T & { key: string }): number => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const groups = [...tally.groups.entries()].map(([key, g]) => ({ key, ...g }));
  const strip = ({ key: _key, ...g }: ReplayGroup & { key: string }): ReplayGroup => g;
  const transitions = new Map<string, { key: string; from: string; to: string; count: number; rules: (ReplayGroup & { key: string })[] }>();
  const ruleChanges: (ReplayGroup & { key: string })[] = [];
  let changed = 0;
  let ruleChanged = 0;
  for (const g of groups) {
    if (g.from.outcome === g.to.outcome) {
      ruleChanged += g.count;
      ruleChanges.push(g);
      continue;
    }
    changed += g.count;
    const key = `${g.from.outcome}\u0000${g.to.outcome}`;
    let t = transitions.get(key);
    if (t === undefined) {
      t = { key, from: g.from.outcome, to: g.to.outcome, count: 0, rules: [] };
      transitions.set(key, t);
    }
    t.count += g.count;
    t.rules.push(g);
  }
  const face = (p: Policy): ReplayReport['old'] => ({ id: p.id, version: p.version, hash: p.hash });
  return {
    old: face(oldPolicy),
    new: face(newPolicy),
    cases: tally.cases,
    changed,
    ruleChanged,
    unchanged: tally.unchanged,
    outcomeChanges: [...transitions.values()].sort(byCount).map(({ key: _key, rules, ...t }) => ({ ...t, rules: rules.sort(byCount).map(strip) })),
    ruleChanges: ruleChanges.sort(byCount).map(strip),
    badLines: { count: tally.bad.count, first: tally.bad.first },
    auditRecords: { ...tally.audits },
    workers,
  };
}

// ---------------------------------------------------------------------------------------------
// Splitting the input into line-aligned chunks
// ---------------------------------------------------------------------------------------------

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;

/** A run of whole lines and the number of its first line. */
interface Piece {
  readonly bytes: Buffer;
  readonly firstLine: number;
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  let i = bytes.indexOf(NEWLINE);
  while (i !== -1) {
    n++;
    i = bytes.indexOf(NEWLINE, i + 1);
  }
  return n;
}

/** Cuts a byte stream into pieces of whole lines of about `target` bytes. */
async function* pieces(input: AsyncIterable<Uint8Array | string>, target: number): AsyncGenerator<Piece> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let line = 1;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    held.push(bytes);
    heldBytes += bytes.length;
    if (heldBytes < target) continue;
    const all = held.length === 1 ? (held[0] as Buffer) : Buffer.concat(held, heldBytes);
    const cut = all.lastIndexOf(NEWLINE);
    if (cut === -1) {
      held = [all];
      continue; // one very long line: keep reading
    }
    const piece = all.subarray(0, cut + 1);
    const rest = all.subarray(cut + 1);
    held = rest.length > 0 ? [Buffer.from(rest)] : [];
    heldBytes = rest.length;
    yield { bytes: piece, firstLine: line };
    line += countNewlines(piece);
  }
  if (heldBytes > 0) yield { bytes: held.length === 1 ? (held[0] as Buffer) : Buffer.concat(held, heldBytes), firstLine: line };
}

// ---------------------------------------------------------------------------------------------
// Workers
// ---------------------------------------------------------------------------------------------

const WORKER_MARK = 'because.replay.worker';

interface WorkerInit {
  readonly mark: typeof WORKER_MARK;
  readonly old: PolicyDocument;
  readonly new: PolicyDocument;
  readonly examples: number;
}

type ToWorker = { type: 'piece'; bytes: Uint8Array; firstLine: number } | { type: 'end' };
type FromWorker = { type: 'done'; bytes: number } | { type: 'tally'; tally: Tally };

/**
 * The worker entry beside this module: `replay-worker.js` (or `.cjs`) once built,
 * `replay-worker.ts` when running from the sources.
 */
function workerFile(): URL {
  const here = typeof import.meta.url === 'string' && import.meta.url !== '' ? new URL(import.meta.url) : pathToFileURL(__filename);
  const extension = /\.(c?js|mjs|ts)$/.exec(here.pathname)?.[1] ?? 'js';
  return new URL(`./replay-worker.${extension}`, here);
}

function startWorker(init: WorkerInit): Worker {
  const file = workerFile();
  if (file.pathname.endsWith('.ts')) {
    // Running from the TypeScript sources (tests, `tsx`): a worker does not inherit the loader,
    // so it registers tsx itself before loading the entry.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file.href)}); })`;
    return new Worker(boot, { eval: true, workerData: init });
  }
  return new Worker(fileURLToPath(file), { workerData: init });
}

/**
 * Serves a worker started by {@link replay}: defines both policies, replays each chunk it is
 * sent and, at the end, sends its tally. `src/node/replay-worker.ts` calls it.
 * @internal
 */
export function serveReplayWorker(): void {
  const port = parentPort;
  if (isMainThread || port === null || !isRecord(workerData) || workerData['mark'] !== WORKER_MARK) {
    throw new Error('replay-worker is started by because replay, in a worker thread');
  }
  const init = workerData as unknown as WorkerInit;
  const r: Replayer = {
    old: policyInternals(definePolicy(init.old)),
    new: policyInternals(definePolicy(init.new)),
    examples: init.examples,
    tally: emptyTally(),
  };
  const decoder = new TextDecoder();
  port.on('message', (message: ToWorker) => {
    if (message.type === 'end') {
      port.postMessage({ type: 'tally', tally: r.tally } satisfies FromWorker);
      port.close();
      return;
    }
    replayText(r, decoder.decode(message.bytes), message.firstLine);
    port.postMessage({ type: 'done', bytes: message.bytes.byteLength } satisfies FromWorker);
  });
}

/** A worker and its queue. */
interface Lane {
  readonly worker: Worker;
  inFlight: number;
  tally?: Tally;
}

const IN_FLIGHT_PER_WORKER = 2;

// ---------------------------------------------------------------------------------------------
// The replay
// ---------------------------------------------------------------------------------------------

/** Options of {@link replay}. */
export interface ReplayOptions {
  /**
   * Worker threads; 0 replays in the calling thread. Policies with custom operators are always
   * replayed in the calling thread: their functions cannot be sent to a worker.
   * @default os.availableParallelism()
   */
  readonly workers?: number;
  /** Example cases kept per group. @default 3 */
  readonly examples?: number;
  /** Bytes per chunk handed to a worker. @default 1 MiB */
  readonly chunkBytes?: number;
  /** Called after each chunk with the bytes replayed so far. */
  readonly onProgress?: (done: { bytes: number }) => void;
}

/**
 * Replays a stream of JSON lines against two policies: the decision of each case under both,
 * tallied by old → new outcome and determining rule. The input is never held whole: at most
 * two chunks per worker are in flight.
 * @internal
 */
export async function replay(
  oldPolicy: Policy,
  newPolicy: Policy,
  input: AsyncIterable<Uint8Array | string>,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const custom = policyInternals(oldPolicy).operators.size > 0 || policyInternals(newPolicy).operators.size > 0;
  const workers = custom ? 0 : Math.max(0, Math.floor(options.workers ?? availableParallelism()));
  const examples = Math.max(0, Math.floor(options.examples ?? 3));
  const chunkBytes = Math.max(1, options.chunkBytes ?? CHUNK_BYTES);
  const progress = options.onProgress ?? ((): void => {});
  let bytesDone = 0;

  if (workers === 0) {
    const r: Replayer = { old: policyInternals(oldPolicy), new: policyInternals(newPolicy), examples, tally: emptyTally() };
    const decoder = new TextDecoder();
    for await (const piece of pieces(input, chunkBytes)) {
      replayText(r, decoder.decode(piece.bytes), piece.firstLine);
      bytesDone += piece.bytes.length;
      progress({ bytes: bytesDone });
    }
    return toReport(r.tally, oldPolicy, newPolicy, 0);
  }

  const init: WorkerInit = { mark: WORKER_MARK, old: oldPolicy.document, new: newPolicy.document, examples };
  const lanes: Lane[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const nudge = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const finished: Promise<void>[] = [];
  for (let i = 0; i < workers; i++) {
    const lane: Lane = { worker: startWorker(init), inFlight: 0 };
    lanes.push(lane);
    finished.push(
      new Promise<void>((resolve) => {
        lane.worker.on('message', (message: FromWorker) => {
          if (message.type === 'done') {
            lane.inFlight--;
            bytesDone += message.bytes;
            progress({ bytes: bytesDone });
            nudge();
          } else {
            lane.tally = message.tally;
            resolve();
          }
        });
        lane.worker.on('error', (error) => {
          failure ??= error;
          resolve();
          nudge();
        });
        lane.worker.on('exit', () => {
          if (lane.tally === undefined) failure ??= new Error('a replay worker stopped before it finished');
          resolve();
          nudge();
        });
      }),
    );
  }

  try {
    for await (const piece of pieces(input, chunkBytes)) {
      let lane = leastBusy(lanes);
      while (lane.inFlight >= IN_FLIGHT_PER_WORKER && failure === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        lane = leastBusy(lanes);
      }
      if (failure !== undefined) break;
      lane.inFlight++;
      const message: ToWorker = { type: 'piece', bytes: piece.bytes, firstLine: piece.firstLine };
      lane.worker.postMessage(message);
    }
    if (failure === undefined) {
      for (const lane of lanes) lane.worker.postMessage({ type: 'end' } satisfies ToWorker);
      await Promise.all(finished);
    }
  } finally {
    await Promise.all(lanes.map((lane) => lane.worker.terminate()));
  }
  if (failure !== undefined) throw failure;

  const total = emptyTally();
  for (const lane of lanes) if (lane.tally !== undefined) mergeTally(total, lane.tally, examples);
  return toReport(total, oldPolicy, newPolicy, workers);
}

function leastBusy(lanes: readonly Lane[]): Lane {
  let best = lanes[0] as Lane;
  for (const lane of lanes) if (lane.inFlight < best.inFlight) best = lane;
  return best;
}

// ---------------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------------

/** Below this size a file is replayed in this thread: starting workers would take longer. */
const SMALL_INPUT_BYTES = 4 << 20;

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} is a whole number, not "${value}"`, 'replay');
  return Number(value);
}

/**
 * Runs `because replay` and returns the exit code.
 * @internal
 */
export async function runReplay(args: string[], io: Io = { out: process.stdout, err: process.stderr, env: process.env }): Promise<number> {
  const { values, positionals } = parse('replay', args, {
    json: { type: 'boolean' },
    'fail-on-change': { type: 'boolean' },
    workers: { type: 'string' },
    examples: { type: 'string' },
    operators: { type: 'string' },
  });
  if (values.help === true) {
    io.out.write(`${REPLAY_HELP}\n`);
    return EXIT.ok;
  }
  const [oldFile, newFile, casesFile, ...extra] = positionals;
  if (oldFile === undefined || newFile === undefined || casesFile === undefined) {
    throw new UsageError('replay needs OLD and NEW policy files and a CASES.jsonl file', 'replay');
  }
  if (extra.length > 0) throw new UsageError(`replay takes OLD NEW CASES.jsonl; unexpected ${extra.map((e) => `"${e}"`).join(', ')}`, 'replay');
  const workersWanted = wholeNumber(values.workers, '--workers');
  const examples = wholeNumber(values.examples, '--examples') ?? 3;

  let size: number | undefined;
  if (casesFile !== '-') {
    try {
      const info = await stat(casesFile);
      if (info.isDirectory()) throw new UsageError(`cannot read ${casesFile}: it is a folder`, 'replay');
      await access(casesFile, constants.R_OK);
      size = info.size;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${casesFile}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`, 'replay');
    }
  }
  const operators = await readOperators(values.operators, 'replay');
  const oldLoaded = await loadPolicyFile(oldFile, 'replay', io, { operators });
  const newLoaded = await loadPolicyFile(newFile, 'replay', io, { operators });
  if (oldLoaded === undefined || newLoaded === undefined) return EXIT.failed;

  const workers = workersWanted ?? (size !== undefined && size < SMALL_INPUT_BYTES ? 0 : availableParallelism());
  const input: AsyncIterable<Uint8Array | string> = casesFile === '-' ? process.stdin : createReadStream(casesFile, { highWaterMark: CHUNK_BYTES });
  const bar = progressBar(io, size);
  const started = performance.now();
  let report: ReplayReport;
  try {
    report = await replay(oldLoaded.policy, newLoaded.policy, input, { workers, examples, onProgress: bar.update });
  } finally {
    bar.done();
  }
  const seconds = (performance.now() - started) / 1000;

  if (values.json === true) io.out.write(`${JSON.stringify(report, null, 2)}\n`);
  else io.out.write(formatReport(report, seconds, styleFor(io.out, io.env)));
  return values['fail-on-change'] === true && report.changed > 0 ? EXIT.failed : EXIT.ok;
}

/** A progress bar on stderr, for a terminal only, redrawn at most ten times a second. */
function progressBar(io: Io, totalBytes: number | undefined): { update: (p: { bytes: number }) => void; done: () => void } {
  if (io.err.isTTY !== true) return { update: () => {}, done: () => {} };
  let last = 0;
  let drawn = false;
  const width = 30;
  return {
    update({ bytes }) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      drawn = true;
      const mib = (bytes / (1 << 20)).toFixed(0);
      if (totalBytes === undefined || totalBytes === 0) {
        io.err.write(`\rreplaying… ${mib} MiB`);
        return;
      }
      const share = Math.min(1, bytes / totalBytes);
      const full = Math.round(share * width);
      io.err.write(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(share * 100).toFixed(0).padStart(3)}% ${mib} MiB`);
    },
    done() {
      if (drawn) io.err.write('\r\u001b[K');
    },
  };
}

const n = (value: number): string => value.toLocaleString('en-US');

function showExamples(examples: readonly ReplayExample[]): string {
  if (examples.length === 0) return '';
  return `  e.g. ${examples.map((e) => (e.id === undefined ? `line ${e.line}` : `line ${e.line} (${e.id})`)).join(', ')}`;
}

const ruleName = (rule: string | null): string => rule ?? '(no rule)';

/** The report as text. @internal */
export function formatReport(report: ReplayReport, seconds: number, style: ReturnType<typeof styleFor>): string {
  const lines: string[] = [];
  const version = (p: ReplayReport['old']): string => `${p.id} ${p.version}`;
  const rate = seconds >= 1 ? ` (${n(Math.round(report.cases / seconds))} cases/s)` : '';
  lines.push(
    `Replayed ${n(report.cases)} case${report.cases === 1 ? '' : 's'} against ${version(report.old)} (old) and ${version(report.new)} (new) in ${seconds.toFixed(1)} s${rate}, ${report.workers === 0 ? 'in one thread' : `${report.workers} worker${report.workers === 1 ? '' : 's'}`}.`,
  );
  if (report.old.hash === report.new.hash) lines.push(style.dim('OLD and NEW are the same policy (same hash).'));
  const share = report.cases === 0 ? '' : ` (${((report.changed / report.cases) * 100).toFixed(2)} %)`;
  lines.push('', style.bold(`Decisions changed: ${n(report.changed)}${share}`));
  for (const t of report.outcomeChanges) {
    lines.push(`  ${style.bold(`${t.from} → ${t.to}`)}: ${n(t.count)}`);
    for (const g of t.rules) lines.push(`    ${ruleName(g.from.rule)} → ${ruleName(g.to.rule)}: ${n(g.count)}${style.dim(showExamples(g.examples))}`);
  }
  lines.push(`Same outcome, other rule: ${n(report.ruleChanged)}`);
  for (const g of report.ruleChanges) {
    lines.push(`  ${g.from.outcome}: ${ruleName(g.from.rule)} → ${ruleName(g.to.rule)}: ${n(g.count)}${style.dim(showExamples(g.examples))}`);
  }
  lines.push(`Unchanged: ${n(report.unchanged)}`);
  if (report.auditRecords.count > 0) {
    lines.push(`Audit records: ${n(report.auditRecords.count)}, of which ${n(report.auditRecords.differFromOld)} recorded another outcome than OLD gives${style.dim(showExamples(report.auditRecords.examples))}`);
  }
  if (report.badLines.count > 0) {
    lines.push('', style.yellow(`Bad lines (not replayed): ${n(report.badLines.count)}`));
    for (const b of report.badLines.first) lines.push(`  line ${b.line}: ${b.message}`);
    const more = report.badLines.count - report.badLines.first.length;
    if (more > 0) lines.push(`  … and ${n(more)} more`);
  }
  return `${lines.join('\n')}\n`;
}
