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
}
