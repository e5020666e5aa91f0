import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type { Campaign, ConversationInput, WorkerDetail, WorkerFilter, WorkerList, WorkerRow } from "../lib/types";
import { todayIso, addDays } from "../lib/dates";
import { INFO } from "./fixtures";

const CAMPAIGN: Campaign = {
  id: 1,
  name: "Riverside DC",
  employer: "Riverside Logistics",
  worksites: "",
  unitDescription: "",
  unitSize: null,
  cardStaleDays: 365,
  employerDomains: ["riverside.com"],
  issues: ["pay", "safety", "scheduling", "heat"],
  customFields: [],
  createdAt: "2025-10-01T00:00:00Z",
};

function row(id: number, over: Partial<WorkerRow> = {}): WorkerRow {
  return {
    id,
    name: `Worker ${id}`,
    legalName: `Worker ${id}`,
    department: ["Picking", "Packing", "Shipping"][id % 3]!,
    shift: ["Day", "Night"][id % 2]!,
    jobTitle: "Picker",
    assessment: ((id % 6) || null) as number | null,
    committee: id % 10 === 0,
    cardSignedOn: id % 4 === 0 ? "2025-09-01" : null,
    cardStale: false,
    isSupervisor: false,
    status: "active",
    nextFollowUp: null,
    followUpOverdue: false,
    tags: [],
    ...over,
  };
}

const DWAYNE = row(7, { name: "Dwayne Carter", legalName: "Dwayne Carter", department: "Picking", shift: "Night", assessment: 3 });

function listOf(rows: WorkerRow[]): WorkerList {
  const by: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
  for (const r of rows) by[r.assessment ?? 0]! += 1;
  return {
    rows,
    counts: {
      total: rows.length,
      byAssessment: by,
      committee: rows.filter((r) => r.committee).length,
      cardsSigned: rows.filter((r) => r.cardSignedOn).length,
      cardsStale: 0,
      followUpsOverdue: rows.filter((r) => r.followUpOverdue).length,
    },
  };
}

function detailOf(r: WorkerRow): WorkerDetail {
  return {
    worker: {
      id: r.id, campaignId: 1, assessment: r.assessment, committee: r.committee, cardStale: false, workEmails: ["dc@riverside.com"],
      updatedAt: "2025-10-01T00:00:00Z", employeeId: null, legalName: r.legalName, preferredName: "", pronouns: "", phones: [],
      emails: ["dc@riverside.com", "dwayne@example.org"], address: "", department: r.department, shift: r.shift, jobTitle: r.jobTitle,
      hireDate: null, languages: "", notes: "", tags: [], custom: {}, isSupervisor: false, cardSignedOn: r.cardSignedOn, status: "active",
    },
    assessments: [],
    conversations: [],
    committeeTerms: [],
  };
}

type Call = { cmd: string; args: Record<string, unknown> };

type StoredDraft = { body: string; updatedAt: string };

function backend(rows: WorkerRow[], search?: (q: string) => WorkerRow[], drafts = new Map<string, StoredDraft>()) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "vault_status":
        return INFO;
      case "campaign_list":
        return [CAMPAIGN];
      case "worker_facets":
        return { departments: ["Picking", "Packing", "Shipping"], shifts: ["Day", "Night"], tags: [] };
      case "worker_list": {
        const f = args.filter as WorkerFilter;
        if (f.search && search) return listOf(search(f.search));
        return listOf(rows);
      }
      case "follow_ups":
        return [];
      case "worker_detail":
        return detailOf(rows.find((r) => r.id === args.id) ?? DWAYNE);
      case "conversation_log":
        return detailOf(DWAYNE);
      case "draft_save":
        drafts.set(args.key as string, { body: args.body as string, updatedAt: new Date().toISOString() });
        return null;
      case "draft_load": {
        const d = drafts.get(args.key as string);
        return d ? { key: args.key, ...d } : null;
      }
      case "draft_clear":
        drafts.delete(args.key as string);
        return null;
      case "recent_list":
        return [];
      default:
        return null;
    }
  });
  return calls;
}

const lists = (calls: Call[]) => calls.filter((c) => c.cmd === "worker_list").map((c) => c.args.filter as WorkerFilter);

async function openWorkers() {
  const user = userEvent.setup();
  render(App);
  await screen.findByTestId("app-shell");
  await user.click(screen.getByTestId("nav-workers"));
  return user;
}

