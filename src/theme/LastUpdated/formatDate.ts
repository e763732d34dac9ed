const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The date as `Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric',
 * timeZone: 'UTC' })` writes it ("Dec 2, 2026"), without Intl: creating the first
 * DateTimeFormat of a page loads the browser's locale data, about 50 ms of a chapter's
 * hydration on a laptop and four times that on a phone, for one date in the page footer.
 * The site has one locale, English; a second one would need Intl back (see ./index.tsx).
 */
export function formatUtcDate(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}
