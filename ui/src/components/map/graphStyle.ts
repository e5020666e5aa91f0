// The map's picture, as data for Cytoscape: elements built from a MapAnalysis in one pass, and
// one stylesheet whose rules key on classes and data fields (no per-element style calls), so
// 5,000 workers and 25,000 ties are styled in a single batch. Colours come from the design
// tokens (the same assessment palette as the wall-chart chips), read from CSS for the theme.
import type cytoscape from "cytoscape";
import { chipText } from "../../lib/assessment";
import type { MapAnalysis, MapTie, MapWorker, RelationshipKind } from "../../lib/bindings";

/** Above this many ties the renderer trades detail for speed while the view moves. */
export const LARGE_TIES = 1000;

/**
 * Above this many ties the map draws ties on demand: the ones highlighted, and the ones around
 * the workers in view once zoomed in (EDGE_ZOOM). Measured in WebKitGTK with software rendering
 * (the 5,000-worker demo, 25,000 ties): Cytoscape styles and paints ~30 µs per element, so every
 * tie as an element made the first frame ~3 s; the workers alone take under a second. At the
 * zoom of the whole map 25,000 ties are a grey fog anyway; the discs of the layout show the
 * clusters.
 */
export const LOD_TIES = 3000;
/** Zoom from which the ties around the workers in view are drawn (large maps). */
export const EDGE_ZOOM = 0.6;
/** At most this many ties drawn for the view (large maps; a 4K screen zoomed out a little). */
export const EDGE_CAP = 4000;
/** Ties with one end out of view are drawn too while the total stays under this. */
export const EDGE_CAP_ONE_END = 2500;
/** Names are drawn from this zoom (font-size × zoom ≥ min-zoomed-font-size): closer, the layout's
 * 40-unit spacing makes them overlap. Highlighted workers are named from a zoom of 0.6. */
export const LABEL_ZOOM = 1.4;
const FONT_SIZE = 10;

export const DIRECTED: ReadonlySet<RelationshipKind> = new Set<RelationshipKind>(["mentor", "influence", "supervises"]);

export const nodeId = (workerId: number): string => String(workerId);
export const edgeId = (tieId: number): string => `e${tieId}`;

export type Palette = {
  bg: string;
  surface: string;
  text: string;
  text3: string;
  supervisor: string;
  edge: string;
  edgeDirected: string;
  accent: string;
  level: { bg: string; fg: string }[];
  a0line: string;
};

/** The light theme's tokens (also the fallback when CSS is not loaded, as in unit tests). */
export const LIGHT: Palette = {
  bg: "#fbfbfa",
  surface: "#ffffff",
  text: "#1b1c1e",
  text3: "#696d74",
  supervisor: "#9a9da3",
  edge: "#d5d5d0",
  edgeDirected: "#b4b6b0",
  accent: "#3f4fd0",
  level: [
    { bg: "#ececee", fg: "#4a4d54" },
    { bg: "#1e6f43", fg: "#ffffff" },
    { bg: "#cbebd3", fg: "#14532d" },
    { bg: "#f9e3a6", fg: "#6b4500" },
    { bg: "#f5a66e", fg: "#5c2405" },
    { bg: "#b8322a", fg: "#ffffff" },
  ],
  a0line: "#a9acb2",
};

/** The current theme's tokens, read from the element's computed style. */
export function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bg: v("--bg", LIGHT.bg),
    surface: v("--surface", LIGHT.surface),
    text: v("--text", LIGHT.text),
    text3: v("--text-3", LIGHT.text3),
    supervisor: v("--text-4", LIGHT.supervisor),
    edge: v("--border-strong", LIGHT.edge),
    edgeDirected: v("--text-4", LIGHT.edgeDirected),
    accent: v("--accent", LIGHT.accent),
    level: LIGHT.level.map((d, i) => ({ bg: v(`--a${i}-bg`, d.bg), fg: v(`--a${i}-fg`, d.fg) })),
    a0line: v("--a0-line", LIGHT.a0line),
  };
}

