/** An ISO 8601 date, optionally with a time and an offset: `2026-03-01`, `2026-03-01T10:00:00Z`. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Whether `text` is an ISO 8601 date of the calendar: `Date.parse` alone takes `2026-02-30`
 * for the 2nd of March.
 * @internal
 */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (m === null || Number.isNaN(Date.parse(text))) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  return m[5] === undefined || (Number(m[5]) <= 23 && Number(m[6]) <= 59);
}
