// Duress hygiene in the UI: the idle lock (fake timers), the global quick-lock channel, the copy
// buttons going through the Rust clipboard command, and the app preferences (auto-lock choice,
// neutral title, remembering recent vaults).
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";
import App from "../App.svelte";
import type { AppPrefs, RecentVault } from "../lib/bindings";
import { startIdleLock } from "../lib/idle";
import { appPrefs, DEFAULT_PREFS } from "../lib/prefs.svelte";
import type { Campaign, WorkerDetail, WorkerRow } from "../lib/types";
import { INFO } from "./fixtures";
import { pageOf, requestOf } from "./workerPageMock";

afterEach(() => {
  vi.useRealTimers();
  appPrefs.current = { ...DEFAULT_PREFS };
  appPrefs.loaded = false;
});

/** A window and a document stand-in: real EventTargets, so listeners are really added and removed. */
function fakeWindow() {
  const target = new EventTarget() as EventTarget & Pick<Window, "addEventListener" | "removeEventListener">;
  const doc = Object.assign(new EventTarget(), { visibilityState: "visible" as DocumentVisibilityState });
  return { target, doc };
}

describe("idle lock", () => {
  it("locks once after the configured minutes without activity", () => {
    vi.useFakeTimers();
    const { target, doc } = fakeWindow();
    const onIdle = vi.fn();
    startIdleLock({ minutes: 5, onIdle, target, doc });
    vi.advanceTimersByTime(5 * 60_000 - 1_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("any key, pointer or wheel activity starts the count again", () => {
    vi.useFakeTimers();
    const { target, doc } = fakeWindow();
    const onIdle = vi.fn();
    startIdleLock({ minutes: 1, onIdle, target, doc });
    for (const kind of ["keydown", "mousemove", "pointerdown", "wheel"]) {
      vi.advanceTimersByTime(50_000);
      target.dispatchEvent(new Event(kind));
    }
    // 200 s have passed, never 60 s in a row without activity.
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(59_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("off never locks, and stopping removes the timer and listeners", () => {
    vi.useFakeTimers();
    const { target, doc } = fakeWindow();
    const off = vi.fn();
    startIdleLock({ minutes: 0, onIdle: off, target, doc });
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(off).not.toHaveBeenCalled();

    const stopped = vi.fn();
    const stop = startIdleLock({ minutes: 1, onIdle: stopped, target, doc });
    stop();
    vi.advanceTimersByTime(10 * 60_000);
    expect(stopped).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a window hidden (or a computer asleep) longer than the idle time locks as soon as it is seen again", () => {
    vi.useFakeTimers();
    const { target, doc } = fakeWindow();
    const onIdle = vi.fn();
    startIdleLock({ minutes: 5, onIdle, target, doc });
    doc.visibilityState = "hidden";
    doc.dispatchEvent(new Event("visibilitychange"));
    // Timers did not run meanwhile (a throttled or suspended WebView): only the clock moved.
    vi.setSystemTime(Date.now() + 6 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    doc.visibilityState = "visible";
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("a short absence does not lock", () => {
    vi.useFakeTimers();
    const { target, doc } = fakeWindow();
    const onIdle = vi.fn();
    startIdleLock({ minutes: 5, onIdle, target, doc });
    vi.setSystemTime(Date.now() + 2 * 60_000);
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(onIdle).not.toHaveBeenCalled();
  });
});

// ---------- through the app, with a mocked backend ----------

const CAMPAIGN: Campaign = {
  id: 1,
  name: "Riverside DC",
  employer: "Riverside Logistics",
  worksites: "",
  unitDescription: "",
  unitSize: null,
  cardStaleDays: 365,
  employerDomains: ["riverside.com"],
  issues: [],
  customFields: [],
  createdAt: "2025-10-01T00:00:00Z",
};

const DETAIL: WorkerDetail = {
  worker: {
    id: 7, campaignId: 1, assessment: 3, committee: false, cardStale: false, workEmails: [],
    updatedAt: "2025-10-01T00:00:00Z", employeeId: null, legalName: "Dwayne Carter", preferredName: "", pronouns: "",
    phones: ["+1 555 0100"], emails: ["dwayne@example.org"], address: "", department: "Picking", shift: "Night",
    jobTitle: "Picker", hireDate: null, languages: "", notes: "", tags: [], custom: {}, isSupervisor: false,
    cardSignedOn: null, status: "active",
  },
  assessments: [],
  conversations: [],
  committeeTerms: [],
};

const ROW: WorkerRow = {
  id: 7, name: "Dwayne Carter", legalName: "Dwayne Carter", department: "Picking", shift: "Night", jobTitle: "Picker",
  assessment: 3, committee: false, cardSignedOn: null, cardStale: false, isSupervisor: false, status: "active",
  nextFollowUp: null, followUpOverdue: false, tags: [],
};

type Call = { cmd: string; args: Record<string, unknown> };

function backend(opts: { prefs?: Partial<AppPrefs>; unlocked?: boolean; copy?: (text: string) => unknown } = {}) {
  const calls: Call[] = [];
  const state = {
    prefs: { ...DEFAULT_PREFS, ...opts.prefs } as AppPrefs,
    unlocked: opts.unlocked ?? true,
    recent: [{ path: INFO.path, name: INFO.name, exists: true }] as RecentVault[],
    lockChannel: null as Channel<string> | null,
  };
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "vault_status":
        return state.unlocked ? INFO : null;
      case "vault_lock":
        state.unlocked = false;
        return null;
      case "vault_lock_watch":
        state.lockChannel = args.onLock as Channel<string>;
        return null;
      case "prefs_get":
        return state.prefs;
      case "prefs_set": {
        const next = args.prefs as AppPrefs;
        if (![0, 1, 5, 15, 30, 60].includes(next.autoLockMinutes)) throw { code: "invalid_input", message: "no" };
        state.prefs = next;
        if (!next.rememberRecent) state.recent = [];
        return next;
      }
      case "recent_list":
        return state.prefs.rememberRecent ? state.recent : [];
      case "clipboard_copy":
        return opts.copy ? opts.copy(String(args.text)) : null;
      case "campaign_list":
        return [CAMPAIGN];
      case "worker_facets":
        return { departments: [], shifts: [], tags: [] };
      case "worker_list":
        return {
          rows: [ROW],
          counts: { total: 1, byAssessment: [0, 0, 0, 1, 0, 0], committee: 0, cardsSigned: 0, cardsStale: 0, followUpsOverdue: 0 },
        };
      case "worker_page":
        return pageOf({ rows: [ROW] }, requestOf(args));
      case "worker_detail":
        return DETAIL;
      case "follow_ups":
        return [];
      default:
        return null;
    }
  });
  return { calls, state };
}

describe("auto-lock in the app", () => {
  it("locks an open vault after the stored idle time: vault_lock is called and the start screen shown", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls, state } = backend({ prefs: { autoLockMinutes: 1 } });
    render(App);
    await screen.findByTestId("app-shell");
    await waitFor(() => expect(appPrefs.current.autoLockMinutes).toBe(1));
    expect(calls.some((c) => c.cmd === "vault_lock")).toBe(false);
    await vi.advanceTimersByTimeAsync(61_000);
    await screen.findByTestId("start-screen");
    expect(screen.queryByTestId("app-shell")).not.toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.cmd === "vault_lock")).toBe(true));
    expect(state.unlocked).toBe(false);
  });

  it("with auto-lock off the vault stays open", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = backend({ prefs: { autoLockMinutes: 0 } });
    render(App);
    await screen.findByTestId("app-shell");
    await waitFor(() => expect(appPrefs.loaded).toBe(true));
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000);
    expect(screen.getByTestId("app-shell")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "vault_lock")).toBe(false);
  });

  it("the global quick-lock (a message on the lock channel) locks like the Lock button", async () => {
    const { calls, state } = backend();
    render(App);
    await screen.findByTestId("app-shell");
    await waitFor(() => expect(state.lockChannel).not.toBeNull());
    state.lockChannel!.onmessage("shortcut");
    await screen.findByTestId("start-screen");
    await waitFor(() => expect(calls.some((c) => c.cmd === "vault_lock")).toBe(true));
  });

  it.each(["sleep", "screen-lock"])("the OS going to sleep or locking the screen (%s on the lock channel) locks too", async (reason) => {
    const { calls, state } = backend();
    render(App);
    await screen.findByTestId("app-shell");
    await waitFor(() => expect(state.lockChannel).not.toBeNull());
    state.lockChannel!.onmessage(reason);
    await screen.findByTestId("start-screen");
    expect(screen.queryByTestId("app-shell")).not.toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.cmd === "vault_lock")).toBe(true));
    expect(state.unlocked).toBe(false);
  });
});

