import type { MessageKey } from "./i18n/en";
import type { IconName } from "./icons";

export type SectionId = "today" | "workers" | "wallchart" | "map" | "incidents" | "plan" | "export" | "vault";
export type PlaceholderId = Exclude<SectionId, "vault">;

export type NavItem = { id: PlaceholderId; label: MessageKey; icon: IconName; digit: number };

/** The sidebar sections in order; Alt+digit (Option+digit on macOS) switches to each (the wall
 * chart came later, so it is Alt+7). */
export const NAV: readonly NavItem[] = [
  { id: "today", label: "nav.today", icon: "today", digit: 1 },
  { id: "workers", label: "nav.workers", icon: "workers", digit: 2 },
  { id: "wallchart", label: "nav.wallchart", icon: "wallchart", digit: 7 },
  { id: "map", label: "nav.map", icon: "map", digit: 3 },
  { id: "incidents", label: "nav.incidents", icon: "incidents", digit: 4 },
  { id: "plan", label: "nav.plan", icon: "plan", digit: 5 },
  { id: "export", label: "nav.export", icon: "export", digit: 6 },
];

/** Vault settings: Alt+0. */
export const VAULT_DIGIT = 0;