describe("worker table", () => {
  it("shows the counts and rows of the list, and filters call worker_list with the filter", async () => {
    const rows = [DWAYNE, row(1), row(2), row(10)];
    const calls = backend(rows);
    const user = await openWorkers();

    await waitFor(() => expect(screen.getAllByTestId("worker-row")).toHaveLength(4));
    const counts = screen.getByTestId("workers-count");
    expect(counts).toHaveTextContent("4 coworkers");
    expect(within(counts).getByTestId("count-assess-3")).toHaveTextContent("1");
    expect(within(counts).getByTestId("count-committee")).toHaveTextContent("1");
    expect(screen.getByText("Dwayne Carter")).toBeInTheDocument();
    expect(lists(calls)[0]).toMatchObject({ search: "", assessments: [], sort: "name", descending: false });

    await user.click(screen.getByTestId("filter-assess-2"));
    await waitFor(() => expect(lists(calls).at(-1)).toMatchObject({ assessments: [2] }));
    await user.selectOptions(screen.getByTestId("filter-department"), "Picking");
    await waitFor(() => expect(lists(calls).at(-1)).toMatchObject({ assessments: [2], departments: ["Picking"] }));
    await user.selectOptions(screen.getByTestId("filter-card"), "stale");
    await waitFor(() => expect(lists(calls).at(-1)).toMatchObject({ card: "stale" }));
    await user.click(screen.getByTestId("filter-overdue"));
    await waitFor(() => expect(lists(calls).at(-1)).toMatchObject({ followUpOverdue: true }));
    await user.click(screen.getByTestId("sort-assessment"));
    await waitFor(() => expect(lists(calls).at(-1)).toMatchObject({ sort: "assessment", descending: false }));
    await user.click(screen.getByTestId("sort-assessment"));
    await waitFor(() => expect(lists(calls).at(-1)).toMatchObject({ sort: "assessment", descending: true }));

    const before = lists(calls).length;
    await user.type(screen.getByTestId("workers-search"), "dwa");
    // Debounced: one call with the whole text, not one per key.
    await waitFor(() => expect(lists(calls).at(-1)).toMatchObject({ search: "dwa" }));
    expect(lists(calls).length - before).toBe(1);
  });

  it("renders only a window of rows for 20,000 workers", async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => row(i + 1));
    backend(many);
    await openWorkers();
    await waitFor(() => expect(screen.getByTestId("workers-count")).toHaveTextContent("20,000 coworkers"));
    const rendered = screen.getAllByTestId("worker-row");
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(80);
    const grid = screen.getByTestId("workers-grid");
    expect(grid).toHaveAttribute("aria-rowcount", "20001");
    // Keyboard: End jumps to the last row, which is then rendered with its index.
    grid.focus();
    await fireEvent.keyDown(grid, { key: "End" });
    await waitFor(() => expect(grid.getAttribute("aria-activedescendant")).toBe("wrow-19999"));
  });

  it("opens the worker page from a row, with the work e-mail warning", async () => {
    backend([DWAYNE]);
    const user = await openWorkers();
    await user.click(await screen.findByText("Dwayne Carter"));
    const page = await screen.findByTestId("worker-page");
    expect(await within(page).findByTestId("work-email-warning")).toHaveTextContent("employer can read it");
  });
});

/** Open the app and the log form for Dwayne through the command bar. */
async function openLogForm(calls: Call[]) {
  const user = userEvent.setup();
  render(App);
  await screen.findByTestId("app-shell");
  await waitFor(() => expect(calls.some((c) => c.cmd === "campaign_list")).toBe(true));
  await waitFor(() => expect(screen.queryByTestId("campaigns-error")).not.toBeInTheDocument());
  await fireEvent.keyDown(window, { key: "k", code: "KeyK", ctrlKey: true });
  await user.type(await screen.findByTestId("cmdk-input"), "dwayne");
  await screen.findByTestId("cmdk-item");
  await user.keyboard("{Enter}");
  return user;
}

