import { decideOutcome, decideTraces, type OutcomeDecision } from '../decide/decide.js';
import { FactsError, OptionsError } from '../errors.js';
import { evaluateProgram, leavesOf, runProgram, tracedProgramOf, type Evaluation, type RuleEvaluation } from '../evaluate/evaluate.js';
import { factMap, readFactValues } from '../evaluate/facts.js';
import { decisiveLeavesOf } from './leaves.js';
import { unknownFactKeys } from '../evaluate/unknown-facts.js';
import { placeholders, UNDECIDED } from '../policy/check.js';
import { parseIsoDate } from '../policy/dates.js';
import { cloneJson } from '../policy/json.js';
import { canonicalLocale } from '../policy/locale.js';
import { isPolicy, policyInternals, type Policy, type PolicyInternals } from '../policy/define.js';
import { closest } from '../policy/suggest.js';
import { inForce } from '../policy/validity.js';
import { REDACTED, type Decision, type DecisionResult, type LeafTrace, type MissingFact, type Reason } from '../result/schema.js';
import type { OutcomeDeclaration, PolicyDocument } from '../policy/schema.js';
import { findCounterfactuals, NOTHING_FOUND, searchMayFind, type FactChange } from './counterfactuals.js';
import type { DecideOptions, ExplainOptions } from './options.js';
import { whyNot } from './why-not.js';
import { boundaryFor, sayable, type Boundary, type SayableLeaf } from './boundary.js';
import { coveredLocales, createRenderer, NO_VALUES, phraseKey, resolveLocale, subjectOf, toneOf, type Renderer, type TextValues } from './render.js';

/**
 * Explains the decision a policy takes on a set of facts.
 *
 * The facts are checked against the policy's declared facts first; a declared fact that is
 * absent (or `null`) is *unknown*, and when the known facts do not settle the decision the
 * outcome is `undecided` and `missing` names the facts to ask for.
 *
 * @param policy A policy made by {@link definePolicy}.
 * @param facts The facts, `{ name: value }`. Keys that are not declared facts are ignored.
 * @param options Locale, date, audience and more: see {@link ExplainOptions}.
 * @returns A fresh, JSON-serialisable {@link DecisionResult}.
 * @throws {FactsError} (as a rejection) when a fact has the wrong type or is not JSON.
 * @throws {PolicyNotInForceError} (as a rejection) when the policy is not in force on `at`.
 * @example
 * ```ts
 * const result = await explain(policy, { daysSincePurchase: 45, orderTotal: 80 }, { locale: 'nl' });
 * result.outcome; // 'deny'
 * result.text;    // 'Helaas krijgt u voor deze bestelling geen geld terug omdat de retourtermijn van 30 dagen is verstreken. …'
 * ```
 */
export async function explain(policy: Policy, facts: unknown, options: ExplainOptions = {}): Promise<DecisionResult> {
  return explainSync(policy, facts, options);
}

/**
 * The decision a policy takes on a set of facts, with the trace of every rule, and no texts:
 * what {@link explain} decides, at a fraction of its cost, for callers that need no words
 * (routing, batch jobs, replays, dashboards).
 *
 * @param policy A policy made by {@link definePolicy}.
 * @param facts The facts, `{ name: value }`, as for {@link explain}.
 * @param options The date and redaction: see {@link DecideOptions}.
 * @returns A fresh, JSON-serialisable {@link Decision}: the fields of {@link explain}'s result
 * that are not texts, with the same values.
 * @throws {FactsError} (as a rejection) when a fact has the wrong type or is not JSON.
 * @throws {PolicyNotInForceError} (as a rejection) when the policy is not in force on `at`.
 * @example
 * ```ts
 * const { outcome, decidedBy } = await decide(policy, { daysSincePurchase: 45, orderTotal: 80 });
 * outcome;   // 'deny'
 * decidedBy; // 'outside-return-period'
 * ```
 */
export async function decide(policy: Policy, facts: unknown, options: DecideOptions = {}): Promise<Decision> {
  return decideSync(policy, facts, options);
}

/** The synchronous body of {@link decide}. @internal */
export function decideSync(policy: Policy, facts: unknown, options: DecideOptions = {}): Decision {
  const { internals, opts, values } = readCall(policy, facts, options, 'decide');
  // The rules' traces straight into the result's entries: a rule evaluation only for the rules
  // the decision names.
  const program = tracedProgramOf(internals);
  const run = runProgram(program, values, opts.redact);
  const decision = decideTraces(run.rules, program.rules, run.shared, internals.document);
  return {
    outcome: decision.outcome,
    decidedBy: decision.decidedBy?.rule.name ?? null,
    event: eventOf(decision.decidedBy, internals),
    trace: run.rules,
    missing: missingFacts(decision, new GivenValues(values, program.factIndex), internals),
    factsUsed: run.factsUsed,
    policy: { id: policy.id, version: policy.version, hash: policy.hash },
  } as Decision;
}

/** The options checked, the policy in force, the facts read: how `explain` and `decide` begin. */
function readCall(policy: Policy, facts: unknown, options: ExplainOptions, caller: 'explain' | 'decide') {
  if (!isPolicy(policy)) {
    throw new OptionsError([{ code: 'not_a_policy', path: '', message: `${caller}() takes a policy made by definePolicy().` }]);
  }
  const internals = policyInternals(policy);
  const doc = internals.document;
  const opts = checkOptions(options, internals);
  inForce(doc, opts.at);
  if (opts.unknownFacts === 'error') {
    const [first, ...rest] = unknownFactKeys(doc, facts);
    if (first !== undefined) throw new FactsError([first, ...rest]);
  }
  const values = readFactValues(doc, facts, opts.redact);
  return { internals, doc, opts, values };
}

