import { readFacts } from '../evaluate/facts.js';
import { decideSync, explainSync } from '../explain/explain.js';
import { rank } from '../explain/counterfactuals.js';
import { BUILT_IN_LOCALES, coveredLocales, resolveLocale } from '../explain/render.js';
import { UNDECIDED } from '../policy/check.js';
import { leavesUnder, type LeafNode } from '../policy/compile.js';
import { policyInternals, type Policy, type PolicyInternals } from '../policy/define.js';
import { resolvePath } from '../policy/json-path.js';
import type { FactDeclaration, JsonValue } from '../policy/schema.js';
import type { Decision, DecisionResult } from '../result/schema.js';

/**
 * `because review`: every text a policy can say, region by region, before a customer reads it.
 *
 * A region is a set of facts on which the policy takes one decision with one set of texts. The
 * regions are found from the boundary values of the conditions (as lint's conflict search
 * tries them) and from facts left unknown: each fact a rule reads is cut into classes of values
 * that every comparison on it treats alike (for `greaterThan 30` on days: 30 and 31), and a
 * tree of partial fact sets is walked from "nothing known": a fact set the policy cannot decide
 * yet is a region of its own (undecided, with its questions), and the walk goes on with each
 * class of the fact `missing` names first. A decided fact set ends its branch (unless a rule
 * still open could take the decision over with the same outcome: then its facts are walked
 * too); its other facts take their first class, so counterfactuals have something to change.
 * Regions with the same outcome, deciding rule and texts in every locale are one.
 */

/** Options of {@link reviewPolicy}. */
export interface ReviewOptions {
  /**
   * The locales to render. Default: every built-in locale (`en`, `nl`, `nl-BE`, `de`, `fr`)
   * that the policy's texts cover, as `explain` would answer it, and any other covered locale.
   * @example ['en', 'nl']
   */
  readonly locales?: readonly string[];
  /**
   * At most this many distinct regions are kept; the review says when it stopped there.
   * @default 200
   */
  readonly maxRegions?: number;
  /**
   * At most this many fact sets are decided while the regions are searched (each costs one
   * `decide`); the review says when the search stopped there.
   * @default 5000
   */
  readonly maxEvaluations?: number;
  /**
   * The date the decisions are about. Default: the policy's `validFrom` (else `validTo`, else now).
   * @example '2026-03-01'
   */
  readonly at?: Date | string;
}

/** The texts of one region in one locale: what a customer reads. */
export interface RegionTexts {
  readonly outcomeLabel: string;
  /** The customer text (`result.text`). */
  readonly text: string;
  /** What stands between these facts and each better outcome (`whyNot.text`). */
  readonly whyNot: readonly { readonly outcome: string; readonly text: string }[];
  /** The counterfactuals' texts. */
  readonly counterfactuals: readonly string[];
  /** The questions for the missing facts a customer is asked for. */
  readonly questions: readonly { readonly fact: string; readonly question: string }[];
  /** The escalation text, when a person is offered. */
  readonly escalation?: string;
}

/** One decision region: example facts, the decision on them and every text in every locale. */
export interface ReviewRegion {
  /** 1-based, in the order of the review. */
  readonly id: number;
  readonly outcome: string;
  /** The deciding rule; `null` when the default decided or the outcome is `undecided`. */
  readonly decidedBy: string | null;
  /** The facts given (example values of the region). */
  readonly facts: Readonly<Record<string, JsonValue>>;
  /** Of `facts`, those the walk set to reach this region; the others are examples. */
  readonly decisive: readonly string[];
  /** The facts left unknown that the result lists as missing, most decisive first. */
  readonly missing: readonly string[];
  /** How many of the fact sets tried gave this region. */
  readonly seen: number;
  /** The texts, by locale. */
  readonly texts: Readonly<Record<string, RegionTexts>>;
}

/** A fact set the walk decided, before its texts. */
interface Point {
  readonly facts: Map<string, JsonValue>;
  readonly decisive: string[];
  /** Outcome, deciding rule and missing facts: one decision. */
  readonly kind: string;
}