describe("command bar and log form", () => {
  it("Ctrl+K finds a worker by three letters, Enter opens the log form, Ctrl+Enter saves it", async () => {
    const calls = backend([DWAYNE, row(1)], (q) => (q.toLowerCase().startsWith("dwa") ? [DWAYNE] : []));
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("app-shell");
    await waitFor(() => expect(calls.some((c) => c.cmd === "campaign_list")).toBe(true));
    await waitFor(() => expect(screen.queryByTestId("section-today")).toBeInTheDocument());

    await fireEvent.keyDown(window, { key: "k", code: "KeyK", ctrlKey: true });
    const input = await screen.findByTestId("cmdk-input");
    await user.type(input, "dw");
    expect(screen.queryAllByTestId("cmdk-item")).toHaveLength(0); // not before three letters
    await user.type(input, "a");
    const item = await screen.findByTestId("cmdk-item");
    expect(item).toHaveTextContent("Dwayne Carter");
    expect(lists(calls).at(-1)).toMatchObject({ search: "dwa" });
    await user.keyboard("{Enter}");

    const form = await screen.findByTestId("log-form");
    expect(within(form).getByTestId("log-worker")).toHaveTextContent("Dwayne Carter");
    const issue = within(form).getAllByTestId("log-issue").find((b) => b.textContent?.includes("heat"))!;
    await user.click(issue);
    await user.type(within(form).getByTestId("log-ask"), "Sign a union card");
    await user.click(within(form).getByTestId("log-answer-not-yet"));
    await user.click(within(form).getByTestId("log-next-step"));
    await user.type(within(form).getByTestId("log-next-step"), "Bring a card Thursday");
    await user.click(within(form).getByTestId("log-fu-2"));
    // Keys 1–5 set the assessment when the focus is not in a text field.
    within(form).getByTestId("log-fu-2").focus();
    await user.keyboard("2");
    await user.click(within(form).getByTestId("log-notes"));
    await user.keyboard("{Control>}{Enter}{/Control}");

    await waitFor(() => expect(calls.some((c) => c.cmd === "conversation_log")).toBe(true));
    const sent = calls.find((c) => c.cmd === "conversation_log")!;
    expect(sent.args.workerId).toBe(DWAYNE.id);
    const today = todayIso();
    expect(sent.args.input as ConversationInput).toEqual({
      heldOn: today,
      organizer: "",
      place: "",
      issues: ["heat"],
      ask: "Sign a union card",
      answer: "not yet",
      assessmentAfter: 2,
      nextStep: "Bring a card Thursday",
      followUpOn: addDays(today, 2),
      notes: "",
    });
    await waitFor(() => expect(screen.queryByTestId("log-form")).not.toBeInTheDocument());
    expect(await screen.findByTestId("toast")).toHaveTextContent("1-on-1 with Dwayne Carter saved.");
    // Saving the 1-on-1 clears its draft, after the conversation is stored.
    const logged = calls.findIndex((c) => c.cmd === "conversation_log");
    const cleared = calls.findIndex((c, i) => i > logged && c.cmd === "draft_clear");
    expect(cleared).toBeGreaterThan(logged);
    expect(calls[cleared]!.args).toEqual({ key: `conversation:${DWAYNE.id}` });
    expect(calls.slice(cleared).some((c) => c.cmd === "draft_save")).toBe(false);
  });

  it("typing autosaves the draft into the vault; Esc keeps it there and closes", async () => {
    const drafts = new Map<string, StoredDraft>();
    const calls = backend([DWAYNE], () => [DWAYNE], drafts);
    const user = await openLogForm(calls);
    const form = await screen.findByTestId("log-form");
    await waitFor(() => expect(calls.some((c) => c.cmd === "draft_load")).toBe(true));
    expect(calls.find((c) => c.cmd === "draft_load")!.args).toEqual({ key: `conversation:${DWAYNE.id}` });
    expect(within(form).getByTestId("log-draft-status")).toHaveTextContent("Drafts autosave inside the vault.");

    await user.type(within(form).getByTestId("log-next-step"), "Bring a card");
    await user.type(within(form).getByTestId("log-ask"), "Sign");
    // Debounced: one write with the whole form once typing pauses, not one per key.
    await waitFor(() => expect(calls.some((c) => c.cmd === "draft_save")).toBe(true), { timeout: 2000 });
    const saves = calls.filter((c) => c.cmd === "draft_save");
    expect(saves).toHaveLength(1);
    expect(saves[0]!.args.key).toBe(`conversation:${DWAYNE.id}`);
    expect(JSON.parse(saves[0]!.args.body as string) as ConversationInput).toEqual({
      heldOn: todayIso(),
      organizer: "",
      place: "",
      issues: [],
      ask: "Sign",
      answer: "",
      assessmentAfter: null,
      nextStep: "Bring a card",
      followUpOn: null,
      notes: "",
    });
    await waitFor(() => expect(within(form).getByTestId("log-draft-status")).toHaveTextContent("Draft saved in the vault"));

    // Esc writes the latest text at once and closes; nothing is logged, the draft stays.
    await user.type(within(form).getByTestId("log-ask"), " a card");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("log-form")).not.toBeInTheDocument());
    await waitFor(() => expect(calls.filter((c) => c.cmd === "draft_save")).toHaveLength(2));
    expect(JSON.parse(drafts.get(`conversation:${DWAYNE.id}`)!.body)).toMatchObject({ ask: "Sign a card", nextStep: "Bring a card" });
    expect(calls.some((c) => c.cmd === "conversation_log" || c.cmd === "draft_clear")).toBe(false);
    expect(await screen.findByTestId("toast")).toHaveTextContent("Draft of the 1-on-1 with Dwayne Carter kept in the vault.");
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });

  it("opening the form for a worker with a stored draft restores it; Discard draft clears it", async () => {
    const body: ConversationInput = {
      heldOn: "2025-11-20",
      organizer: "Rosa",
      place: "Break room",
      issues: ["heat"],
      ask: "Come to the meeting",
      answer: "yes",
      assessmentAfter: 2,
      nextStep: "Call Sunday",
      followUpOn: "2025-11-23",
      notes: "Worried about the heat on nights",
    };
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000 - 5_000).toISOString();
    const drafts = new Map([[`conversation:${DWAYNE.id}`, { body: JSON.stringify(body), updatedAt: twoMinutesAgo }]]);
    const calls = backend([DWAYNE], () => [DWAYNE], drafts);
    const user = await openLogForm(calls);
    const form = await screen.findByTestId("log-form");

    const notice = await within(form).findByTestId("log-draft-restored");
    expect(notice).toHaveTextContent("Restored your unsaved draft from 2 minutes ago.");
    expect(within(form).getByTestId("log-next-step")).toHaveValue("Call Sunday");
    expect(within(form).getByTestId("log-notes")).toHaveValue("Worried about the heat on nights");
    expect(within(form).getByTestId("log-place")).toHaveValue("Break room");
    expect(within(form).getByTestId("log-assess-2")).toHaveAttribute("aria-checked", "true");
    expect(within(form).getByTestId("log-answer-yes")).toHaveAttribute("aria-checked", "true");
    expect(within(form).getByTestId("log-draft-status")).toHaveTextContent("Draft saved in the vault");
    // Restoring is not a change: nothing is written back.
    await new Promise((r) => setTimeout(r, 700));
    expect(calls.some((c) => c.cmd === "draft_save")).toBe(false);

    await user.click(within(notice).getByTestId("log-draft-discard"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "draft_clear")).toBe(true));
    expect(drafts.size).toBe(0);
    expect(within(form).queryByTestId("log-draft-restored")).not.toBeInTheDocument();
    expect(within(form).getByTestId("log-next-step")).toHaveValue("");
    expect(within(form).getByTestId("log-draft-status")).toHaveTextContent("Drafts autosave inside the vault.");
  });

  it("locking with the form open writes the draft before the vault closes", async () => {
    const drafts = new Map<string, StoredDraft>();
    const calls = backend([DWAYNE], () => [DWAYNE], drafts);
    const user = await openLogForm(calls);
    const form = await screen.findByTestId("log-form");
    await waitFor(() => expect(calls.some((c) => c.cmd === "draft_load")).toBe(true));
    await user.type(within(form).getByTestId("log-notes"), "Said yes to the meeting");
    await fireEvent.keyDown(window, { key: "l", code: "KeyL", ctrlKey: true });
    await waitFor(() => expect(calls.some((c) => c.cmd === "vault_lock")).toBe(true));
    const saved = calls.findIndex((c) => c.cmd === "draft_save");
    expect(saved).toBeGreaterThanOrEqual(0);
    expect(saved).toBeLessThan(calls.findIndex((c) => c.cmd === "vault_lock"));
    expect(JSON.parse(drafts.get(`conversation:${DWAYNE.id}`)!.body)).toMatchObject({ notes: "Said yes to the meeting" });
  });
});