/** Which facts were given, read off {@link readFactValues}' list: `has` as the map of {@link readFacts} says it. */
class GivenValues {
  constructor(
    private readonly values: readonly unknown[],
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  has(name: string): boolean {
    const i = this.index.get(name);
    return i !== undefined && this.values[i] !== undefined;
  }
}

/** What `explain` and `decide` share: the options checked, the facts read, the rules evaluated. */
function decideFacts(policy: Policy, facts: unknown, options: ExplainOptions, caller: 'explain' | 'decide') {
  const { internals, doc, opts, values } = readCall(policy, facts, options, caller);
  const given = factMap(doc, values);
  const personal = personalFacts(internals);
  const redactFact = (name: string, value: unknown): unknown => (opts.redact && personal.has(name) ? REDACTED : value);
  const evaluation = evaluateProgram(tracedProgramOf(internals), values, opts.redact);
  const decision = decideOutcome(evaluation.rules, doc);
  return { internals, doc, opts, given, redactFact, evaluation, decision };
}

/** A rule's event as json-rules-engine reports it: a fresh copy, so no result shares the policy's objects. */
function eventOf(evaluation: RuleEvaluation | null, internals: PolicyInternals): Decision['event'] {
  if (evaluation === null) return null;
  const event = internals.document.rules[evaluation.rule.index]?.event;
  const params = event?.params;
  // Flat params (the common `{ code: "…" }`) copy in one spread: the same own keys in the same order.
  return { type: evaluation.rule.outcome, params: params === undefined ? {} : isFlat(params) ? { ...params } : cloneJson(params) } as Decision['event'];
}

/** Whether an event's params hold no object or list: a shallow copy of them is a deep one. */
function isFlat(params: object): boolean {
  for (const key in params) {
    const value = (params as Record<string, unknown>)[key];
    if (value !== null && typeof value === 'object') return false;
  }
  return true;
}

function traceOf(evaluation: Evaluation): DecisionResult['trace'] {
  return evaluation.rules.map((e) => ({
    rule: e.rule.name,
    priority: e.rule.priority,
    outcome: e.rule.outcome,
    fired: e.fired,
    conditions: e.trace,
  })) as DecisionResult['trace'];
}

/**
 * The synchronous body of {@link explain}; `explain` stays async so that asynchronous facts
 * can come later without breaking callers.
 * @internal
 */
export function explainSync(policy: Policy, facts: unknown, options: ExplainOptions = {}): DecisionResult {
  const { internals, doc, opts, given, redactFact, evaluation, decision } = decideFacts(policy, facts, options, 'explain');

  const locale = resolveLocale(opts.locale, coveredLocales(internals, policy.locales));
  const r = createRenderer(internals, locale, policy.locales);
  // Every label, value and comparison a text says passes this reader's boundary first.
  const b = boundaryFor(internals, opts.audience, opts.redact);
  const visible = textValues(internals, given, b, r);
  const { reasons, words } = buildReasons(evaluation, decision, r, b, visible, internals);
  const missing = buildMissing(decision, given, r, b, internals);
  const outcomeDecl = doc.outcomes[decision.outcome];
  const offered = decision.outcome === UNDECIDED || outcomeDecl?.adverse === true || outcomeDecl?.human === true;
  const escalationText = escalation(r, internals, decision.outcome, offered, outcomeDecl?.human === true, visible);
  const outcomeLabel = r.outcomeLabel(decision.outcome);

  let text: string;
  if (decision.outcome !== UNDECIDED) {
    // The determining reason, and at most two more that fired for the same outcome.
    const shown = reasons.length < 2 ? (reasons[0]?.text ?? '') : joinReasons(r, words.slice(0, 3), visible);
    text = outcomeText(r, doc, outcomeDecl, outcomeLabel, reasons.length > 0 ? shown : undefined, visible);
  } else {
    // The facts to ask the customer for, those this reader may read of named.
    let asked = false;
    const named: string[] = [];
    for (const m of missing) {
      if (!m.askCustomer) continue;
      asked = true;
      const name = b.nameable(m.fact);
      if (name !== undefined) named.push(r.whether(name, visible));
    }
    text = asked ? r.phrase('text.undecided_missing', { facts: r.list(named) }) : r.phrase('text.undecided');
  }
  if (offered) text = `${text} ${escalationText}`;

  // A customer hears only what would have turned out better; staff see every way out.
  // A search sure to find nothing (no outcome it could give is wanted) and to stay within its budget is not run.
  const onlyBetter = opts.audience === 'customer';
  const search = searchMayFind(internals, decision.outcome, onlyBetter, opts.searchBudget)
    ? findCounterfactuals(internals, given, evaluation.rules, decision.outcome, { onlyBetter, budget: opts.searchBudget, prune: true })
    : NOTHING_FOUND;
  const counterfactuals: DecisionResult['counterfactuals'] = [];
  for (let i = 0; i < search.found.length; i++) {
    const c = search.found[i] as (typeof search.found)[number];
    const said = counterfactualText(r, b, c.changes, c.outcome, doc, visible);
    if (said === undefined) continue;
    const changes = c.changes.map((ch) => ({ fact: ch.fact, from: redactFact(ch.fact, ch.from), to: redactFact(ch.fact, ch.to) }));
    counterfactuals.push({ changes, outcome: c.outcome, text: said } as DecisionResult['counterfactuals'][number]);
  }
  const blockers =
    opts.whyNot === undefined
      ? undefined
      : whyNot(opts.whyNot, evaluation, decision, r, b, (index) => {
          const e = evaluation.rules[index];
          return e === undefined ? '' : reasonWords(e, r, b, visible, internals).text;
        }, doc, visible, opts.searchBudget);

  // Literals of the result's keys in order (no spreads): `whyNot` only when asked, `searchLimited` last.
  const outcome = decision.outcome;
  const decidedBy = decision.decidedBy?.rule.name ?? null;
  const event = eventOf(decision.decidedBy, internals);
  const trace = traceOf(evaluation);
  const escalationOf = { offered, text: escalationText };
  const disclosure = policyOrBuiltIn(r, internals.options.disclosure ?? doc.texts?.disclosure, 'disclosure', visible);
  const policyRef = { id: policy.id, version: policy.version, hash: policy.hash };
  const result = (
    blockers === undefined
      ? { outcome, outcomeLabel, decidedBy, event, reasons, trace, text, counterfactuals, missing, escalation: escalationOf, disclosure, factsUsed: evaluation.factsUsed, policy: policyRef, locale, audience: opts.audience }
      : { outcome, outcomeLabel, decidedBy, event, reasons, trace, text, counterfactuals, whyNot: blockers.whyNot, missing, escalation: escalationOf, disclosure, factsUsed: evaluation.factsUsed, policy: policyRef, locale, audience: opts.audience }
  ) as DecisionResult & { searchLimited?: ('counterfactuals' | 'whyNot')[] };
  if (search.limited || blockers?.limited === true) {
    const searchLimited: ('counterfactuals' | 'whyNot')[] = [];
    if (search.limited) searchLimited.push('counterfactuals');
    if (blockers?.limited === true) searchLimited.push('whyNot');
    result.searchLimited = searchLimited;
  }
  return result;
}

/** Steps each search of a call may take unless `searchBudget` says otherwise (see docs/performance.md). */
export const DEFAULT_SEARCH_BUDGET = 200_000;

interface CheckedOptions {
  readonly locale: string | undefined;
  readonly at: Date;
  readonly redact: boolean;
  readonly audience: 'customer' | 'agent';
  readonly whyNot: string | undefined;
  readonly unknownFacts: 'ignore' | 'error';
  readonly searchBudget: number;
}

function checkOptions(options: ExplainOptions, internals: PolicyInternals): CheckedOptions {
  // Made at the first problem: most calls have none.
  let problems: { code: string; path: string; message: string }[] | undefined;
  if (options === null || typeof options !== 'object') {
    throw new OptionsError([{ code: 'invalid_type', path: '', message: 'The options of explain() are an object.' }]);
  }
  const { at, redact, audience, whyNot, unknownFacts, searchBudget } = options;
  const locale = typeof options.locale === 'string' ? canonicalLocale(options.locale) : undefined;
  if (options.locale !== undefined && locale === undefined) {
    (problems ??= []).push({ code: 'invalid_locale', path: 'locale', message: 'A locale is a BCP 47 tag such as "nl", "nl-BE" or "nl-BE-x-acme".' });
  }
  const date = at === undefined ? new Date() : at instanceof Date ? at : typeof at === 'string' ? dateOf(at) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    (problems ??= []).push({ code: 'invalid_date', path: 'at', message: '"at" is a Date or an ISO 8601 date such as "2026-03-01".' });
  }
  if (redact !== undefined && typeof redact !== 'boolean') {
    (problems ??= []).push({ code: 'invalid_type', path: 'redact', message: '"redact" is true or false.' });
  }
  if (audience !== undefined && audience !== 'customer' && audience !== 'agent') {
    (problems ??= []).push({ code: 'invalid_value', path: 'audience', message: '"audience" is "customer" or "agent".' });
  }
  if (whyNot !== undefined && (typeof whyNot !== 'string' || !Object.hasOwn(internals.document.outcomes, whyNot))) {
    const outcomes = Object.keys(internals.document.outcomes);
    const close = typeof whyNot === 'string' ? closest(whyNot, outcomes) : undefined;
    (problems ??= []).push({
      code: 'unknown_outcome',
      path: 'whyNot',
      message: `"whyNot" names one of the outcomes (${outcomes.join(', ')})${typeof whyNot === 'string' ? `; "${whyNot}" is not one${close === undefined ? '.' : `: did you mean "${close}"?`}` : '.'}`,
    });
  }
  if (unknownFacts !== undefined && unknownFacts !== 'ignore' && unknownFacts !== 'error') {
    (problems ??= []).push({ code: 'invalid_value', path: 'unknownFacts', message: '"unknownFacts" is "ignore" or "error".' });
  }
  if (searchBudget !== undefined && (typeof searchBudget !== 'number' || Number.isNaN(searchBudget) || searchBudget < 0)) {
    (problems ??= []).push({ code: 'invalid_value', path: 'searchBudget', message: '"searchBudget" is a number of steps, 0 or more (Infinity for no limit).' });
  }
  if (problems !== undefined) {
    const [first, ...rest] = problems;
    if (first !== undefined) throw new OptionsError([first, ...rest]);
  }
  // `date` is a valid Date here: anything else threw above.
  return { locale, at: date as Date, redact: redact ?? true, audience: audience ?? 'customer', whyNot, unknownFacts: unknownFacts ?? 'ignore', searchBudget: searchBudget ?? DEFAULT_SEARCH_BUDGET };
}

