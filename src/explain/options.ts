import type { FactsError } from '../errors.js';

/** Options of `decide`: those of `explain` that bear on the decision. */
export interface DecideOptions {
  /**
   * The date the decision is about, for the policy's `validFrom`/`validTo`.
   * @default now
   * @example '2026-03-01'
   */
  readonly at?: Date | string;
  /**
   * Keep personal facts out of the result, and out of the messages of a `FactsError` (they say
   * "the value given" instead).
   * @default true
   */
  readonly redact?: boolean;
  /**
   * What to do with a key of `facts` that is not a declared fact: `ignore` it (a misspelt fact
   * then simply stays unknown), or reject with a {@link FactsError} (code `unknown_fact`) that
   * names it and suggests the declared fact it is closest to.
   * @default 'ignore'
   * @example 'error'
   */
  readonly unknownFacts?: 'ignore' | 'error';
}

/** Options of `explain`. */
export interface ExplainOptions extends DecideOptions {
  /**
   * The customer's locale: a BCP 47 tag `Intl` accepts (`nl-BE`, `nl-BE-x-acme`, `en-u-nu-arab`;
   * anything else rejects with `OptionsError`). It falls back through its shorter tags
   * (`nl-BE-x-acme` → `nl-BE` → `nl`), then to the policy's first locale, then to `en`.
   * @default the policy's first locale
   * @example 'nl-BE'
   */
  readonly locale?: string;
  /**
   * An outcome to explain the distance to: which rules would give it and what stops them.
   * @example 'approve'
   */
  readonly whyNot?: string;
  /**
   * `customer` hides internal facts, parameters and figures; `agent` states every condition of
   * each reason with its figures, internal ones included, so staff can explain and overrule.
   * @default 'customer'
   */
  readonly audience?: 'customer' | 'agent';
  /**
   * How much work each of the two searches of a call may do: the counterfactual search (which
   * tries changed facts on the rules that read them) and the `whyNot` search (which gathers,
   * rule by rule, the conditions that stand in the way). Work is counted in steps, one per
   * condition looked at or rule result copied, never in time, so the same call gives the same
   * result on every machine. A search that runs out stops where it is, keeps what it found,
   * and the result says so in `searchLimited`. The default keeps a call on any policy
   * `definePolicy` accepts well under a second, and is far above what an ordinary policy needs
   * (the refund example takes about 40 steps). `Infinity` lifts the limit.
   * @default 200000
   * @example { searchBudget: 1_000_000 }
   */
  readonly searchBudget?: number;
}
