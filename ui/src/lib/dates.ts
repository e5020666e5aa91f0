// Days are YYYY-MM-DD strings in the user's local calendar.
import { locale } from "./i18n/index.svelte";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function todayIso(now: Date = new Date()): string {
  return isoDay(now);
}

export function parseDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function addDays(day: string, n: number): string {
  const d = parseDay(day) ?? new Date();
  d.setDate(d.getDate() + n);
  return isoDay(d);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  const da = parseDay(a);
  const db = parseDay(b);
  if (!da || !db) return 0;
  return Math.round((db.getTime() - da.getTime()) / 86_400_000);
}

/** "14 Oct 2025" / "14 oct 2025": a day in the user's locale. */
export function formatDay(day: string | null | undefined, withWeekday = false): string {
  if (!day) return "";
  const d = parseDay(day);
  if (!d) return day;
  return new Intl.DateTimeFormat(locale(), {
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(withWeekday ? { weekday: "short" } : {}),
  }).format(d);
}

/** A day or an RFC 3339 instant, shown as a day. */
export function formatWhen(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return formatDay(isoDay(d));
}

/** How long ago an RFC 3339 instant was, in words ("2 minutes ago", "hace 2 minutos"); null under a
 *  minute (or for a bad value), so the caller can say "a moment ago". */
export function formatAgo(rfc3339: string, now: Date = new Date()): string | null {
  const then = new Date(rfc3339).getTime();
  if (Number.isNaN(then)) return null;
  const minutes = Math.floor((now.getTime() - then) / 60_000);
  if (minutes < 1) return null;
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: "auto" });
  if (minutes < 60) return rtf.format(-minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return rtf.format(-hours, "hour");
  return rtf.format(-Math.floor(hours / 24), "day");
}