/** The last `at` text read, and its date: callers pass the same day call after call. Only `inForce` reads the date. */
let lastAt: { readonly text: string; readonly date: Date | undefined } = { text: '', date: undefined };

function dateOf(text: string): Date | undefined {
  if (text !== lastAt.text) lastAt = { text, date: parseIsoDate(text) };
  return lastAt.date;
}

/**
 * The parameters and given facts as a policy text may say them: a value the reader may read, or
 * what stands in for it, "[redacted]" for a personal value, "a set limit" for an internal one.
 */
function textValues(internals: PolicyInternals, given: ReadonlyMap<string, unknown>, b: Boundary, r: Renderer): TextValues {
  return new VisibleValues(internals.parameters, given, b, r);
}

/** {@link textValues}: a class, so a call makes one object rather than one per method. */
class VisibleValues implements TextValues {
  constructor(
    private readonly parameters: ReadonlyMap<string, unknown>,
    private readonly given: ReadonlyMap<string, unknown>,
    private readonly b: Boundary,
    private readonly r: Renderer,
  ) {}

  names(): Iterable<string> {
    return new Set([...this.parameters.keys(), ...this.given.keys()]);
  }

  say(name: string, withUnit: boolean): string | undefined {
    const isFact = this.given.has(name);
    if (!isFact && !this.parameters.has(name)) return undefined;
    const shown = this.b.showable(name);
    if (shown !== undefined) return this.r.format(shown, isFact ? this.given.get(name) : this.parameters.get(name), withUnit);
    return this.b.nameable(name) === undefined ? this.r.phrase('value.hidden') : REDACTED;
  }

