// Autosave of a form's unsaved edits into the vault's drafts (draft_save / draft_load /
// draft_clear), the way the 1-on-1 log form does it: a write 600 ms after typing pauses, one
// write at a time and in order, an immediate write on close, on hiding the window and on lock
// (lib/drafts.ts), and no draft at all while the form equals its baseline (nothing to keep).
// Nothing ever goes to the WebView's storage.
import { draftClear, draftLoad, draftSave } from "../../lib/api";
import type { Draft } from "../../lib/bindings";
import { debounce } from "../../lib/debounce";
import { registerDraft } from "../../lib/drafts";

export type DraftState = "idle" | "saving" | "saved" | "error";

export class DraftAutosave {
  /** `idle` (nothing kept), `saving`, `saved` (in the vault), `error` (kept only in this window). */
  state = $state<DraftState>("idle");
  private loaded = false;
  private finished = false;
  private written: string;
  private stored = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly later: ReturnType<typeof debounce<[]>>;

  /**
   * @param key the draft's key in the vault (e.g. `incident:new:3`)
   * @param read the form as the body to store
   * @param baseline the body that needs no draft (an empty form, or the saved version)
   */
  constructor(
    private key: string,
    private readonly read: () => string,
    private baseline: string,
    delay = 600,
  ) {
    this.written = baseline;
    this.later = debounce(() => void this.enqueue(() => this.write()), delay);
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(): Promise<void> {
    if (this.finished || !this.loaded) return;
    const body = this.read();
    if (body === this.written) return;
    this.written = body;
    try {
      if (body === this.baseline) {
        if (this.stored) await draftClear(this.key);
        this.stored = false;
        if (this.written === body) this.state = "idle";
        return;
      }
      this.state = "saving";
      await draftSave(this.key, body);
      this.stored = true;
      if (this.written === body) this.state = "saved";
    } catch {
      if (this.written === body) {
        this.written = "";
        this.state = "error";
      }
    }
  }

  /** Read the stored draft (null when there is none); autosave starts after this. */
  async load(): Promise<Draft | null> {
    try {
      const found = await draftLoad(this.key);
      if (found) this.stored = true;
      return found;
    } catch {
      return null;
    } finally {
      this.loaded = true;
    }
  }

  /** The form now shows `body` from the vault (a restored draft): nothing to write for it. */
  restored(body: string): void {
    this.written = body;
    this.state = "saved";
  }

  /** The form changed: write it once typing pauses. */
  schedule(): void {
    if (this.loaded && !this.finished) this.later();
  }

  /** Write now (close, Escape, lock, window hidden). */
  flush(): Promise<void> {
    this.later.cancel();
    return this.enqueue(() => this.write());
  }

  /** Wait for writes in flight (before a save that clears the draft). */
  settle(): Promise<unknown> {
    this.later.cancel();
    return this.queue;
  }

  /** A new baseline (a version was saved): a form equal to it needs no draft. */
  rebase(baseline: string): void {
    this.baseline = baseline;
    this.written = baseline;
  }

  /** Forget the stored draft (saved, or discarded) and keep autosaving from `baseline`. */
  async discard(baseline: string = this.baseline): Promise<void> {
    this.later.cancel();
    this.baseline = baseline;
    this.written = baseline;
    this.state = "idle";
    const key = this.key;
    this.stored = false;
    await this.enqueue(() => draftClear(key)).catch(() => undefined);
  }

  /** Move to another key (a new draft got its id); the old key's draft is cleared. */
  async rekey(key: string, baseline: string): Promise<void> {
    if (key === this.key) return this.discard(baseline);
    const old = this.key;
    this.key = key;
    this.baseline = baseline;
    this.written = baseline;
    this.stored = false;
    this.state = "idle";
    await this.enqueue(() => draftClear(old)).catch(() => undefined);
  }

  /** Saved for good (the form closes): nothing more is written. */
  finish(): void {
    this.finished = true;
    this.later.cancel();
  }

  /** Flush on lock and when the window is hidden; returns the cleanup (which flushes once more). */
  attach(): () => void {
    const unregister = registerDraft(() => this.flush());
    const hide = () => {
      if (document.visibilityState === "hidden") void this.flush();
    };
    const pagehide = () => void this.flush();
    document.addEventListener("visibilitychange", hide);
    window.addEventListener("pagehide", pagehide);
    return () => {
      document.removeEventListener("visibilitychange", hide);
      window.removeEventListener("pagehide", pagehide);
      unregister();
      if (!this.finished) void this.flush();
    };
  }
}
