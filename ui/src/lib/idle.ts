// Auto-lock after idle. "Idle" means no key press, pointer or mouse movement, click, touch or
// wheel in the window for the chosen number of minutes (0 = off). The check runs on a timer that
// also catches what timers alone miss: a window hidden or minimised for longer than the idle time
// (checked again the moment it is shown) and a computer that slept (the wall clock jumped, so the
// first check after waking locks). Nothing here is stored anywhere. Locking at the moment the
// computer sleeps or the screen locks is the Rust side's (src-tauri/src/os_lock.rs, lockwatch.ts).

/** The events that count as activity in the window. */
export const ACTIVITY_EVENTS = [
  "keydown",
  "mousedown",
  "mousemove",
  "pointerdown",
  "pointermove",
  "wheel",
  "touchstart",
  "scroll",
] as const;

/** The choices offered in the vault settings, in minutes; 0 is off. Mirrors AUTO_LOCK_CHOICES in src/prefs.rs. */
export const AUTO_LOCK_CHOICES = [0, 1, 5, 15, 30, 60] as const;

export interface IdleLockOptions {
  /** Minutes without activity before `onIdle`; 0 (or less) never locks. */
  minutes: number;
  /** Called once when the time is up. */
  onIdle: () => void;
  /** Where activity is listened for (the window). */
  target?: Pick<Window, "addEventListener" | "removeEventListener">;
  /** The document whose visibility is watched. */
  doc?: Pick<Document, "addEventListener" | "removeEventListener" | "visibilityState">;
  /** The clock (wall time, so that sleep counts as idle). */
  now?: () => number;
  /** The longest wait between two checks, in ms (bounds how late a lock after sleep can be). */
  checkEvery?: number;
}

/** Start watching; returns the function that stops (and removes every listener). */
export function startIdleLock(options: IdleLockOptions): () => void {
  const { minutes, onIdle } = options;
  if (!(minutes > 0)) return () => {};
  const target = options.target ?? window;
  const doc = options.doc ?? document;
  const now = options.now ?? (() => Date.now());
  const checkEvery = options.checkEvery ?? 15_000;
  const limit = minutes * 60_000;

  let last = now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const activity = () => {
    last = now();
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, activity, true);
    doc.removeEventListener("visibilitychange", visibility);
  };

  const check = () => {
    timer = null;
    if (stopped) return;
    const idle = now() - last;
    if (idle >= limit) {
      stop();
      onIdle();
      return;
    }
    timer = setTimeout(check, Math.min(limit - idle, checkEvery));
  };

  function visibility() {
    // Shown again after being hidden (minimised, another workspace, a locked screen): lock at
    // once if it was away longer than the idle time.
    if (doc.visibilityState === "visible") {
      if (timer !== null) clearTimeout(timer);
      check();
    }
  }

  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, activity, { capture: true, passive: true });
  doc.addEventListener("visibilitychange", visibility);
  check();
  return stop;
}