  /** `say` has words for every fact given and every parameter. */
  has(name: string): boolean {
    return this.given.has(name) || this.parameters.has(name);
  }
}


/** The personal facts of a policy, found once per policy. */
function personalFacts(internals: PolicyInternals): ReadonlySet<string> {
  let names = internals.cache.get('explain:personal') as Set<string> | undefined;
  if (names === undefined) {
    names = new Set(Object.entries(internals.document.facts).filter(([, d]) => d.personal === true).map(([name]) => name));
    internals.cache.set('explain:personal', names);
  }
  return names;
}

/** A reason's text, and the comparisons it was phrased from, when it was phrased from them. */
interface ReasonWords {
  readonly text: string;
  /** Every comparison of the reason that may be said, none that another implies, in order. */
  readonly said?: readonly SayableLeaf[];
  /** Its clauses (see {@link clausesOf}). */
  readonly clauses?: Clauses;
}

/**
 * The most comparisons a text names for its reasons: past it, the first few and "other
 * conditions are met too" (`whyNot.more`), so a rule of thousands of conditions is not a text of
 * thousands of clauses. Every comparison is in the reason's `conditions` all the same.
 */
const MAX_CLAUSES = 5;

/**
 * A rule's reason: its `because`, else its conditions phrased. A reason the reader may not read
 * in full (it compares an internal figure) is said in the policy's `texts.confidentialReason`,
 * else in the built-in sentence: never in part, never with the figure. With the comparisons it
 * was phrased from (`said`), when it was: what lets a text of several reasons join their
 * comparisons once ({@link joinReasons}).
 */
function reasonWords(
  e: RuleEvaluation,
  r: Renderer,
  b: Boundary,
  visible: TextValues,
  internals: PolicyInternals,
  leaves?: readonly LeafTrace[],
): ReasonWords {
  const doc = internals.document;
  const rule = doc.rules[e.rule.index];
  const phrasable = (): readonly SayableLeaf[] | undefined => {
    const { said, withheld } = sayable(b, e.rule, e.trace, leaves ?? decisiveLeavesOf(e.trace, true, e.shared), e.shared);
    return withheld ? undefined : withoutImplied(said);
  };
  // `visible` hides internal figures from customers, whichever rule's text names them; a reason
  // that names a fact not given is phrased from its conditions instead.
  const because = rule?.because === undefined ? '' : r.policyText(rule.because, visible);
  if (because !== '') {
    if (b.audience !== 'agent') return { text: because };
    const said = phrasable();
    const conditions = said === undefined || said.length === 0 ? '' : listClauses(r, clausesOf(r, said, visible).list);
    return { text: conditions === '' ? because : `${because} (${conditions})` };
  }
  const said = phrasable();
  if (said !== undefined && said.length > 0) {
    const clauses = clausesOf(r, said, visible);
    return { text: listClauses(r, clauses.list), said, clauses };
  }
  const own = doc.texts?.confidentialReason;
  return { text: (own === undefined ? '' : r.policyText(own, visible)) || r.phrase(phraseKey('reason.confidential_', subjectOf(doc, doc.outcomes[e.rule.outcome]))) };
}

/** Bounds of a number from above (the rest of `isBound`'s are from below). */
const UPPER: ReadonlySet<string> = new Set(['lessThan', 'lessThanInclusive']);

/**
 * `leaves` (comparisons that held) without those another of them implies: of "the delay is less
 * than 9 hours" and "the delay is less than 8 hours", only the second is worth saying. Only plain
 * bounds on the same fact (and path) with a number are weighed; the first of equal ones stays.
 * @internal
 */
