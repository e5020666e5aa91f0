// Names of the few workers the plan's tasks point to (a task stores ids only), fetched one by one
// and remembered by the component that owns the cache (so locking, which unmounts it, drops them).
import { workerDetail } from "../../lib/api";

export type NamedWorker = { id: number; name: string; sub: string; assessment: number | null };

export class WorkerNames {
  private known = $state<Record<number, NamedWorker>>({});
  private pending = new Set<number>();
  private failed = new Set<number>();

  /** The worker once known (and starts fetching it); undefined until then. */
  get(id: number): NamedWorker | undefined {
    const hit = this.known[id];
    if (hit || this.pending.has(id) || this.failed.has(id)) return hit;
    this.pending.add(id);
    workerDetail(id)
      .then(
        (d) => {
          if (!d) return;
          const w = d.worker;
          this.known[id] = {
            id,
            name: w.preferredName || w.legalName,
            sub: [w.department, w.shift].filter(Boolean).join(" · "),
            assessment: w.assessment,
          };
        },
        () => void this.failed.add(id),
      )
      .finally(() => this.pending.delete(id));
    return undefined;
  }

  /** Remember a worker picked in a form. */
  remember(w: NamedWorker): void {
    this.known[w.id] = w;
  }
}
