// Days as UTC midnights in milliseconds, and the API's partial dates and periods (EDTF: 2023, 2023-06, 2023-06-15, A/B, ..).
export const Day = 86_400_000;

const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const instant = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export const today = () => Math.floor(Date.now() / Day) * Day;
export const isoDay = ms => new Date(ms).toISOString().slice(0, 10);
export const describeDay = ms => shortDay.format(ms);
export const describeInstant = text => instant.format(new Date(text));

/** The first (or, with end, the last) day of a partial date. */
export function bound(text, end = false) {
    const [year, month, day] = text.split('-').map(Number);
    if (day) return Date.UTC(year, month - 1, day);
    if (month) return end ? Date.UTC(year, month, 0) : Date.UTC(year, month - 1, 1);
    return end ? Date.UTC(year, 11, 31) : Date.UTC(year, 0, 1);
}

/** A period's first and last days; null for an open end. */
export function period(text) {
    const [from, until] = text.includes('/') ? text.split('/') : [text, text];
    return { start: from === '..' ? null : bound(from), end: until === '..' ? null : bound(until, true) };
}

/** True for a full date (YYYY-MM-DD) that exists. */
export const isDay = text => /^\d{4}-\d{2}-\d{2}$/.test(text) && isoDay(bound(text)) === text;

export function daysBetween(from, to) {
    return Math.round((to - from) / Day);
}