export function withoutImplied<T extends LeafTrace>(leaves: readonly T[]): readonly T[] {
  if (leaves.length < 2) return leaves;
  // Most reasons hold one bound or none, and are returned as they are.
  let bounds = 0;
  for (let i = 0; i < leaves.length; i++) if (isBound(leaves[i] as T)) bounds++;
  if (bounds < 2) return leaves;
  let kept: T[] | undefined;
  if (bounds <= 16) {
    // A few bounds are weighed pair by pair.
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i] as T;
      let implied = false;
      if (isBound(leaf)) for (let j = 0; j < leaves.length && !implied; j++) implied = j !== i && implies(leaves[j] as T, leaf, j < i);
      if (implied) kept ??= leaves.slice(0, i);
      else kept?.push(leaf);
    }
    return kept ?? leaves;
  }
  // Many (a rule may hold thousands) by group: per fact, path and direction, the tightest bound
  // implies every other of its group, and nothing implies it.
  const best = new Map<string, number>();
  for (let i = 0; i < leaves.length; i++) {
    const key = boundKey(leaves[i] as T);
    if (key === undefined) continue;
    const at = best.get(key);
    if (at === undefined || implies(leaves[i] as T, leaves[at] as T, false)) best.set(key, i);
  }
  kept = [];
  for (let i = 0; i < leaves.length; i++) {
    const key = boundKey(leaves[i] as T);
    if (key === undefined || best.get(key) === i) kept.push(leaves[i] as T);
  }
  return kept.length === leaves.length ? leaves : kept;
}

/** Whether a comparison is a plain bound of a number that held: what {@link withoutImplied} weighs. */
function isBound(leaf: LeafTrace): boolean {
  if (typeof leaf.expected !== 'number' || leaf.result !== true || leaf.params !== undefined || leaf.name !== undefined) return false;
  const op = leaf.operator;
  return op === 'lessThan' || op === 'lessThanInclusive' || op === 'greaterThan' || op === 'greaterThanInclusive';
}

/** The group of a plain bound that held (fact, path, direction), for {@link withoutImplied}; `undefined` for any other comparison. */
function boundKey(leaf: LeafTrace): string | undefined {
  if (!isBound(leaf)) return undefined;
  return `${UPPER.has(leaf.operator) ? '<' : '>'}${factKey(leaf)}`;
}

/** The fact (and path) a comparison reads, as a key. */
function factKey(leaf: LeafTrace): string {
  return `${leaf.path ?? ''}\u0000${leaf.fact}`;
}

/** Whether `a` (held) makes `b` (held) say nothing new; of two equal ones, only the earlier (`aFirst`) implies the other. */
function implies(a: LeafTrace, b: LeafTrace, aFirst: boolean): boolean {
  if (a.fact !== b.fact || a.path !== b.path || !isBound(a) || !isBound(b)) return false;
  const x = a.expected as number;
  const y = b.expected as number;
  const upper = UPPER.has(a.operator);
  if (upper !== UPPER.has(b.operator)) return false;
  // Strictly tighter; at the same number, the strict comparison is the tighter one.
  if (x !== y) return upper ? x < y : x > y;
  const aStrict = !a.operator.endsWith('Inclusive');
  const bStrict = !b.operator.endsWith('Inclusive');
  return aStrict === bStrict ? aFirst : aStrict;
}

/**
 * The reasons of a customer text in one list: the comparisons of the reasons phrased from them
 * joined once (each said once, none that another implies: the tighter bound takes the place of
 * the looser; a lower and an upper bound of one fact as one "between"), where joining each
 * reason's own list would say "A, B and C, and D and E". A reason in its own words stays whole.
 * Each clause of a reason after the first is a further reason (`text.further_reason`: French
 * repeats its "que").
 */
function joinReasons(r: Renderer, words: readonly ReasonWords[], visible: TextValues): string {
  // A further reason's clause as the language says it: in most, as it is.
  let identity = plainFurther.get(r);
  if (identity === undefined) {
    identity = r.phrase('text.further_reason', { reason: FURTHER }) === FURTHER;
    plainFurther.set(r, identity);
  }
  const items: string[] = [];
  const said: string[] = [];
  const say = (text: string, first: boolean): void => {
    if (said.includes(text)) return;
    said.push(text);
    items.push(first || identity ? text : r.phrase('text.further_reason', { reason: text }));
  };
  const all: SayableLeaf[] = [];
  for (let i = 0; i < words.length; i++) {
    const leaves = words[i]?.said;
    if (leaves !== undefined) for (let j = 0; j < leaves.length; j++) all.push(leaves[j] as SayableLeaf);
  }
  const kept = withoutImplied(all);
  if (kept === all && !repeats(all) && rangePartners(all) === undefined) {
    // Most often no comparison is said twice, none implies another and none pairs with one of
    // another reason: each reason's clauses as they are.
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as ReasonWords;
      if (w.clauses === undefined) say(w.text, i === 0);
      else for (const text of w.clauses.list) say(text, i === 0);
    }
    return listClauses(r, items);
  }
  // Each comparison once, in order; a looser bound's place taken by the tightest of its group.
  const from = new Map<SayableLeaf, number>();
  for (let i = 0; i < words.length; i++) for (const l of words[i]?.said ?? []) if (!from.has(l)) from.set(l, i);
  const keptSet = new Set(kept);
  const tightest = new Map<string, SayableLeaf>();
  for (const k of kept) {
    const key = boundKey(k);
    if (key !== undefined) tightest.set(key, k);
  }
  const placed = new Set<SayableLeaf>();
  const order: SayableLeaf[] = [];
  for (const l of all) {
    const target = keptSet.has(l) ? l : (tightest.get(boundKey(l) as string) as SayableLeaf);
    if (placed.has(target)) continue;
    placed.add(target);
    from.set(target, from.get(l) as number);
    order.push(target);
  }
  const clauses = clausesOf(r, order, visible, (l) => {
    const w = words[from.get(l) as number] as ReasonWords;
    const j = (w.said as readonly SayableLeaf[]).indexOf(l);
    return w.clauses?.joint?.has(l) === true ? undefined : w.clauses?.at[j];
  });
  // Reason by reason: its own words, or the clauses that begin with its comparisons.
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as ReasonWords;
    if (w.said === undefined) say(w.text, i === 0);
    else for (let j = 0; j < order.length; j++) {
      const text = clauses.at[j];
      if (text !== undefined && from.get(order[j] as SayableLeaf) === i) say(text, i === 0);
    }
  }
  return listClauses(r, items);
}

