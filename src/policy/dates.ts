/** An ISO 8601 date, optionally with a time and an offset: `2026-03-01`, `2026-03-01T10:00:00Z`. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

const DIGITS_AT = [0, 1, 2, 3, 5, 6, 8, 9];

/** `YYYY-MM-DD`, checked character by character. */
function isDayOnly(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (const i of DIGITS_AT) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The number the ASCII digits `text[from..to)` write. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

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
  if (isDayOnly(text)) {
    // The common case, without the full pattern and the string parse: midnight UTC, as ISO says.
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
    // Date.UTC reads the years 0 to 99 as 1900 to 1999.
    return year >= 100 ? new Date(Date.UTC(year, month - 1, day)) : new Date(text);
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