describe("copy buttons", () => {
  async function openDwayne() {
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("app-shell");
    await user.click(screen.getByTestId("nav-workers"));
    await user.click(await screen.findByText("Dwayne Carter"));
    const page = await screen.findByTestId("worker-page");
    await within(page).findByTestId("copy-phone");
    return { user, page };
  }

  it("copies a phone number and an e-mail through the clipboard_copy command and says when it is cleared", async () => {
    const copied: string[] = [];
    backend({ copy: (text) => (copied.push(text), null) });
    const { user, page } = await openDwayne();
    await user.click(within(page).getByTestId("copy-phone"));
    await user.click(within(page).getByTestId("copy-email"));
    expect(copied).toEqual(["+1 555 0100", "dwayne@example.org"]);
    expect((await screen.findAllByText("Copied. It leaves the clipboard in 10 seconds.")).length).toBeGreaterThan(0);
  });

  it("shows the typed error when no clipboard is available", async () => {
    backend({
      copy: () => {
        throw { code: "io", message: "The clipboard is not available: X11 server connection timed out" };
      },
    });
    const { user, page } = await openDwayne();
    await user.click(within(page).getByTestId("copy-email"));
    expect(await screen.findByText(/the clipboard is not available here/)).toBeInTheDocument();
  });
});