/** The review of a policy: see {@link reviewPolicy}. */
export interface PolicyReview {
  readonly policy: { readonly id: string; readonly version: string };
  readonly locales: readonly string[];
  /** Once per locale: the sentence that an automated system took the decision. */
  readonly disclosure: Readonly<Record<string, string>>;
  readonly regions: readonly ReviewRegion[];
  /** Fact sets decided during the search. */
  readonly evaluated: number;
  /**
   * Set when a cap stopped the search (`by`: the one reached first): the policy has more
   * regions than the review shows. Even then each decision found (outcome, deciding rule,
   * missing facts) has a region before any decision has a second one, as far as `maxRegions` allows.
   */
  readonly limited?: { readonly by: 'regions' | 'evaluations'; readonly maxRegions: number; readonly maxEvaluations: number };
}

const DEFAULT_MAX_REGIONS = 200;
const DEFAULT_MAX_EVALUATIONS = 5000;
const DAY = 86_400_000;

/**
 * Enumerates the distinct decision regions of a policy and renders every customer text of each
 * (the text, why-not toward each better outcome, counterfactuals, questions, escalation) in
 * every locale the policy covers. Deterministic: the same policy gives the same review.
 *
 * @param policy A policy made by `definePolicy`.
 * @param options Locales, caps and date: see {@link ReviewOptions}.
 * @example
 * ```ts
 * const review = reviewPolicy(policy);
 * console.log(renderReview(review, 'markdown'));
 * ```
 */
