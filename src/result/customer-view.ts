import { OptionsError } from '../errors.js';
import type { DecisionResult, MissingFact } from './schema.js';

/** A citation of the policy text behind a reason, as a customer may read it. */
export interface CustomerSource {
  readonly title: string;
  readonly url?: string;
  readonly section?: string;
}

/**
 * What a customer may read of a decision (CONTRACT §6): the texts, the citations and the
 * questions meant for them, and nothing else of the result. No trace, no rule names, no
 * conditions, no facts used, no fact names: what a host may pass on to a front end or a model.
 */
export interface CustomerView {
  /** The outcome's label in the result's locale ("declined"). */
  readonly outcomeLabel: string;
  /** The customer text: one short paragraph. */
  readonly text: string;
  /** The reasons, determining one first, each with the policy text it comes from. */
  readonly reasons: readonly { readonly text: string; readonly source?: CustomerSource }[];
  /** What would have turned out better, in words. */
  readonly counterfactuals: readonly { readonly text: string }[];
  /** With the `whyNot` option: what stands between the facts and that outcome, in words. */
  readonly whyNot?: { readonly text: string; readonly blockers: readonly { readonly text: string }[] };
  /** The questions to ask the customer, most decisive first (none for facts the host supplies). */
  readonly questions: readonly string[];
  /** Whether a person is offered, and the sentence saying how. */
  readonly escalation: { readonly offered: boolean; readonly text: string };
  /** The sentence that an automated system took this decision. */
  readonly disclosure: string;
  /** The locale of every text above. */
  readonly locale: string;
}

/**
 * Reduces a result to what a customer may read (CONTRACT §6): {@link CustomerView}. Internal
 * figures, personal values (while `redact` is on) and internal labels are kept out of the texts
 * by `explain` itself; this drops every field that is not a customer text (the trace, the
 * reasons' conditions, `whyNot.blockers[].failed`, `factsUsed`, counterfactual changes, rule and
 * fact names, questions for the host), so a host can forward a result without picking fields.
 * The tool adapters build what a model reads from the same view.
 *
 * @param result A result of `explain` with `audience: 'customer'` (the default).
 * @returns A fresh, JSON-serialisable object.
 * @throws {OptionsError} when the result was explained for staff (`audience: 'agent'`): its
 *   texts hold internal figures, and no view of it is fit for a customer.
 * @example
 * ```ts
 * const result = await explain(policy, facts, { locale: 'nl' });
 * audit.log(result);                  // everything, for the host
 * response.json(customerView(result)); // only what the customer may read
 * ```
 */
export function customerView(result: DecisionResult): CustomerView {
  if (result.audience !== 'customer') {
    throw new OptionsError([
      { code: 'not_customer_audience', path: 'audience', message: 'customerView() takes a result explained for the customer (audience "customer"); staff texts hold internal figures.' },
    ]);
  }
  return readableView(result);
}

/**
 * The fields of {@link CustomerView}, picked from a result of either audience: the one definition
 * of what is a text for the reader, which {@link customerView} and the tool adapters share.
 * @internal
 */
export function readableView(result: DecisionResult): CustomerView {
  return {
    outcomeLabel: result.outcomeLabel,
    text: result.text,
    reasons: result.reasons.map((r) => (r.source === undefined ? { text: r.text } : { text: r.text, source: citation(r.source) })),
    counterfactuals: result.counterfactuals.map((c) => ({ text: c.text })),
    ...(result.whyNot === undefined ? {} : { whyNot: { text: result.whyNot.text, blockers: result.whyNot.blockers.map((b) => ({ text: b.text })) } }),
    questions: askedOfCustomer(result).map((m) => m.question),
    escalation: { offered: result.escalation.offered, text: result.escalation.text },
    disclosure: result.disclosure,
    locale: result.locale,
  };
}

/** The missing facts whose questions are for the customer: not the host's internal ones. @internal */
export function askedOfCustomer(result: Pick<DecisionResult, 'missing'>): MissingFact[] {
  return result.missing.filter((m) => m.askCustomer);
}

function citation(source: { title: string; url?: string | undefined; section?: string | undefined }): CustomerSource {
  return {
    title: source.title,
    ...(source.url === undefined ? {} : { url: source.url }),
    ...(source.section === undefined ? {} : { section: source.section }),
  };
}
