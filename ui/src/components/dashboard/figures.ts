// Words and small arithmetic for the plan's figures. Every number shown comes from the backend
// (counts, thresholds in workers, "more needed"); here it is only labelled and laid out.
import type { GoalKind, ThresholdMark } from "../../lib/bindings";
import { daysBetween, parseDay } from "../../lib/dates";
import { locale, t, type MessageKey } from "../../lib/i18n/index.svelte";

/** Bars list the levels in this order: 1 (leader) … 5 (anti-union), then unassessed. */
export const STACK_ORDER = [1, 2, 3, 4, 5, 0] as const;

/** The short word under a threshold tick ("petition", "majority", "goal"). */
export function markWord(goal: GoalKind): string {
  switch (goal) {
    case "showing_of_interest":
      return t("dash.mark.petition");
    case "card_majority":
    case "majority_support":
      return t("dash.mark.majority");
    default:
      return t("dash.mark.goal");
  }
}

/** The first threshold not reached yet, or null when every one is met. */
export function nextMark(marks: readonly ThresholdMark[]): ThresholdMark | null {
  return [...marks].sort((a, b) => a.needed - b.needed).find((m) => !m.met) ?? null;
}

/** "6 more" and "to petition", from the threshold's own numbers. */
export function gapWords(mark: ThresholdMark | null): { strong: string; rest: string } {
  if (!mark) return { strong: t("dash.gap.done"), rest: t("dash.gap.doneRest") };
  return { strong: t("dash.gap.more", { n: mark.moreNeeded }), rest: t("dash.gap.to", { what: markWord(mark.goal) }) };
}

const GOAL_KEY: Record<GoalKind, MessageKey> = {
  committee_coverage: "plan.goal.committee_coverage",
  assessed: "plan.goal.assessed",
  majority_support: "plan.goal.majority_support",
  showing_of_interest: "plan.goal.showing_of_interest",
  card_majority: "plan.goal.card_majority",
  card_target: "plan.goal.card_target",
};

/** A goal's name in the UI's language (the target percent filled in for the card target). */
export function goalLabel(kind: GoalKind, percent: number | null = null): string {
  return t(GOAL_KEY[kind], { p: percent ?? 65 });
}

/** Badge tone for a 10(b) deadline: danger under 30 days, warning under 60, neutral otherwise. */
export function deadlineTone(daysLeft: number): "b-danger" | "b-warn" | "b-neutral" {
  if (daysLeft < 30) return "b-danger";
  if (daysLeft < 60) return "b-warn";
  return "b-neutral";
}

/** How much of the six months has run (0–100), for the thin bar under a deadline. */
export function elapsedPercent(deadline: string, today: string): number {
  const left = daysBetween(today, deadline);
  const total = 183;
  return Math.max(0, Math.min(100, ((total - left) / total) * 100));
}

const CATEGORY_KEY: Record<string, MessageKey> = {
  threat: "dash.cat.threat",
  interrogation: "dash.cat.interrogation",
  promise_of_benefit: "dash.cat.promise_of_benefit",
  surveillance: "dash.cat.surveillance",
  retaliation: "dash.cat.retaliation",
};

export function categoryLabel(category: string): string {
  const key = CATEGORY_KEY[category];
  return key ? t(key) : t("dash.cat.other");
}

/** "Nov 26": a near day, without the year unless it is another year's (narrow cards). */
export function shortDay(day: string, today: string): string {
  const d = parseDay(day);
  if (!d) return day;
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) }).format(d);
}
