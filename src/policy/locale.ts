/**
 * Locale tags, as `Intl` reads them: the one judge of what a BCP 47 tag is, since every text is
 * formatted through `Intl` in the end. `nl-BE-x-acme` and `en-u-nu-arab` are tags; `en-12`,
 * `en-US-US` and `en_US` are not.
 * @internal
 */

/** The shape of a tag, for the JSON Schema; {@link canonicalLocale} decides. */
export const LOCALE_SHAPE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/** Tags already judged (`null`: refused), as every call of `explain` asks again; bounded. */
const judged = new Map<string, string | null>();

/** The canonical form of a BCP 47 tag (`nl-be` → `nl-BE`), or `undefined` when `Intl` refuses it. */
export function canonicalLocale(tag: string): string | undefined {
  const known = judged.get(tag);
  if (known !== undefined) return known ?? undefined;
  let canonical: string | undefined;
  if (LOCALE_SHAPE.test(tag)) {
    try {
      canonical = Intl.getCanonicalLocales(tag)[0];
    } catch {
      canonical = undefined;
    }
  }
  if (judged.size >= 256) judged.clear();
  judged.set(tag, canonical ?? null);
  return canonical;
}

/**
 * A tag and the shorter tags it falls back to, longest first: `nl-BE-x-acme` → `nl-BE-x-acme`,
 * `nl-BE`, `nl`. A shorter tag that is not a tag itself (`nl-BE-x`) is left out.
 */
export function localeFallbacks(tag: string): string[] {
  const parts = tag.split('-');
  const out: string[] = [];
  for (let n = parts.length; n >= 1; n--) {
    const shorter = parts.slice(0, n).join('-');
    if ((parts[n - 1] ?? '').length > 1 && canonicalLocale(shorter) !== undefined) out.push(shorter);
  }
  return out;
}