/** The average influence of a unit worker (PageRank sums to 1 over the unit). */
export function meanInfluence(a: MapAnalysis): number {
  const n = a.coverage.unitWorkers || a.workers.filter((w) => !w.supervisor).length;
  return n > 0 ? 1 / n : 1;
}

/** Node diameter in layout units: grows with the square root of influence, clamped. */
export function nodeSize(w: MapWorker, mean: number): number {
  if (w.supervisor) return 14;
  const rel = mean > 0 ? w.influence / mean : 1;
  const size = 10 + 8 * Math.sqrt(Math.max(0, rel));
  return Math.round(Math.min(36, Math.max(w.committee ? 20 : 10, size)));
}

/** The label drawn under a node when zoomed in: the assessment number (never colour alone), the name, ★. */
export function nodeLabel(w: MapWorker): string {
  if (w.supervisor) return w.name;
  return `${chipText(w.assessment)} ${w.name}${w.committee ? " ★" : ""}`;
}

export function nodeClasses(w: MapWorker): string {
  if (w.supervisor) return "sup";
  const level = w.assessment && w.assessment >= 1 && w.assessment <= 5 ? w.assessment : 0;
  return w.committee ? `a${level} com` : `a${level}`;
}

export function nodeData(w: MapWorker, mean: number): { id: string; label: string; size: number } {
  return { id: nodeId(w.id), label: nodeLabel(w), size: nodeSize(w, mean) };
}

export function edgeElement(t: MapTie, extra = ""): cytoscape.ElementDefinition {
  const base = DIRECTED.has(t.kind) ? `dir ${t.kind}` : t.kind;
  return {
    group: "edges",
    data: { id: edgeId(t.id), source: nodeId(t.source), target: nodeId(t.target), strength: t.strength },
    classes: extra ? `${base} ${extra}` : base,
  };
}

/** The viewport (zoom and pan) that shows every worker, from the positions alone (no bounding-box pass). */
export function fitViewport(a: MapAnalysis, width: number, height: number, padding = 24): { zoom: number; pan: { x: number; y: number } } | null {
  if (a.workers.length === 0 || width <= 0 || height <= 0) return null;
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const w of a.workers) {
    if (w.x < x1) x1 = w.x;
    if (w.x > x2) x2 = w.x;
    if (w.y < y1) y1 = w.y;
    if (w.y > y2) y2 = w.y;
  }
  // Room for the largest node and a name under it.
  x1 -= 40; y1 -= 40; x2 += 40; y2 += 56;
  const zoom = Math.min(4, Math.max(0.02, Math.min((width - 2 * padding) / (x2 - x1), (height - 2 * padding) / (y2 - y1))));
  return { zoom, pan: { x: (width - zoom * (x1 + x2)) / 2, y: (height - zoom * (y1 + y2)) / 2 } };
}

/**
 * Every node and (unless `edges` is false: large maps draw ties on demand) every edge, in one
 * array for a single `add`; ties to unknown workers are skipped.
 */
export function buildElements(a: MapAnalysis, opts: { edges?: boolean } = {}): cytoscape.ElementDefinition[] {
  const mean = meanInfluence(a);
  const out: cytoscape.ElementDefinition[] = [];
  const known = new Set<number>();
  for (const w of a.workers) {
    known.add(w.id);
    out.push({ group: "nodes", data: nodeData(w, mean), position: { x: w.x, y: w.y }, classes: nodeClasses(w) });
  }
  if (opts.edges === false) return out;
  for (const t of a.ties) {
    if (known.has(t.source) && known.has(t.target) && t.source !== t.target) out.push(edgeElement(t));
  }
  return out;
}

const FONT = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", sans-serif';

/**
 * The stylesheet. Classes: a0–a5 (assessment), com (committee: a star with an accent ring),
 * sup (supervisor: a grey square), dir (directed tie: arrow), dim (filtered out or outside a
 * highlight), hl (highlighted), sel (the selected worker). Names show only when zoomed in
 * (`min-zoomed-font-size`; on large maps also only for the workers in view, class lbl), or
 * always with `allLabels` (for an exported picture).
 */
