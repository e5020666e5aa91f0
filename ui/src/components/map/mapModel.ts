// Plain helpers over a MapAnalysis for the map's panels (no Cytoscape here): look-ups by id,
// who is tied to whom, filters, search, and the wording of leader reasons and ties.
import type { Cluster, LeaderReason, MapAnalysis, MapTie, MapWorker, RelationshipKind } from "../../lib/bindings";
import { locale, t, type MessageKey } from "../../lib/i18n/index.svelte";
import type { PickOption } from "../WorkerPicker.svelte";

export const KINDS: readonly RelationshipKind[] = ["same_crew", "friends", "family", "carpool", "mentor", "influence", "supervises"];

export const isDirected = (k: RelationshipKind): boolean => k === "mentor" || k === "influence" || k === "supervises";

export const kindLabel = (k: RelationshipKind): string => t(`rel.kind.${k}` as MessageKey);

export const strengthLabel = (s: number): string => t(`rel.strength.${Math.min(3, Math.max(1, s))}` as MessageKey);

/** A tie seen from one worker: the kind as they would say it ("Mentors", "Mentored by", "Friends"). */
export function tieFrom(kind: RelationshipKind, outgoing: boolean): string {
  if (!isDirected(kind)) return kindLabel(kind);
  return t(`rel.${outgoing ? "out" : "in"}.${kind}` as MessageKey);
}

/** "A mentors B", "A and B: friends". */
export function tieSentence(kind: RelationshipKind, a: string, b: string): string {
  if (isDirected(kind)) return t(`rel.sentence.${kind}` as MessageKey, { a, b });
  return t("rel.sentence.sym", { a, b, kind: kindLabel(kind).toLowerCase() });
}

/** A list in the current language: "Picking, Packing and Night shift". */
export function listOf(items: readonly string[]): string {
  try {
    return new Intl.ListFormat(locale(), { style: "long", type: "conjunction" }).format(items);
  } catch {
    return items.join(", ");
  }
}

/** Why a worker counts as a leader, in words. */
export function reasonText(r: LeaderReason): string {
  switch (r.kind) {
    case "bridges":
      return t("map.reason.bridges", { groups: listOf(r.groups.filter(Boolean)) });
    case "knows":
      return t("map.reason.knows", { n: r.count });
    case "sways":
      return t("map.reason.sways", { n: r.count });
    case "central":
      return t("map.reason.central", { p: r.percentile });
  }
}

export type Neighbour = { other: number; tie: MapTie; outgoing: boolean };

export type MapIndex = {
  byId: Map<number, MapWorker>;
  adj: Map<number, Neighbour[]>;
  departments: string[];
  shifts: string[];
  /** The average influence of a unit worker. */
  mean: number;
};

export function indexMap(a: MapAnalysis): MapIndex {
  const byId = new Map<number, MapWorker>();
  const adj = new Map<number, Neighbour[]>();
  const depts = new Set<string>();
  const shifts = new Set<string>();
  for (const w of a.workers) {
    byId.set(w.id, w);
    depts.add(w.department);
    shifts.add(w.shift);
  }
  const push = (id: number, n: Neighbour) => {
    const list = adj.get(id);
    if (list) list.push(n);
    else adj.set(id, [n]);
  };
  for (const tie of a.ties) {
    push(tie.source, { other: tie.target, tie, outgoing: true });
    push(tie.target, { other: tie.source, tie, outgoing: false });
  }
  const sorted = (s: Set<string>) => [...s].sort((x, y) => x.localeCompare(y));
  const n = a.coverage.unitWorkers || a.workers.filter((w) => !w.supervisor).length;
  return { byId, adj, departments: sorted(depts), shifts: sorted(shifts), mean: n > 0 ? 1 / n : 1 };
}

export type MapFilter = { department: string | null; shift: string | null; cluster: number | null };

export const noFilter = (): MapFilter => ({ department: null, shift: null, cluster: null });

/** The workers a filter keeps (the rest are dimmed), or null when nothing is filtered. */
export function matchingSet(a: MapAnalysis, f: MapFilter): Set<number> | null {
  if (f.department === null && f.shift === null && f.cluster === null) return null;
  const out = new Set<number>();
  for (const w of a.workers) {
    if (f.department !== null && w.department !== f.department) continue;
    if (f.shift !== null && w.shift !== f.shift) continue;
    if (f.cluster !== null && w.cluster !== f.cluster) continue;
    out.add(w.id);
  }
  return out;
}

/** Ties with both ends among `ids`. */
export function tiesAmong(a: MapAnalysis, ids: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (const tie of a.ties) if (ids.has(tie.source) && ids.has(tie.target)) out.push(tie.id);
  return out;
}

/** Lower case without accents, so "pena" finds "Peña". */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** Workers whose name matches: whole-name prefix first, then a word's prefix, then anywhere. */
export function searchWorkers(workers: readonly MapWorker[], query: string, max = 8): MapWorker[] {
  const q = fold(query.trim());
  if (!q) return [];
  const ranked: [number, MapWorker][] = [];
  for (const w of workers) {
    const name = fold(w.name);
    const at = name.indexOf(q);
    if (at < 0) continue;
    const rank = at === 0 ? 0 : name[at - 1] === " " ? 1 : 2;
    ranked.push([rank, w]);
  }
  ranked.sort((x, y) => x[0] - y[0] || x[1].name.localeCompare(y[1].name));
  return ranked.slice(0, max).map(([, w]) => w);
}

export const sub = (w: { department: string; shift: string }): string =>
  [w.department || t("workers.none"), w.shift || t("workers.none")].join(" · ");

/** A readable cluster name: "Picking · Night". */
export const clusterName = (c: Cluster): string => t("map.cluster.name", { n: c.index + 1, where: sub(c) });

/** What a panel asks the map to show: these workers (and ties) highlighted and in view. */
export type ShowRequest = { nodes: number[]; edges?: number[]; select?: number | null; key?: string };

/** A worker with their direct ties: themselves selected, their coworkers and ties highlighted. */
export function around(index: MapIndex, id: number, key?: string): ShowRequest {
  const near = index.adj.get(id) ?? [];
  return { nodes: [id, ...near.map((n) => n.other)], edges: near.map((n) => n.tie.id), select: id, key };
}

/** A worker and some of their coworkers, with the ties between the worker and them. */
export function withSome(index: MapIndex, id: number, others: readonly number[], key?: string): ShowRequest {
  const set = new Set(others);
  const edges = (index.adj.get(id) ?? []).filter((n) => set.has(n.other)).map((n) => n.tie.id);
  return { nodes: [id, ...others.filter((o) => o !== id)], edges, select: id, key };
}

export const pickOption = (w: MapWorker): PickOption => ({
  id: w.id,
  name: w.name,
  sub: sub(w),
  assessment: w.assessment,
  committee: w.committee,
  supervisor: w.supervisor,
});

/** The map's own worker list as a picker source (no round trip to the vault). */
export const localSearch = (workers: readonly MapWorker[]) => (q: string): PickOption[] => searchWorkers(workers, q).map(pickOption);