export function reviewPolicy(policy: Policy, options: ReviewOptions = {}): PolicyReview {
  const internals = policyInternals(policy);
  const doc = internals.document;
  const maxRegions = Math.max(1, options.maxRegions ?? DEFAULT_MAX_REGIONS);
  const maxEvaluations = Math.max(1, options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS);
  const at = options.at ?? doc.validFrom ?? doc.validTo ?? undefined;
  const locales = options.locales ?? reviewLocales(policy);
  const classes = factClasses(internals);
  const involved = [...classes.keys()];
  const ruleByName = new Map(internals.rules.map((r) => [r.name, r]));
  /** The first fact, not given, that a rule still open reads. */
  const openFact = (trace: readonly { rule: string; fired: boolean | 'unknown' }[], facts: ReadonlyMap<string, JsonValue>): string | undefined => {
    for (const t of trace) {
      if (t.fired !== 'unknown') continue;
      const rule = ruleByName.get(t.rule);
      if (rule === undefined) continue;
      for (const leaf of leavesUnder(rule.root)) {
        for (const name of [leaf.parameter ? undefined : leaf.fact, 'read' in leaf.value && !leaf.value.read.parameter ? leaf.value.read.fact : undefined]) {
          if (name !== undefined && !facts.has(name) && (classes.get(name)?.length ?? 0) > 0) return name;
        }
      }
    }
    return undefined;
  };

  const decide = (facts: ReadonlyMap<string, JsonValue>): Decision => decideSync(policy, Object.fromEntries(facts), at === undefined ? { redact: false } : { at, redact: false });
  const kindOf = (d: Decision): string => `${d.outcome}\u0000${d.decidedBy ?? ''}\u0000${d.missing.map((m) => m.fact).join(',')}`;

  // The walk: breadth first, each fact set decided without texts (cheap).
  const points: Point[] = [];
  const queue: Map<string, JsonValue>[] = [new Map()];
  let evaluated = 0;
  let limited: 'regions' | 'evaluations' | undefined;
  while (queue.length > 0) {
    if (evaluated >= maxEvaluations) {
      limited = 'evaluations';
      break;
    }
    const facts = queue.shift() as Map<string, JsonValue>;
    evaluated++;
    const decision = decide(facts);
    const missing = decision.missing.map((m) => m.fact);
    const decisive = [...facts.keys()];
    if (decision.outcome !== UNDECIDED && missing.length === 0) {
      // The facts no rule needs take their first class.
      const complete = new Map(facts);
      for (const name of involved) {
        const first = classes.get(name)?.[0];
        if (!complete.has(name) && first !== undefined) complete.set(name, first);
      }
      // A rule still open may yet take the decision over with the same outcome (a rule that
      // gives the default, or one before the decider in a tie): which rule decides is known
      // once the facts are complete, and the open rule's facts are walked as well.
      const open = openFact(decision.trace, facts);
      points.push({ facts: complete, decisive, kind: open === undefined ? kindOf(decision) : kindOf(decide(complete)) });
      if (open !== undefined) for (const value of classes.get(open) as JsonValue[]) queue.push(new Map([...facts, [open, value]]));
      continue;
    }
    points.push({ facts, decisive, kind: kindOf(decision) });
    const next = missing.find((name) => !facts.has(name) && (classes.get(name)?.length ?? 0) > 0);
    if (next === undefined) continue;
    for (const value of classes.get(next) as JsonValue[]) queue.push(new Map([...facts, [next, value]]));
  }

  // Texts for one fact set of each outcome and deciding rule first, so a cap on the regions
  // never leaves a deciding rule out; then of each set of missing facts; then the others, in
  // the walk's order.
  const firstOf = (key: (p: Point) => string): Point[] => {
    const firsts = new Map<string, Point>();
    for (const p of points) if (!firsts.has(key(p))) firsts.set(key(p), p);
    return [...firsts.values()];
  };
  const ordered = [...firstOf((p) => p.kind.slice(0, p.kind.lastIndexOf('\u0000'))), ...firstOf((p) => p.kind), ...points];
  const done = new Set<Point>();
  const regions = new Map<string, Omit<ReviewRegion, 'id'> & { order: number }>();
  for (const point of ordered) {
    if (done.has(point)) continue;
    done.add(point);
    const given = Object.fromEntries(point.facts);
    const region = regionOf(policy, doc, given, locales, at);
    const key = JSON.stringify([region.outcome, region.decidedBy, region.texts]);
    const known = regions.get(key);
    if (known !== undefined) {
      regions.set(key, { ...known, seen: known.seen + 1 });
      continue;
    }
    if (regions.size >= maxRegions) {
      limited ??= 'regions';
      break;
    }
    regions.set(key, { ...region, facts: given, decisive: point.decisive, seen: 1, order: regions.size });
  }

  const ruleIndex = new Map(doc.rules.map((r, i) => [r.name, i]));
  const place = (r: { outcome: string; decidedBy: string | null }): number =>
    r.decidedBy !== null ? (ruleIndex.get(r.decidedBy) ?? 0) : r.outcome === UNDECIDED ? doc.rules.length + 1 : doc.rules.length;
  const sorted = [...regions.values()].sort((a, b) => place(a) - place(b) || a.order - b.order);
  const disclosure: Record<string, string> = {};
  for (const locale of locales) disclosure[locale] = explainSync(policy, {}, at === undefined ? { locale } : { locale, at }).disclosure;
  return {
    policy: { id: policy.id, version: policy.version },
    locales: [...locales],
    disclosure,
    regions: sorted.map(({ order: _order, ...r }, i) => ({ id: i + 1, ...r })),
    evaluated,
    ...(limited === undefined ? {} : { limited: { by: limited, maxRegions, maxEvaluations } }),
  };
}

/**
 * The locales a review renders: each built-in locale that `explain` answers in that locale
 * itself (the policy's texts cover it, or its language), then the policy's other covered locales.
 * @internal
 */
export function reviewLocales(policy: Policy): string[] {
  const covered = coveredLocales(policyInternals(policy), policy.locales);
  const builtIn = BUILT_IN_LOCALES.filter((l) => resolveLocale(l, covered) === l);
  return [...builtIn, ...covered.filter((l) => !(builtIn as string[]).includes(l))];
}

function regionOf(
  policy: Policy,
  doc: PolicyInternals['document'],
  facts: Record<string, JsonValue>,
  locales: readonly string[],
  at: Date | string | undefined,
): Pick<ReviewRegion, 'outcome' | 'decidedBy' | 'missing' | 'texts'> {
  const texts: Record<string, RegionTexts> = {};
  let first: DecisionResult | undefined;
  for (const locale of locales) {
    const base = at === undefined ? { locale } : { locale, at };
    const result = explainSync(policy, facts, base);
    first ??= result;
    const current = result.outcome === UNDECIDED ? 1 : rank(doc, result.outcome);
    const whyNot = Object.keys(doc.outcomes)
      .filter((o) => o !== result.outcome && rank(doc, o) < current)
      .map((o) => ({ outcome: o, text: explainSync(policy, facts, { ...base, whyNot: o }).whyNot?.text ?? '' }));
    texts[locale] = {
      outcomeLabel: result.outcomeLabel,
      text: result.text,
      whyNot,
      counterfactuals: result.counterfactuals.map((c) => c.text),
      questions: result.missing.filter((m) => m.askCustomer).map((m) => ({ fact: m.fact, question: m.question })),
      ...(result.escalation.offered ? { escalation: result.escalation.text } : {}),
    };
  }
  const result = first ?? explainSync(policy, facts, at === undefined ? {} : { at });
  return { outcome: result.outcome, decidedBy: result.decidedBy, missing: result.missing.map((m) => m.fact), texts };
}

