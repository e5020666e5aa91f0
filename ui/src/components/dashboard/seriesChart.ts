// The only module that touches the chart library: uPlot (canvas, small and fast). It is loaded on
// demand by SeriesChart.svelte, so the first screen does not pay for it; everything else about the
// series (labels, the table, click-through) is plain Svelte and testable in jsdom.
//
// Why not ECharts: the shell runs with Tauri's `freezePrototype`, and ECharts' module set-up
// assigns `constructor` on plain objects, which a frozen Object.prototype refuses in strict mode
// ("Attempted to assign to readonly property" at import). uPlot only writes its own objects.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { SeriesMetric } from "../../lib/bindings";

export type ChartPalette = {
  font: string;
  text: string;
  text2: string;
  text3: string;
  border: string;
  divider: string;
  surface: string;
};

export type ChartLine = {
  id: SeriesMetric;
  name: string;
  values: number[];
  color: string;
  /** Lines differ by dash pattern and width too, not only by colour. */
  dash: number[];
  width: number;
  /** Hidden at first (a click on its legend entry shows it). */
  hidden?: boolean;
};

export type ChartSpec = {
  /** The day of each point, as the legend shows it ("Nov 23, 2026"). */
  labels: string[];
  /** The same days, short, for the axis ("Nov 2026"). */
  ticks: string[];
  /** The legend's name for the day ("Week ending"). */
  weekLabel: string;
  lines: ChartLine[];
  /** Horizontal threshold lines, in workers, labelled at the right end. */
  marks: { value: number; label: string }[];
  max: number;
  height: number;
  palette: ChartPalette;
  percentOf: number;
  formatNumber: (n: number) => string;
};

export type ChartHandle = {
  update: (spec: ChartSpec) => void;
  resize: () => void;
  dispose: () => void;
};

/** How far (CSS px) from a line a click still picks it. */
const PICK_PX = 24;

function options(spec: ChartSpec, width: number, hidden: ReadonlySet<SeriesMetric>): uPlot.Options {
  const p = spec.palette;
  const font = `11px ${p.font}`;
  const axis = (side: "x" | "y"): uPlot.Axis => ({
    stroke: p.text3,
    font,
    grid: { show: side === "y", stroke: p.divider, width: 1 },
    ticks: { show: side === "x", stroke: p.border, width: 1, size: 4 },
    border: { show: side === "x", stroke: p.border, width: 1 },
  });
  const share = (v: number) => (spec.percentOf > 0 ? ` (${spec.formatNumber(Math.round((v / spec.percentOf) * 1000) / 10)}%)` : "");
  return {
    width,
    height: spec.height,
    padding: [12, 132, 0, 0],
    scales: {
      x: { time: false, range: [0, Math.max(1, spec.labels.length - 1)] },
      y: { range: [0, Math.max(1, spec.max)] },
    },
    axes: [
      {
        ...axis("x"),
        space: 72,
        incrs: [1, 2, 4, 8, 13, 26, 52],
        values: (_u, splits) => splits.map((i) => spec.ticks[Math.round(i)] ?? ""),
      },
      { ...axis("y"), size: 44, values: (_u, splits) => splits.map((v) => spec.formatNumber(v)) },
    ],
    series: [
      { label: spec.weekLabel, value: (_u, i) => (i == null ? "" : (spec.labels[Math.round(i)] ?? "")) },
      ...spec.lines.map(
        (l): uPlot.Series => ({
          label: l.name,
          stroke: l.color,
          width: l.width,
          dash: l.dash,
          show: !hidden.has(l.id),
          points: { show: spec.labels.length <= 40, size: 6, fill: l.color, stroke: l.color },
          value: (_u, v) => (v == null ? "–" : `${spec.formatNumber(v)}${share(v)}`),
        }),
      ),
    ],
    cursor: { drag: { x: false, y: false }, points: { size: 8 } },
    legend: { show: true, live: true },
    hooks: {
      draw: [
        (u) => {
          // The thresholds: dashed lines across the plot, labelled at the right end.
          const ctx = u.ctx;
          const ratio = uPlot.pxRatio;
          const { left, top, width: w } = u.bbox;
          ctx.save();
          ctx.font = `${Math.round(11 * ratio)}px ${p.font}`;
          ctx.textBaseline = "middle";
          ctx.textAlign = "left"; // uPlot leaves the axes' alignment set
          for (const m of spec.marks) {
            const y = Math.round(u.valToPos(m.value, "y", true)) + 0.5;
            if (y < top - 1) continue;
            ctx.strokeStyle = p.text;
            ctx.lineWidth = 1.5 * ratio;
            ctx.setLineDash([4 * ratio, 3 * ratio]);
            ctx.beginPath();
            ctx.moveTo(left, y);
            ctx.lineTo(left + w, y);
            ctx.stroke();
            ctx.fillStyle = p.text2;
            ctx.fillText(m.label, left + w + 6 * ratio, y);
          }
          ctx.restore();
        },
      ],
    },
  };
}

/**
 * Draw the chart in `el`. A click in the plot picks the week under the pointer and the visible
 * line nearest to it (within 24 px) and calls `onPoint(metric, index)`.
 */
export function mountSeriesChart(el: HTMLElement, first: ChartSpec, onPoint: (metric: SeriesMetric, index: number) => void): ChartHandle {
  let spec = first;
  const hidden = new Set<SeriesMetric>(first.lines.filter((l) => l.hidden).map((l) => l.id));
  let plot: uPlot;

  function data(): uPlot.AlignedData {
    return [spec.labels.map((_, i) => i), ...spec.lines.map((l) => l.values)];
  }

  function nearest(): { metric: SeriesMetric; index: number } | null {
    const index = plot.cursor.idx;
    const top = plot.cursor.top;
    if (index == null || top == null || top < 0) return null;
    let best: { metric: SeriesMetric; d: number } | null = null;
    spec.lines.forEach((l, i) => {
      if (!plot.series[i + 1]?.show) return;
      const d = Math.abs(plot.valToPos(l.values[index] ?? 0, "y") - top);
      if (d <= PICK_PX && (!best || d < best.d)) best = { metric: l.id, d };
    });
    const hit = best as { metric: SeriesMetric; d: number } | null;
    return hit ? { metric: hit.metric, index } : null;
  }

  function build() {
    plot = new uPlot(options(spec, Math.max(200, el.clientWidth), hidden), data(), el);
    plot.over.addEventListener("click", () => {
      const hit = nearest();
      if (hit) onPoint(hit.metric, hit.index);
    });
    plot.over.addEventListener("mousemove", () => {
      plot.over.style.cursor = nearest() ? "pointer" : "default";
    });
  }

  function remember() {
    // Keep the legend's show / hide choices across redraws (theme, language, new data).
    spec.lines.forEach((l, i) => {
      if (plot.series[i + 1]?.show === false) hidden.add(l.id);
      else hidden.delete(l.id);
    });
  }

  build();
  return {
    update(next) {
      remember();
      spec = next;
      plot.destroy();
      build();
    },
    resize() {
      plot.setSize({ width: Math.max(200, el.clientWidth), height: spec.height });
    },
    dispose() {
      plot.destroy();
    },
  };
}
