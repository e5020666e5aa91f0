// How long opening the map took, stage by stage: milliseconds from the request of the analysis,
// written on the canvas as data-stages once the first frame is drawn (read by the end-to-end test
// and scripts/bench-map-render.sh). Numbers only: no worker data.

export class OpenTiming {
  readonly started = performance.now();
  readonly stages: Record<string, number> = {};

  /** The time since the request, under this stage's name. */
  mark(stage: string): void {
    this.stages[stage] = Math.round((performance.now() - this.started) * 10) / 10;
  }
}
