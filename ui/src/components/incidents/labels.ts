// Names of the incident log's values, translated; the badge for a deadline.
import type { AffidavitStatus, DeadlineClock, Evidence, IncidentCategory, IncidentStatus } from "../../lib/bindings";
import { t, type MessageKey } from "../../lib/i18n/index.svelte";
import { toneOf, type Tone } from "./deadline";

/** The categories in the order the form offers them (TIPS, then retaliation and other). */
export const CATEGORIES: readonly IncidentCategory[] = ["threat", "interrogation", "promise_of_benefit", "surveillance", "retaliation", "other"];

/** The letter on the category chip (TIPS + R + O). */
export const CATEGORY_LETTER: Record<IncidentCategory, string> = {
  threat: "T",
  interrogation: "I",
  promise_of_benefit: "P",
  surveillance: "S",
  retaliation: "R",
  other: "O",
};

const CATEGORY_KEY: Record<IncidentCategory, MessageKey> = {
  threat: "incidents.cat.threat",
  interrogation: "incidents.cat.interrogation",
  promise_of_benefit: "incidents.cat.promise_of_benefit",
  surveillance: "incidents.cat.surveillance",
  retaliation: "incidents.cat.retaliation",
  other: "incidents.cat.other",
};

const CATEGORY_HINT: Record<IncidentCategory, MessageKey> = {
  threat: "incidents.catHint.threat",
  interrogation: "incidents.catHint.interrogation",
  promise_of_benefit: "incidents.catHint.promise_of_benefit",
  surveillance: "incidents.catHint.surveillance",
  retaliation: "incidents.catHint.retaliation",
  other: "incidents.catHint.other",
};

export const categoryLabel = (c: IncidentCategory): string => t(CATEGORY_KEY[c]);
export const categoryHint = (c: IncidentCategory): string => t(CATEGORY_HINT[c]);

/** The status steps in order. */
export const STATUSES: readonly IncidentStatus[] = ["logged", "sent_to_counsel", "charge_filed", "charge_served", "closed"];

const STATUS_KEY: Record<IncidentStatus, MessageKey> = {
  logged: "incidents.status.logged",
  sent_to_counsel: "incidents.status.sent_to_counsel",
  charge_filed: "incidents.status.charge_filed",
  charge_served: "incidents.status.charge_served",
  closed: "incidents.status.closed",
};

const STEP_KEY: Record<IncidentStatus, MessageKey> = {
  logged: "incidents.step.logged",
  sent_to_counsel: "incidents.step.sent_to_counsel",
  charge_filed: "incidents.step.charge_filed",
  charge_served: "incidents.step.charge_served",
  closed: "incidents.step.closed",
};

/** Where the incident stands, as a badge ("Charge not filed", "Charge filed · not served"…). */
export const statusLabel = (s: IncidentStatus): string => t(STATUS_KEY[s]);
/** The step as an action or a line of the timeline ("Charge filed", "Sent to counsel"…). */
export const stepLabel = (s: IncidentStatus): string => t(STEP_KEY[s]);

export function statusTone(s: IncidentStatus): "neutral" | "accent" | "ok" {
  if (s === "charge_served") return "ok";
  if (s === "sent_to_counsel" || s === "charge_filed") return "accent";
  return "neutral";
}

/** "INC-007": the short reference of an incident. */
export const incidentRef = (id: number): string => `INC-${String(id).padStart(3, "0")}`;

/** The text of a deadline badge: days left, the last day, or how long ago it passed. */
export function clockText(clock: DeadlineClock): string {
  const d = clock.daysLeft;
  if (d < 0) return t(d === -1 ? "incidents.passed1" : "incidents.passedN", { n: -d });
  if (d === 0) return t("incidents.lastDayToday");
  return t(d === 1 ? "incidents.daysLeft1" : "incidents.daysLeftN", { n: d });
}

export function clockTone(clock: DeadlineClock): Tone {
  return toneOf(clock.level);
}

const AFF_STATUS_KEY: Record<AffidavitStatus, MessageKey> = {
  draft: "affidavit.status.draft",
  ready_for_counsel: "affidavit.status.ready_for_counsel",
  sent: "affidavit.status.sent",
};

export const affidavitStatusLabel = (s: AffidavitStatus): string => t(AFF_STATUS_KEY[s]);

/** What kind of file, for its icon and whether it can be viewed inside the app. */
export type FileKind = "image" | "pdf" | "audio" | "video" | "other";

export function fileKind(e: Pick<Evidence, "mediaType" | "fileName">): FileKind {
  const m = e.mediaType.toLowerCase();
  if (m === "application/pdf" || /\.pdf$/i.test(e.fileName)) return "pdf";
  if (m.startsWith("image/")) return "image";
  if (m.startsWith("audio/")) return "audio";
  if (m.startsWith("video/")) return "video";
  return "other";
}

/** Images the WebView draws (not e.g. HEIC or TIFF) and PDFs are shown inside the app. */
export function viewable(e: Pick<Evidence, "mediaType" | "fileName">): boolean {
  const kind = fileKind(e);
  if (kind === "pdf") return true;
  return kind === "image" && /^image\/(png|jpe?g|gif|webp|bmp|svg\+xml|avif)$/i.test(e.mediaType);
}

/** "9f2c41…e07a" */
export const shortHash = (h: string): string => (h.length > 12 ? `${h.slice(0, 6)}…${h.slice(-4)}` : h);
