/**
 * The pair's cadence as an RFC 5545 recurrence rule (the value of RRULE, without "RRULE:").
 * A cadence is a number of days: whole weeks repeat weekly (28 days is every four weeks, not
 * monthly — a month drifts against a rhythm counted in days), anything else every n days.
 */
export interface RecurrenceEnd {
  /** How many sessions in all, the first included (COUNT). */
  count?: number;
  /** The last day a session may start on, as a UTC date-time "YYYYMMDDTHHMMSSZ" (UNTIL). */
  until?: string;
}

export function recurrenceRule(cadenceDays: number, end: RecurrenceEnd = {}): string {
  const days = Math.max(1, Math.round(cadenceDays));
  const parts =
    days % 7 === 0
      ? days === 7
        ? ['FREQ=WEEKLY']
        : ['FREQ=WEEKLY', `INTERVAL=${days / 7}`]
      : days === 1
        ? ['FREQ=DAILY']
        : ['FREQ=DAILY', `INTERVAL=${days}`];
  // RFC 5545 3.3.10: COUNT and UNTIL MUST NOT occur in the same rule; COUNT wins.
  if (end.count !== undefined && Number.isInteger(end.count) && end.count >= 1) {
    parts.push(`COUNT=${end.count}`);
  } else if (end.until && /^\d{8}T\d{6}Z$/.test(end.until)) {
    parts.push(`UNTIL=${end.until}`);
  }
  return parts.join(';');
}
