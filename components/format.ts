/** Dates and times in the browser's locale (Intl), from the strings the records keep. */

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function formatDateTime(localDateTime: string): string {
  const date = new Date(localDateTime);
  if (Number.isNaN(date.getTime())) return localDateTime;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