// ---------------------------------------------------------------------------------------------
// Classes of values: one example for each set of values every comparison treats alike

/**
 * For each fact the rules read (in the order they first read it) or a deciding text names,
 * its classes of values, each by one example, in a natural order (false before true, numbers
 * ascending, an enum as declared). Comparisons with a constant or a parameter cut the classes
 * exactly; a fact compared with another fact borrows that fact's figures.
 * @internal
 */
export function factClasses(internals: PolicyInternals): Map<string, JsonValue[]> {
  const doc = internals.document;
  const leavesOf = new Map<string, LeafNode[]>();
  const figures = new Map<string, JsonValue[]>();
  const compared = new Map<string, string[]>();
  const note = (fact: string): void => {
    if (!leavesOf.has(fact) && Object.hasOwn(doc.facts, fact)) leavesOf.set(fact, []);
  };
  for (const rule of internals.rules) {
    for (const leaf of leavesUnder(rule.root)) {
      const other = 'read' in leaf.value && !leaf.value.read.parameter ? leaf.value.read.fact : undefined;
      if (!leaf.parameter) note(leaf.fact);
      if (other !== undefined) note(other);
      if (leaf.parameter) continue;
      leavesOf.get(leaf.fact)?.push(leaf);
      const value = constantOf(internals, leaf);
      if (value !== undefined) figures.set(leaf.fact, [...(figures.get(leaf.fact) ?? []), value]);
      if (other !== undefined) {
        compared.set(leaf.fact, [...(compared.get(leaf.fact) ?? []), other]);
        compared.set(other, [...(compared.get(other) ?? []), leaf.fact]);
      }
    }
  }
  // Facts only a text names (a fee the host supplies) get one example.
  for (const name of Object.keys(doc.facts)) if (namedByTexts(doc, name)) note(name);
  // The values a fact's `valueLabels` name are figures too.
  for (const fact of leavesOf.keys()) {
    const labelled = Object.keys(doc.facts[fact]?.valueLabels ?? {});
    if (labelled.length > 0) figures.set(fact, [...(figures.get(fact) ?? []), ...labelled]);
  }
  const classesOf = (borrow: (other: string) => readonly JsonValue[]): Map<string, JsonValue[]> => {
    const out = new Map<string, JsonValue[]>();
    for (const [fact, leaves] of leavesOf) {
      const declared = doc.facts[fact] as FactDeclaration;
      const borrowed = (compared.get(fact) ?? []).flatMap(borrow);
      // Only values `explain` accepts for the fact's declared type.
      const candidates = candidatesOf(declared, [...(figures.get(fact) ?? []), ...borrowed], leaves, !compared.has(fact)).filter((c) => fits(doc, fact, c));
      // Exact only where every comparison is with a figure: then one example per class is enough.
      out.set(fact, compared.has(fact) ? candidates : oneByClass(candidates, leaves, internals));
    }
    return out;
  };
  // A fact compared with another fact borrows that fact's figures, then its examples (a list
  // that `contains` another fact's value gets lists holding each of its examples).
  const first = classesOf((other) => figures.get(other) ?? []);
  return compared.size === 0 ? first : classesOf((other) => [...(figures.get(other) ?? []), ...(first.get(other) ?? [])]);
}

function fits(doc: PolicyInternals['document'], fact: string, value: JsonValue): boolean {
  try {
    readFacts(doc, { [fact]: value });
    return true;
  } catch {
    return false;
  }
}