describe("app preferences", () => {
  it("the vault settings store the auto-lock choice and the neutral title, which retitles the document", async () => {
    const { calls, state } = backend();
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("app-shell");
    await fireEvent.keyDown(window, { key: "0", code: "Digit0", altKey: true });
    const card = await screen.findByTestId("privacy-card");
    await waitFor(() => expect(appPrefs.loaded).toBe(true));
    const select = within(card).getByTestId("pref-autolock");
    expect(select).toHaveValue("5");
    await user.selectOptions(select, "15");
    await waitFor(() => expect(state.prefs.autoLockMinutes).toBe(15));
    expect(document.title).toBe("Fieldbook");
    await user.click(within(card).getByTestId("pref-neutral-title"));
    await waitFor(() => expect(state.prefs.neutralTitle).toBe(true));
    await waitFor(() => expect(document.title).toBe("Notebook"));
    const sets = calls.filter((c) => c.cmd === "prefs_set").map((c) => c.args.prefs);
    expect(sets).toEqual([
      { autoLockMinutes: 15, neutralTitle: false, rememberRecent: true, lockOnSleepOrScreenLock: true },
      { autoLockMinutes: 15, neutralTitle: true, rememberRecent: true, lockOnSleepOrScreenLock: true },
    ]);
  });

  it("the vault settings store 'lock when the computer sleeps or the screen locks' (on by default)", async () => {
    const { calls, state } = backend();
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("app-shell");
    await fireEvent.keyDown(window, { key: "0", code: "Digit0", altKey: true });
    const card = await screen.findByTestId("privacy-card");
    await waitFor(() => expect(appPrefs.loaded).toBe(true));
    const sw = within(card).getByTestId("pref-os-lock");
    expect(sw).toBeChecked();
    expect(within(card).getByText("Lock when the computer sleeps or the screen locks")).toBeInTheDocument();
    await user.click(sw);
    await waitFor(() => expect(state.prefs.lockOnSleepOrScreenLock).toBe(false));
    expect(sw).not.toBeChecked();
    const sets = calls.filter((c) => c.cmd === "prefs_set").map((c) => c.args.prefs);
    expect(sets).toEqual([{ ...DEFAULT_PREFS, lockOnSleepOrScreenLock: false }]);
  });

  it("turning off 'remember recent vaults' on the start screen empties the list", async () => {
    const { calls, state } = backend({ unlocked: false });
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("recent-item");
    await waitFor(() => expect(appPrefs.loaded).toBe(true));
    const remember = screen.getByTestId("recent-remember");
    expect(remember).toBeChecked();
    await user.click(remember);
    await screen.findByTestId("recent-off");
    expect(screen.queryByTestId("recent-item")).not.toBeInTheDocument();
    expect(state.prefs.rememberRecent).toBe(false);
    expect(calls.filter((c) => c.cmd === "prefs_set")).toHaveLength(1);
  });
});

describe("WebView storage", () => {
  // Every source file of the UI (not the tests), as text.
  const sources = import.meta.glob(["../**/*.ts", "../**/*.svelte", "!../tests/**"], {
    query: "?raw",
    import: "default",
    eager: true,
  }) as Record<string, string>;

  it("no UI code uses localStorage, sessionStorage, IndexedDB, the Cache API, cookies or a service worker", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(Object.keys(sources)).toContain("../App.svelte");
    const storage = /\b(localStorage|sessionStorage|indexedDB|caches\s*\.|document\.cookie|serviceWorker|openDatabase)\b/;
    const offenders = Object.entries(sources)
      .filter(([, text]) =>
        text
          .split("\n")
          .filter((line) => !line.trim().startsWith("//"))
          .some((line) => storage.test(line)),
      )
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it("nothing the app does leaves data in the WebView's storage", async () => {
    backend();
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("app-shell");
    await fireEvent.keyDown(window, { key: "0", code: "Digit0", altKey: true });
    const card = await screen.findByTestId("privacy-card");
    await user.click(within(card).getByTestId("pref-neutral-title"));
    await waitFor(() => expect(document.title).toBe("Notebook"));
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe("");
  });
});
