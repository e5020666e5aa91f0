// The worker table's rows, loaded a page at a time: the first page of a query comes with the
// counts of the whole filter (its total sizes the scrollbar), and the pages the user scrolls to
// are fetched as they come on screen. A new query (filter, sort, an edit) keeps showing the old
// rows until its own first pages have arrived, so the table never blanks.
import type { WorkerCounts, WorkerPage, WorkerRow } from "../../lib/bindings";

/** Rows per request: a few screens' worth, small enough to arrive in one frame or two. */
export const PAGE_SIZE = 100;

/** Loads rows [offset, offset + limit) of the current query, with its counts when asked. */
export type PageLoader = (offset: number, limit: number, counts: boolean) => Promise<WorkerPage>;

export class PagedRows {
  /** The number of rows of the current query (from its counts). */
  total = $state(0);
  counts = $state.raw<WorkerCounts | null>(null);
  /** A query is being loaded (its first pages are not here yet). */
  loading = $state(false);
  error = $state<unknown>(null);
  /** Bumped whenever rows arrive, so that readers of at() update. */
  private tick = $state(0);
  private pages = new Map<number, WorkerRow[]>();
  private pending = new Set<number>();
  private loader: PageLoader | null = null;
  private generation = 0;
  private wanted: [number, number] = [0, 0];
  readonly pageSize: number;

  constructor(pageSize = PAGE_SIZE) {
    this.pageSize = Math.max(1, pageSize);
  }

  /** The row at `index`, or undefined while its page is on its way. */
  at(index: number): WorkerRow | undefined {
    void this.tick;
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** How many pages are held (tests). */
  get loadedPages(): number {
    void this.tick;
    return this.pages.size;
  }

  /**
   * Start a new query. `from` is the first row on screen afterwards (0 after a new filter; the
   * current position after an edit): the pages from there to the end of the screen are loaded
   * together, the first with the counts, and replace the old rows in one go.
   */
  reload(loader: PageLoader, from: number = this.wanted[0]): Promise<void> {
    const gen = ++this.generation;
    this.loader = loader;
    this.pending = new Set();
    this.loading = true;
    const span = Math.max(1, this.wanted[1] - this.wanted[0]);
    const first = Math.floor(Math.max(0, from) / this.pageSize);
    const last = Math.floor((Math.max(0, from) + span - 1) / this.pageSize);
    const numbers: number[] = [];
    for (let p = first; p <= last; p++) numbers.push(p);
    this.wanted = [from, from + span];
    const requests = numbers.map((p, i) => loader(p * this.pageSize, this.pageSize, i === 0));
    return Promise.all(requests).then(
      (pages) => {
        if (gen !== this.generation) return;
        const counts = pages[0]?.counts ?? null;
        if (counts === null) {
          this.error = new Error("worker_page: the first page came without its counts");
          this.loading = false;
          return;
        }
        const total = counts.total;
        if (first > 0 && from >= total) {
          // Past the end of a list that shrank: start again from the top.
          void this.reload(loader, 0);
          return;
        }
        this.pages = new Map(numbers.map((p, i) => [p, pages[i]!.rows]));
        this.counts = counts;
        this.total = total;
        this.error = null;
        this.loading = false;
        this.tick += 1;
        this.fill();
      },
      (err: unknown) => {
        if (gen !== this.generation) return;
        this.error = err;
        this.loading = false;
      },
    );
  }

  /** The view shows rows [start, end): load the pages they fall in that are not here yet. */
  want(start: number, end: number): void {
    this.wanted = [Math.max(0, start), Math.max(start, end)];
    if (!this.loading) this.fill();
  }

  /** Forget the rows of a query that is not shown any more (memory only). */
  clear(): void {
    this.generation += 1;
    this.pages = new Map();
    this.pending = new Set();
    this.counts = null;
    this.total = 0;
    this.loading = false;
    this.tick += 1;
  }

  private fill(): void {
    const loader = this.loader;
    if (!loader || this.total === 0) return;
    const [start, end] = this.wanted;
    const last = Math.min(end, this.total) - 1;
    for (let p = Math.floor(start / this.pageSize); p * this.pageSize <= last; p++) {
      if (this.pages.has(p) || this.pending.has(p)) continue;
      this.fetch(loader, p);
    }
  }

  private fetch(loader: PageLoader, p: number): void {
    const gen = this.generation;
    this.pending.add(p);
    loader(p * this.pageSize, this.pageSize, false).then(
      (page) => {
        if (gen !== this.generation) return;
        this.pending.delete(p);
        this.pages.set(p, page.rows);
        this.tick += 1;
      },
      (err: unknown) => {
        if (gen !== this.generation) return;
        this.pending.delete(p);
        this.error = err;
      },
    );
  }
}