function namedByTexts(doc: PolicyInternals['document'], fact: string): boolean {
  const texts = [...doc.rules.map((r) => r.because), ...Object.values(doc.outcomes).map((o) => o.message)];
  const pattern = new RegExp(`\\{\\{\\s*${fact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[,}]`);
  return texts.some((t) => t !== undefined && (typeof t === 'string' ? [t] : Object.values(t)).some((s) => pattern.test(s)));
}

/** The figure a comparison reads: its constant, or its parameter's value. */
function constantOf(internals: PolicyInternals, leaf: LeafNode): JsonValue | undefined {
  if ('constant' in leaf.value) return leaf.value.constant;
  const { read } = leaf.value;
  if (!read.parameter) return undefined;
  const v = internals.parameters.get(read.fact);
  return (read.segments === undefined ? v : resolvePath(v, read.segments)) as JsonValue | undefined;
}

/** Example values of a fact: its figures and the values just beside them. */
function candidatesOf(declared: FactDeclaration, figures: readonly JsonValue[], leaves: readonly LeafNode[], exact: boolean): JsonValue[] {
  const flat = figures.flatMap((f) => (Array.isArray(f) ? f : [f]));
  const paths = leaves.flatMap((l) => (l.segments === undefined ? [] : [l.segments]));
  if (paths.length > 0 && declared.type === 'object') {
    // An object read through paths: one object per example of each path's value.
    const inner = unique([...numbersAround(flat.filter((f): f is number => typeof f === 'number'), false), ...flat.filter((f) => typeof f !== 'number')]);
    const out: JsonValue[] = [{}];
    for (const segments of paths) for (const v of inner) out.push(wrap(segments, v));
    return unique(out);
  }
  switch (declared.type) {
    case 'boolean':
      return [false, true];
    case 'integer':
    case 'number': {
      const nums = flat.filter((f): f is number => typeof f === 'number' && Number.isFinite(f));
      return nums.length === 0 ? [declared.unit === 'currency' ? 100 : 1] : numbersAround(nums, declared.type === 'integer');
    }
    case 'string': {
      if (declared.enum !== undefined) return [...declared.enum];
      const listed = unique(flat.filter((f): f is string => typeof f === 'string'));
      let other = 'other';
      while (listed.includes(other)) other = `${other}-`;
      return [...listed, other];
    }
    case 'date': {
      const times = flat.flatMap((f) => (typeof f === 'string' && !Number.isNaN(Date.parse(f)) ? [Date.parse(f)] : []));
      if (times.length === 0) return ['2026-01-01'];
      return numbersAround(times, false, DAY).map((t) => {
        const iso = new Date(t).toISOString();
        return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
      });
    }
    case 'array': {
      const items = unique(flat).slice(0, 4);
      // Which listed items a list holds is what `contains` asks: every subset of at most four
      // when the classes are cut exactly afterwards, else none, each one alone, and all.
      if (!exact) return unique([[], ...items.map((i) => [i]), items]);
      const subsets: JsonValue[] = [];
      for (let mask = 0; mask < 1 << items.length; mask++) subsets.push(items.filter((_x, i) => (mask & (1 << i)) !== 0));
      return subsets;
    }
    default:
      return [{}];
  }
}

/** Each figure, and a value strictly between each two neighbours and beyond the ends. */
function numbersAround(figures: readonly number[], integer: boolean, step = 1): number[] {
  const sorted = [...new Set(figures)].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const out: number[] = [];
  const between = (lo: number, hi: number): number | undefined => {
    if (integer) {
      const up = Math.floor(lo) + 1;
      return up < hi ? up : undefined;
    }
    return lo + step < hi ? lo + step : (lo + hi) / 2;
  };
  const first = sorted[0] as number;
  out.push(integer ? Math.ceil(first) - 1 : first - step);
  sorted.forEach((v, i) => {
    if (!integer || Number.isInteger(v)) out.push(v);
    const next = sorted[i + 1];
    const mid = next === undefined ? (integer ? Math.floor(v) + 1 : v + step) : between(v, next);
    if (mid !== undefined) out.push(mid);
    // The value just under the next figure: the other edge of the gap, when it is another value.
    if (next !== undefined && integer && Math.ceil(next) - 1 > Math.floor(v) + 1) out.push(Math.ceil(next) - 1);
    else if (next !== undefined && !integer && next - step > v + step) out.push(next - step);
  });
  return [...new Set(out.map((n) => Math.round(n * 1e6) / 1e6))].sort((a, b) => a - b);
}

