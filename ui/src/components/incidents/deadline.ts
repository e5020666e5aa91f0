// The 10(b) clock as the window shows it. The library owns the rule (src/incidents/deadline.rs):
// the last day to file the charge with the Board AND serve it on the employer is the incident's
// day six calendar months later, clamped to the end of a shorter month, never moved to the next
// business day. This mirrors it for the live preview while the date is being typed, and maps the
// library's levels to the badge tones of the design (danger / warning / neutral).
import type { DeadlineClock, DeadlineLevel, IncidentRow } from "../../lib/bindings";
import { daysBetween, parseDay } from "../../lib/dates";

/** Calendar months from the incident to the last day. */
export const MONTHS = 6;
/** Days left at or under which each warning starts (as the library's levels). */
export const WARN_60 = 60;
export const WARN_30 = 30;
export const WARN_14 = 14;

const pad = (n: number) => String(n).padStart(2, "0");

/** The last day to file and serve (YYYY-MM-DD), or null for a day that is not a date. */
export function lastDayOf(occurredOn: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(occurredOn)) return null;
  const d = parseDay(occurredOn);
  if (!d) return null;
  const [y, m, day] = occurredOn.split("-").map(Number) as [number, number, number];
  if (d.getFullYear() !== y || d.getMonth() + 1 !== m || d.getDate() !== day) return null; // 2025-02-31
  let year = y;
  let month = m + MONTHS; // 1-based
  if (month > 12) {
    month -= 12;
    year += 1;
  }
  const daysInMonth = new Date(year, month, 0).getDate();
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(Math.min(day, daysInMonth))}`;
}

/** Days from `today` to `lastDay`: 0 on the last day, negative after it. */
export function daysLeft(lastDay: string, today: string): number {
  return daysBetween(today, lastDay);
}

/** The library's level for a number of days left. */
export function levelOf(days: number): DeadlineLevel {
  if (days < 0) return "passed";
  if (days <= WARN_14) return "days14";
  if (days <= WARN_30) return "days30";
  if (days <= WARN_60) return "days60";
  return "ok";
}

export type Tone = "danger" | "warn" | "neutral";

/** The badge tone of a level: danger within 30 days (and once passed), warning within 60, neutral otherwise. */
export function toneOf(level: DeadlineLevel): Tone {
  switch (level) {
    case "passed":
    case "days14":
    case "days30":
      return "danger";
    case "days60":
      return "warn";
    default:
      return "neutral";
  }
}

/** The clock a new incident on `occurredOn` would have today (the form's live preview). */
export function previewClock(occurredOn: string, today: string): { lastDay: string; clock: DeadlineClock } | null {
  const lastDay = lastDayOf(occurredOn);
  if (!lastDay) return null;
  const days = daysLeft(lastDay, today);
  return { lastDay, clock: { daysLeft: days, level: levelOf(days), needsFiling: true, needsService: true } };
}

/** Share of the six months gone (0–1), for the timeline bar. */
export function elapsedShare(occurredOn: string, lastDay: string, today: string): number {
  const total = daysBetween(occurredOn, lastDay);
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, daysBetween(occurredOn, today) / total));
}

/** When the last day falls on a weekend, the Friday before it (file and serve by then); else null. */
export function weekdayBefore(lastDay: string): string | null {
  const d = parseDay(lastDay);
  if (!d) return null;
  const dow = d.getDay();
  if (dow !== 0 && dow !== 6) return null;
  d.setDate(d.getDate() - (dow === 0 ? 2 : 1));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Urgency order of the log: running clocks first (in time, fewest days left first; then past
 *  their last day, most recently passed first), then the rest, most recent incident first. */
export function byUrgency(a: IncidentRow, b: IncidentRow): number {
  const key = (r: IncidentRow): [number, number] => {
    if (!r.clock) return [2, 0];
    return r.clock.daysLeft >= 0 ? [0, r.clock.daysLeft] : [1, -r.clock.daysLeft];
  };
  const [ga, va] = key(a);
  const [gb, vb] = key(b);
  if (ga !== gb) return ga - gb;
  if (va !== vb) return va - vb;
  return a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : b.id - a.id;
}