export function buildStyle(p: Palette, opts: { allLabels?: boolean; lod?: boolean } = {}): cytoscape.StylesheetJson {
  // Large maps label only the workers in view when zoomed in (class `lbl`) and the highlighted
  // ones: measuring 5,000 names for nothing at the zoom of the whole map costs a tenth of a second.
  // Their text properties live in that rule too, not on every node: Cytoscape resolves every
  // property of every element it styles, and with the dozen text properties on all 5,000 workers
  // the first frame took about twice as long (measured in WebKitGTK, software rendering).
  const labelAll = !opts.lod || opts.allLabels;
  const text: cytoscape.Css.Node = {
    label: "data(label)",
    "font-family": FONT,
    "font-size": FONT_SIZE,
    "font-weight": 500,
    color: p.text,
    "min-zoomed-font-size": opts.allLabels ? 0 : FONT_SIZE * LABEL_ZOOM,
    "text-valign": "bottom",
    "text-halign": "center",
    "text-margin-y": 3,
    "text-outline-width": 2,
    "text-outline-color": p.bg,
    "text-max-width": "140px",
    "text-wrap": "ellipsis",
  };
  const levels: cytoscape.StylesheetJson = p.level.slice(1).map((c, i) => ({
    selector: `node.a${i + 1}`,
    style: { "background-color": c.bg, "border-color": c.fg, "border-opacity": i + 1 === 1 || i + 1 === 5 ? 0 : 0.45 },
  }));
  return [
    {
      selector: "node",
      style: {
        width: "data(size)",
        height: "data(size)",
        shape: "ellipse",
        "background-color": p.level[0]!.bg,
        "border-width": 1,
        "border-color": p.a0line,
        ...(labelAll ? text : {}),
      },
    },
    ...(labelAll ? [] : [{ selector: "node.lbl, node.hl, node.sel", style: text }]),
    { selector: "node.a0", style: { "border-style": "dashed", "border-width": 1.5, "border-color": p.a0line } },
    ...levels,
    { selector: "node.com", style: { shape: "star", "border-width": 2.5, "border-color": p.accent, "border-opacity": 1 } },
    { selector: "node.sup", style: { shape: "rectangle", "background-color": p.supervisor, "border-width": 0, color: p.text3 } },
    {
      selector: "edge",
      style: {
        width: "mapData(strength, 1, 3, 0.6, 2.2)",
        "line-color": p.edge,
        "curve-style": "haystack",
        "haystack-radius": 0,
      },
    },
    {
      selector: "edge.dir",
      style: {
        "curve-style": "straight",
        "line-color": p.edgeDirected,
        "target-arrow-shape": "triangle",
        "target-arrow-color": p.edgeDirected,
        "arrow-scale": 0.7,
      },
    },
    { selector: "node.dim", style: { opacity: 0.16 } },
    { selector: "edge.dim", style: { opacity: 0.08 } },
    {
      selector: "node.hl",
      style: {
        opacity: 1,
        "border-width": 3,
        "border-style": "solid",
        "border-color": p.accent,
        "border-opacity": 1,
        "z-index": 10,
        "min-zoomed-font-size": opts.allLabels ? 0 : FONT_SIZE * 0.6,
        "font-weight": 650,
      },
    },
    {
      selector: "edge.hl",
      style: { opacity: 1, "line-color": p.accent, "target-arrow-color": p.accent, width: 3, "z-index": 10 },
    },
    {
      selector: "node.sel",
      style: {
        opacity: 1,
        "border-width": 4,
        "border-color": p.accent,
        "overlay-color": p.accent,
        "overlay-opacity": 0.16,
        "overlay-padding": 6,
        "z-index": 11,
        "min-zoomed-font-size": 0,
      },
    },
    { selector: "node:active", style: { "overlay-color": p.accent, "overlay-opacity": 0.18, "overlay-padding": 6 } },
    // The typings want every core property; these two are enough.
    { selector: "core", style: { "active-bg-opacity": 0, "selection-box-opacity": 0 } as unknown as cytoscape.Css.Core },
  ];
}