/** One example per class: values every comparison on the fact answers alike are one class; figures are kept before the values beside them. */
function oneByClass(candidates: readonly JsonValue[], leaves: readonly LeafNode[], internals: PolicyInternals): JsonValue[] {
  const figures = new Set(leaves.map((l) => JSON.stringify(constantOf(internals, l) ?? null)));
  // Figures first; the sort is stable, so the rest keep their order.
  const preferred = [...candidates].sort((a, b) => Number(!figures.has(JSON.stringify(a))) - Number(!figures.has(JSON.stringify(b))));
  const kept = new Set<string>();
  const seen = new Set<string>();
  for (const c of preferred) {
    const signature = JSON.stringify(
      leaves.map((leaf) => {
        const value = constantOf(internals, leaf);
        if (value === undefined) return 'x';
        try {
          return leaf.compare(leaf.segments === undefined ? c : resolvePath(c, leaf.segments), value);
        } catch {
          return 'e';
        }
      }),
    );
    if (seen.has(signature)) continue;
    seen.add(signature);
    kept.add(JSON.stringify(c));
  }
  return candidates.filter((c) => kept.has(JSON.stringify(c)));
}

function wrap(segments: readonly string[], value: JsonValue): JsonValue {
  return segments.reduceRight<JsonValue>(
    (acc, key) => (/^\d+$/.test(key) ? Array.from({ length: Number(key) + 1 }, (_x, k): JsonValue => (k === Number(key) ? acc : null)) : { [key]: acc }),
    value,
  );
}

