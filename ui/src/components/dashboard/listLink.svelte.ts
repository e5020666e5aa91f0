// Click-through from a number to the workers behind it. Today, the dashboard and the plan call
// openWorkerList(); the Shell (which registered the navigator) switches to the worker list, and
// the list takes the pending link: either a WorkerFilter that lists exactly those workers (the
// backend gives one for today's figures), or just their ids (a point of the weekly series, the
// people of an incident, a set no filter can express), which the list keeps after loading.
import type { WorkerFigure } from "../../lib/bindings";
import type { SectionId } from "../../lib/sections";
import { emptyFilter, type WorkerFilter, type WorkerList, type WorkerRow } from "../../lib/types";

export type WorkerListLink = {
  /** What the number is, shown over the list ("Picking · 1 Leader"). */
  label: string;
  /** A table filter listing exactly the workers, when there is one. */
  filter: WorkerFilter | null;
  /** The workers' ids (used when there is no filter). */
  ids: number[];
  /** Where the number was clicked: the list offers a way back there. */
  from: SectionId | null;
};

/** The link waiting for the worker list, and a counter bumped on every click. */
export const workerListLink = $state<{ pending: WorkerListLink | null; key: number }>({ pending: null, key: 0 });

type Navigate = (section: SectionId) => void;
let navigate: Navigate | null = null;

/** The Shell's way to switch sections; returns the function that unregisters it. */
export function setWorkerListNavigator(fn: Navigate): () => void {
  navigate = fn;
  return () => {
    if (navigate === fn) navigate = null;
  };
}

/** The one way every click-through opens the list (an object, so a test can spy on `open`). */
export const listHook = {
  open(link: WorkerListLink): void {
    workerListLink.pending = link;
    workerListLink.key += 1;
    navigate?.("workers");
  },
};

/** Open the worker list showing exactly these workers. */
export function openWorkerList(link: WorkerListLink): void {
  listHook.open(link);
}

/** A figure's link: its filter (today's figures) and its ids. */
export function figureLink(figure: WorkerFigure, label: string, from: SectionId | null): WorkerListLink {
  return { label, filter: figure.filter ? { ...figure.filter } : null, ids: [...figure.workerIds], from };
}

/** Open the workers behind a figure (nothing to open for an empty one). */
export function openFigure(figure: WorkerFigure, label: string, from: SectionId | null): void {
  if (figure.count === 0 && figure.workerIds.length === 0) return;
  openWorkerList(figureLink(figure, label, from));
}

/** Open a list of worker ids. */
export function openIds(ids: readonly number[], label: string, from: SectionId | null): void {
  if (ids.length === 0) return;
  openWorkerList({ label, filter: null, ids: [...new Set(ids)], from });
}

/** Switch to another section (the list's "Back" button; "Open the plan" on Today). */
export function goToSection(section: SectionId): void {
  navigate?.(section);
}

/** The pending link, once: the worker list calls this when it mounts or when the key changes. */
export function takeWorkerListLink(): WorkerListLink | null {
  const link = workerListLink.pending;
  workerListLink.pending = null;
  return link;
}

/** The table filter a link starts from. */
export function linkFilter(link: WorkerListLink | null): WorkerFilter {
  if (!link) return emptyFilter();
  if (link.filter) return { ...emptyFilter(), ...link.filter };
  // Ids only: look among everyone (any status, supervisors too), then keep just them.
  return { ...emptyFilter(), statuses: ["active", "left", "excluded"], includeSupervisors: true };
}

/** The ids the list must keep after loading (null: the filter alone is the link). */
export function linkIds(link: WorkerListLink | null): ReadonlySet<number> | null {
  if (!link || link.filter) return null;
  return new Set(link.ids);
}

/** Keep only the given workers, with the counts recomputed from the rows kept. */
export function restrictList(list: WorkerList, ids: ReadonlySet<number>): WorkerList {
  const rows: WorkerRow[] = list.rows.filter((r) => ids.has(r.id));
  const by: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
  for (const r of rows) {
    const a = r.assessment && r.assessment >= 1 && r.assessment <= 5 ? r.assessment : 0;
    by[a]! += 1;
  }
  return {
    rows,
    counts: {
      total: rows.length,
      byAssessment: by,
      committee: rows.filter((r) => r.committee).length,
      cardsSigned: rows.filter((r) => r.cardSignedOn !== null).length,
      cardsStale: rows.filter((r) => r.cardSignedOn !== null && r.cardStale).length,
      followUpsOverdue: rows.filter((r) => r.followUpOverdue).length,
    },
  };
}