/** The clauses that say a list of comparisons. */
interface Clauses {
  /** The clause that begins with each comparison, at its place; none for one another's clause says, or past the last said. */
  readonly at: readonly (string | undefined)[];
  /** The clauses in order: `at` without its gaps. */
  readonly list: readonly string[];
  /** The comparisons said in one clause with another ("between"), when any. */
  readonly joint?: ReadonlySet<SayableLeaf>;
}

/**
 * The clauses that say `leaves` (comparisons that held, none implying another), in order: each
 * its phrase (`known` where it was phrased already), and the lower and upper bound of one fact
 * as one clause at the first one's place ("the delay (2 hours) is between 1 hour and 8 hours").
 * Stops once past {@link MAX_CLAUSES}: no more are said.
 */
function clausesOf(r: Renderer, leaves: readonly SayableLeaf[], visible: TextValues, known?: (leaf: SayableLeaf) => string | undefined): Clauses {
  const partners = rangePartners(leaves);
  const at: (string | undefined)[] = [];
  if (partners === undefined) {
    // One clause per comparison: the first few of a long list.
    const n = leaves.length <= MAX_CLAUSES ? leaves.length : MAX_CLAUSES + 1;
    for (let i = 0; i < n; i++) {
      const leaf = leaves[i] as SayableLeaf;
      at.push(known?.(leaf) ?? r.condition(leaf, 'condition', visible));
    }
    return { at, list: at as string[] };
  }
  const list: string[] = [];
  let joint: Set<SayableLeaf> | undefined;
  for (let i = 0; i < leaves.length && list.length <= MAX_CLAUSES; i++) {
    const leaf = leaves[i] as SayableLeaf;
    let text: string | undefined;
    if (joint?.has(leaf) !== true) {
      const partner = partners.get(leaf);
      if (partner !== undefined) {
        const upper = UPPER.has(leaf.operator);
        text = r.between(upper ? partner : leaf, upper ? leaf : partner);
        if (text !== undefined) (joint ??= new Set()).add(leaf).add(partner);
      }
      text ??= known?.(leaf) ?? r.condition(leaf, 'condition', visible);
      list.push(text);
    }
    at.push(text);
  }
  return joint === undefined ? { at, list } : { at, list, joint };
}

/** The clauses of a text as one list: past {@link MAX_CLAUSES}, the first few and "other conditions are met too". */
function listClauses(r: Renderer, texts: readonly string[]): string {
  return r.list(texts.length <= MAX_CLAUSES ? texts : [...texts.slice(0, MAX_CLAUSES - 1), r.phrase('whyNot.more')]);
}

/** Whether a comparison is in `leaves` twice (two rules that share a condition). */
function repeats(leaves: readonly SayableLeaf[]): boolean {
  if (leaves.length > 16) return new Set(leaves).size < leaves.length;
  for (let i = 1; i < leaves.length; i++) if (leaves.lastIndexOf(leaves[i - 1] as SayableLeaf) >= i) return true;
  return false;
}

/**
 * For each fact (and path) with exactly one lower and one upper bound among `leaves`, each of
 * the two mapped to the other; `undefined` when there is none.
 */
function rangePartners(leaves: readonly SayableLeaf[]): Map<SayableLeaf, SayableLeaf> | undefined {
  let bounds = 0;
  for (let i = 0; i < leaves.length; i++) if (isBound(leaves[i] as SayableLeaf)) bounds++;
  if (bounds < 2) return undefined;
  let partners: Map<SayableLeaf, SayableLeaf> | undefined;
  if (leaves.length <= 16) {
    // A few comparisons are weighed pair by pair: each lower bound, and the bounds of its fact.
    for (const low of leaves) {
      if (!isBound(low) || UPPER.has(low.operator)) continue;
      let high: SayableLeaf | undefined;
      let others = 0;
      for (const l of leaves) {
        if (l === low || l.fact !== low.fact || l.path !== low.path || !isBound(l)) continue;
        if (UPPER.has(l.operator) && high === undefined) high = l;
        else others++;
      }
      if (high !== undefined && others === 0) (partners ??= new Map()).set(low, high).set(high, low);
    }
    return partners;
  }
  const groups = new Map<string, { lower: SayableLeaf[]; upper: SayableLeaf[] }>();
  for (const l of leaves) {
    if (!isBound(l)) continue;
    const key = factKey(l);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { lower: [], upper: [] }));
    (UPPER.has(l.operator) ? group.upper : group.lower).push(l);
  }
  for (const { lower, upper } of groups.values()) {
    const [low] = lower;
    const [high] = upper;
    if (lower.length !== 1 || upper.length !== 1 || low === undefined || high === undefined) continue;
    (partners ??= new Map()).set(low, high).set(high, low);
  }
  return partners;
}

