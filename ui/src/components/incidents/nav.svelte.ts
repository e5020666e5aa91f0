// Where the incidents section is (the log, an incident, an affidavit draft) and the "Log incident"
// form, reachable from anywhere in the unlocked shell: Today's deadlines, a worker's page, the
// Ctrl/Cmd+Shift+I shortcut. The Shell binds `go` (switch to the section) while it is mounted;
// unbinding (locking) forgets everything, like the rest of the session's UI state.
import type { AffidavitLanguage } from "../../lib/bindings";

export type IncidentsView =
  | { kind: "log" }
  | { kind: "incident"; id: number }
  /** A saved draft. */
  | { kind: "affidavit"; id: number; from: number | null }
  /** A new draft, not saved yet (the first Save creates it). `from`: the incident it was started from. */
  | { kind: "new-affidavit"; affiantId: number; incidentIds: number[]; language: AffidavitLanguage | null; from: number | null };

export const incidentsNav = $state<{ view: IncidentsView; key: number }>({ view: { kind: "log" }, key: 0 });

/** The "Log incident" form (`editId`: an incident being edited; null: a new one). */
export const incidentForm = $state<{ open: boolean; key: number; editId: number | null }>({ open: false, key: 0, editId: null });

let go: () => void = () => {};

function show(view: IncidentsView): void {
  incidentsNav.view = view;
  incidentsNav.key += 1;
  go();
}

export const openIncidentLog = (): void => show({ kind: "log" });
export const openIncident = (id: number): void => show({ kind: "incident", id });
export const openAffidavit = (id: number, from: number | null = null): void => show({ kind: "affidavit", id, from });
export const newAffidavit = (affiantId: number, incidentIds: number[], language: AffidavitLanguage | null = null, from: number | null = null): void =>
  show({ kind: "new-affidavit", affiantId, incidentIds, language, from });

export function openLogIncident(editId: number | null = null): void {
  incidentForm.editId = editId;
  incidentForm.key += 1;
  incidentForm.open = true;
}

export function closeLogIncident(): void {
  incidentForm.open = false;
}

/** The Shell, while mounted: `show` switches to the incidents section. Returns the unbinding. */
export function bindIncidentsNav(showSection: () => void): () => void {
  go = showSection;
  return () => {
    go = () => {};
    incidentsNav.view = { kind: "log" };
    incidentForm.open = false;
    incidentForm.editId = null;
  };
}
