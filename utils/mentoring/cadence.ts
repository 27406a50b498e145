/** Date arithmetic for the pair's meeting rhythm, on the local date-time strings the records keep. */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function toLocalDateTime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/** The next session's date: the last one plus the cadence, same time of day; '' when unknown. */
export function nextSessionDate(scheduledAt: string, cadenceDays: number): string {
  if (!scheduledAt) return '';
  const date = new Date(scheduledAt);
  if (Number.isNaN(date.getTime())) return '';
  date.setDate(date.getDate() + cadenceDays);
  return toLocalDateTime(date);
}