function unique<T>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = JSON.stringify(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** The formats {@link renderReview} writes. */
export type ReviewFormat = 'markdown' | 'html' | 'csv' | 'json';

/** One text of a region, flattened: what each format lists. */
interface TextRow {
  readonly locale: string;
  /** `text`, `why-not`, `counterfactual`, `question`, `escalation`. */
  readonly kind: string;
  /** The outcome of a why-not, the fact of a question. */
  readonly about?: string;
  readonly text: string;
}

function rowsOf(region: ReviewRegion, locale: string): TextRow[] {
  const t = region.texts[locale];
  if (t === undefined) return [];
  return [
    { locale, kind: 'text', text: t.text },
    ...t.whyNot.map((w) => ({ locale, kind: 'why-not', about: w.outcome, text: w.text })),
    ...t.counterfactuals.map((text) => ({ locale, kind: 'counterfactual', text })),
    ...t.questions.map((q) => ({ locale, kind: 'question', about: q.fact, text: q.question })),
    ...(t.escalation === undefined ? [] : [{ locale, kind: 'escalation', text: t.escalation }]),
  ];
}

const show = (v: JsonValue): string => JSON.stringify(v);

function headingOf(region: ReviewRegion): string {
  return region.decidedBy !== null ? `${region.outcome} by rule ${region.decidedBy}` : region.outcome === UNDECIDED ? 'undecided' : `${region.outcome} by default`;
}

/** The facts of a region in words: the decisive ones, the examples, the unknown ones. */
function factsLine(region: ReviewRegion, code: (s: string) => string): string[] {
  const pairs = (names: readonly string[]): string => names.map((n) => `${code(n)} = ${code(show(region.facts[n] as JsonValue))}`).join(', ');
  const examples = Object.keys(region.facts).filter((n) => !region.decisive.includes(n));
  return [
    `Facts: ${region.decisive.length === 0 ? 'none' : pairs(region.decisive)}`,
    ...(examples.length === 0 ? [] : [`Other facts (example values): ${pairs(examples)}`]),
    ...(region.missing.length === 0 ? [] : [`Missing: ${region.missing.map(code).join(', ')}`]),
  ];
}

function summaryOf(review: PolicyReview): string {
  const n = review.regions.length;
  const cap = review.limited === undefined ? '' : ` The search stopped at its cap (${review.limited.maxRegions} regions, ${review.limited.maxEvaluations} fact sets): the policy has more regions than shown.`;
  return `${n} region${n === 1 ? '' : 's'} from ${review.evaluated} fact set${review.evaluated === 1 ? '' : 's'} tried; locales ${review.locales.join(', ')}.${cap}`;
}

/**
 * Renders a review. `markdown` (for reading and for snapshots: one text a line, so a changed
 * text is one changed line in a diff), `html` (a page, every policy text escaped), `csv` (one
 * row per text: region, outcome, decidedBy, facts, locale, kind, about, text) or `json`.
 *
 * @example
 * ```ts
 * writeFileSync('refund.review.md', renderReview(reviewPolicy(policy)));
 * ```
 */
export function renderReview(review: PolicyReview, format: ReviewFormat = 'markdown'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(review, null, 2)}\n`;
    case 'csv':
      return renderCsv(review);
    case 'html':
      return renderHtml(review);
    default:
      return renderMarkdown(review);
  }
}

const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ');

function renderMarkdown(review: PolicyReview): string {
  const code = (s: string): string => `\`${s.replace(/`/g, 'ˋ')}\``;
  const lines = [`# Review of ${code(review.policy.id)} ${review.policy.version}`, '', summaryOf(review), '', '## Disclosure', ''];
  for (const l of review.locales) lines.push(`- ${l}: ${oneLine(review.disclosure[l] ?? '')}`);
  for (const region of review.regions) {
    lines.push('', `## ${region.id}. ${headingOf(region)}`);
    for (const f of factsLine(region, code)) lines.push('', f);
    for (const locale of review.locales) {
      lines.push('', `### ${locale}: ${oneLine(region.texts[locale]?.outcomeLabel ?? '')}`, '');
      for (const row of rowsOf(region, locale)) lines.push(`- ${row.kind}${row.about === undefined ? '' : ` (${row.about})`}: ${oneLine(row.text)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function renderCsv(review: PolicyReview): string {
  const cell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['region', 'outcome', 'decidedBy', 'facts', 'locale', 'kind', 'about', 'text'].join(',')];
  for (const l of review.locales) lines.push(['', '', '', '', l, 'disclosure', '', review.disclosure[l] ?? ''].map(cell).join(','));
  for (const region of review.regions) {
    for (const locale of review.locales) {
      for (const row of rowsOf(region, locale)) {
        lines.push([String(region.id), region.outcome, region.decidedBy ?? '', JSON.stringify(region.facts), locale, row.kind, row.about ?? '', row.text].map(cell).join(','));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function renderHtml(review: PolicyReview): string {
  const e = escapeHtml;
  const code = (s: string): string => `<code>${e(s)}</code>`;
  const out = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Review of ${e(review.policy.id)} ${e(review.policy.version)}</title>`,
    '<style>body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}</style>',
    '</head><body>',
    `<h1>Review of ${code(review.policy.id)} ${e(review.policy.version)}</h1>`,
    `<p>${e(summaryOf(review))}</p>`,
    '<h2>Disclosure</h2><ul>',
    ...review.locales.map((l) => `<li lang="${e(l)}"><b>${e(l)}</b>: ${e(review.disclosure[l] ?? '')}</li>`),
    '</ul>',
  ];
  for (const region of review.regions) {
    out.push(`<h2 id="region-${region.id}">${region.id}. ${e(headingOf(region))}</h2>`);
    // factsLine's own words are plain; every name and value in it went through `code`.
    for (const f of factsLine(region, code)) out.push(`<p>${f}</p>`);
    out.push('<table><thead><tr><th>locale</th><th>kind</th><th>text</th></tr></thead><tbody>');
    for (const locale of review.locales) {
      out.push(`<tr><td>${e(locale)}</td><td>outcome</td><td lang="${e(locale)}">${e(region.texts[locale]?.outcomeLabel ?? '')}</td></tr>`);
      for (const row of rowsOf(region, locale)) {
        out.push(`<tr><td>${e(locale)}</td><td>${e(row.kind)}${row.about === undefined ? '' : ` (${e(row.about)})`}</td><td lang="${e(locale)}">${e(row.text)}</td></tr>`);
      }
    }
    out.push('</tbody></table>');
  }
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}
