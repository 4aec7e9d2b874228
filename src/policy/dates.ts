/** An ISO 8601 date, optionally with a time and an offset: `2026-03-01`, `2026-03-01T10:00:00Z`. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether `text` is an ISO 8601 date of the calendar: `Date.parse` alone takes `2026-02-30`
 * for the 2nd of March.
 * @internal
 */
export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

/**
 * The date an ISO 8601 date of the calendar names, or `undefined` when `text` is not one.
 * @internal
 */
export function parseIsoDate(text: string): Date | undefined {
  if (DAY_ONLY.test(text)) {
    // The common case, without the full pattern and the string parse: midnight UTC, as ISO says.
    const year = Number(text.slice(0, 4));
    const month = Number(text.slice(5, 7));
    const day = Number(text.slice(8, 10));
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years below 100 as 19xx
    return date;
  }
  const m = ISO_DATE.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (m[5] !== undefined && (Number(m[5]) > 23 || Number(m[6]) > 59)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