/** A stand-in reason, to see whether a language's further reason is the reason as it is; the answer per renderer. */
const FURTHER = '\uE000';
const plainFurther = new WeakMap<Renderer, boolean>();

function buildReasons(
  evaluation: Evaluation,
  decision: OutcomeDecision,
  r: Renderer,
  b: Boundary,
  visible: TextValues,
  internals: PolicyInternals,
): { reasons: Reason[]; words: ReasonWords[] } {
  if (decision.decidedBy === null) return { reasons: [], words: [] };
  const determining = decision.decidedBy;
  const deciding = [determining];
  for (const e of evaluation.rules) if (e !== determining && e.fired === true && e.rule.outcome === decision.outcome) deciding.push(e);
  const words: ReasonWords[] = [];
  const reasons = deciding.map((e) => {
    const rule = internals.document.rules[e.rule.index];
    // The decisive comparisons, found once: phrased for the text, and the reason's `conditions`.
    const conditions = decisiveLeavesOf(e.trace, true, e.shared);
    const said = reasonWords(e, r, b, visible, internals, conditions);
    words.push(said);
    const reason: Reason = {
      rule: e.rule.name,
      outcome: e.rule.outcome,
      event: eventOf(e, internals) as Reason['event'],
      text: said.text,
      conditions,
    };
    if (rule?.source !== undefined) {
      const { title, url, section } = rule.source;
      const titled = r.policyText(title, visible);
      reason.source = url === undefined ? (section === undefined ? { title: titled } : { title: titled, section }) : section === undefined ? { title: titled, url } : { title: titled, url, section };
    }
    return reason;
  });
  return { reasons, words };
}

/**
 * The facts whose absence left the decision open, most decisive first; once decided, the facts
 * that the deciding rule's reason and the outcome's message name and that were not given.
 */
function missingFacts(decision: OutcomeDecision, given: Pick<ReadonlyMap<string, unknown>, 'has'>, internals: PolicyInternals): Decision['missing'] {
  const doc = internals.document;
  if (decision.open.length === 0) {
    // Each named fact not given, once, in the order named: what the counting below comes to.
    const named = namedByTexts(internals, decision);
    let missing: Decision['missing'] | undefined;
    for (const name of named) if (!given.has(name)) (missing ??= []).push({ fact: name, askCustomer: doc.facts[name]?.internal !== true && doc.facts[name]?.from !== 'host', rules: 1 });
    return missing ?? [];
  }
  // The facts each open rule leaves unknown, counted once per rule, in the order first met:
  // parallel lists rather than a set per rule and a map.
  const tally: MissingCounts = { names: [], counts: [], seenBy: [], index: undefined };
  const { names, counts } = tally;
  for (let r = 0; r < decision.open.length; r++) {
    const open = decision.open[r] as RuleEvaluation;
    for (const leaf of leavesOf(open.trace, open.shared)) {
      if (leaf.result !== 'unknown') continue;
      countMissing(leaf.fact, r, doc, given, tally);
      if (leaf.expectedFact !== undefined) countMissing(leaf.expectedFact, r, doc, given, tally);
    }
  }
  if (names.length === 0) return [];
  // An internal fact (a risk score) or one the host supplies (a fee) is never asked of the customer.
  const missing: Decision['missing'] = [];
  let sorted = true;
  for (let i = 0; i < names.length; i++) {
    const fact = names[i] as string;
    const rules = counts[i] as number;
    if (i > 0 && (counts[i - 1] as number) < rules) sorted = false;
    missing.push({ fact, askCustomer: doc.facts[fact]?.internal !== true && doc.facts[fact]?.from !== 'host', rules });
  }
  // Sort is stable: ties stay in the order the rules read them.
  return sorted ? missing : missing.sort((x, y) => y.rules - x.rules);
}

/** The lists of facts {@link missingFacts} counts: parallel, with an index by name once they grow long. */
interface MissingCounts {
  readonly names: string[];
  readonly counts: number[];
  /** The last open rule that counted each fact. */
  readonly seenBy: number[];
  index: Map<string, number> | undefined;
}

/** Counts `name` as missing for open rule `rule` of {@link missingFacts}, when it is a declared fact not given. */
function countMissing(name: string, rule: number, doc: PolicyDocument, given: Pick<ReadonlyMap<string, unknown>, 'has'>, tally: MissingCounts): void {
  if (!Object.hasOwn(doc.facts, name) || given.has(name)) return;
  const { names, counts, seenBy } = tally;
  if (tally.index === undefined && names.length >= 16) tally.index = new Map(names.map((n, i) => [n, i]));
  const at = tally.index === undefined ? names.indexOf(name) : (tally.index.get(name) ?? -1);
  if (at < 0) {
    tally.index?.set(name, names.length);
    names.push(name);
    counts.push(1);
    seenBy.push(rule);
  } else if (seenBy[at] !== rule) {
    counts[at] = (counts[at] as number) + 1;
    seenBy[at] = rule;
  }
}

/** The declared facts the texts of a decision name: its deciding rule's reason and its outcome's message. */
function namedByTexts(internals: PolicyInternals, decision: OutcomeDecision): readonly string[] {
  let cache = internals.cache.get('explain:named') as Map<number | string, readonly string[]> | undefined;
  if (cache === undefined) internals.cache.set('explain:named', (cache = new Map()));
  // The deciding rule settles the outcome; without one, the outcome is the policy's default.
  const key = decision.decidedBy === null ? decision.outcome : decision.decidedBy.rule.index;
  let names = cache.get(key);
  if (names === undefined) {
    const doc = internals.document;
    const rule = decision.decidedBy === null ? undefined : doc.rules[decision.decidedBy.rule.index];
    const texts = [rule?.because, Object.hasOwn(doc.outcomes, decision.outcome) ? doc.outcomes[decision.outcome]?.message : undefined];
    const found = new Set<string>();
    for (const text of texts) {
      if (text === undefined) continue;
      for (const source of typeof text === 'string' ? [text] : Object.values(text)) {
        for (const name of placeholders(source)) if (Object.hasOwn(doc.facts, name)) found.add(name);
      }
    }
    names = [...found];
    cache.set(key, names);
  }
  return names;
}

/**
 * {@link missingFacts} with the question to ask for each. A question not for the customer (an
 * internal fact) is the host's, and may name what the customer may not read.
 */
function buildMissing(decision: OutcomeDecision, given: ReadonlyMap<string, unknown>, r: Renderer, b: Boundary, internals: PolicyInternals): MissingFact[] {
  return missingFacts(decision, given, internals).map(({ fact, askCustomer, rules }) => {
    const declared = internals.document.facts[fact];
    const name = (askCustomer ? b : boundaryFor(internals, 'agent', true)).nameable(fact);
    const what = name === undefined ? '' : r.whether(name, NO_VALUES);
    return {
      fact,
      question:
        (declared?.question === undefined ? '' : r.policyText(declared.question, NO_VALUES)) ||
        r.phrase(declared?.type === 'boolean' ? 'missing.question_whether' : 'missing.question', declared?.type === 'boolean' ? { what } : { label: what }),
      askCustomer,
      rules,
    };
  });
}

function escalation(
  r: Renderer,
  internals: PolicyInternals,
  outcome: string,
  offered: boolean,
  human: boolean,
  values: TextValues,
): string {
  if (!offered) return r.phrase('escalation.none');
  const custom = internals.options.escalation ?? internals.document.texts?.escalation;
  const key = human ? 'escalation.human' : outcome === UNDECIDED ? 'escalation.undecided' : 'escalation.offered';
  return policyOrBuiltIn(r, custom, key, values);
}

/**
 * The sentence of a decided outcome: the outcome's own `message` with the reasons as
 * `{{because}}`, or the built-in frame of its tone and subject.
 */
function outcomeText(
  r: Renderer,
  doc: PolicyDocument,
  outcome: OutcomeDeclaration | undefined,
  label: string,
  because: string | undefined,
  values: TextValues,
): string {
  if (outcome?.message !== undefined) {
    const own = r.policyText(outcome.message, withOutcome(values, label, because));
    if (own !== '') return own;
  }
  const frame = phraseKey(phraseKey(toneOf(outcome), '.'), subjectOf(doc, outcome));
  return because === undefined ? r.phrase(phraseKey('frame_short.', frame), { outcome: label }) : r.phrase(phraseKey('frame.', frame), { outcome: label, reasons: because });
}

/** `values` with the outcome's label and the reasons (words already) on top: the names only a message has. */
function withOutcome(values: TextValues, label: string, because: string | undefined): TextValues {
  return new OutcomeValues(values, label, because);
}

/** {@link withOutcome}: a class, so a call makes one object rather than one per method. */
class OutcomeValues implements TextValues {
  constructor(
    private readonly values: TextValues,
    private readonly label: string,
    private readonly because: string | undefined,
  ) {}

  private own(name: string): string | undefined {
    return name === 'outcome' ? this.label : name === 'because' ? this.because : undefined;
  }

  names(): Iterable<string> {
    return new Set([...(this.because === undefined ? ['outcome'] : ['outcome', 'because']), ...this.values.names()]);
  }

  say(name: string, withUnit: boolean): string | undefined {
    return this.own(name) ?? this.values.say(name, withUnit);
  }

  has(name: string): boolean {
    return this.own(name) !== undefined || (this.values.has === undefined ? this.values.say(name, false) !== undefined : this.values.has(name));
  }
}

/** A counterfactual in words, as advice; none when it changes a fact this reader may not read of. */
function counterfactualText(r: Renderer, b: Boundary, changes: readonly FactChange[], outcome: string, doc: PolicyDocument, values: TextValues): string | undefined {
  const clauses: string[] = [];
  for (const c of changes) {
    const name = b.nameable(c.fact);
    if (name === undefined) return undefined;
    clauses.push(r.change(name, b.showable(c.fact), c.from, c.to, values));
  }
  const subject = subjectOf(doc, doc.outcomes[outcome]);
  return r.phrase(phraseKey('counterfactual.sentence_', subject), { changes: r.list(clauses), outcome: r.outcomeLabel(outcome) });
}

function policyOrBuiltIn(r: Renderer, text: Parameters<Renderer['policyText']>[0] | undefined, key: string, values: TextValues): string {
  return (text === undefined ? '' : r.policyText(text, values)) || r.phrase(key);
}
