import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type { Campaign, ConversationInput, WorkerDetail, WorkerFilter, WorkerList, WorkerRow } from "../lib/types";
import { todayIso, addDays } from "../lib/dates";
import { INFO } from "./fixtures";
import { pageOf, requestOf } from "./workerPageMock";
import type { CustomFieldChanges, CustomFieldUsage, WorkerPageRequest } from "../lib/bindings";

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

type Extra = {
  campaigns?: Campaign[];
  usage?: CustomFieldUsage[];
  facets?: { name: string; values: string[] }[];
  /** Rows of another campaign (by id). */
  byCampaign?: Record<number, WorkerRow[]>;
  /** Hold worker_page answers until release() (to see the placeholders). */
  hold?: { pending: (() => void)[] };
};

function backend(rows: WorkerRow[], search?: (q: string) => WorkerRow[], drafts = new Map<string, StoredDraft>(), extra: Extra = {}) {
  const calls: Call[] = [];
  let campaigns = extra.campaigns ?? [CAMPAIGN];
  const details = new Map<number, WorkerDetail>();
  const rowsOf = (campaignId: number) => extra.byCampaign?.[campaignId] ?? rows;
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "vault_status":
        return INFO;
      case "campaign_list":
        return campaigns;
      case "campaign_create": {
        const input = args.input as Campaign;
        const c: Campaign = { ...CAMPAIGN, ...input, id: Math.max(...campaigns.map((x) => x.id)) + 1, cardStaleDays: input.cardStaleDays ?? 365 };
        campaigns = [...campaigns, c];
        return c;
      }
      case "campaign_update": {
        const c: Campaign = { ...campaigns.find((x) => x.id === args.id)!, ...(args.input as Campaign), id: args.id as number };
        campaigns = campaigns.map((x) => (x.id === c.id ? c : x));
        return c;
      }
      case "campaign_field_usage":
        return extra.usage ?? [];
      case "worker_facets":
        return { departments: ["Picking", "Packing", "Shipping"], shifts: ["Day", "Night"], tags: [], custom: extra.facets ?? [] };
      case "worker_list": {
        const f = args.filter as WorkerFilter;
        if (f.search && search) return listOf(search(f.search));
        return listOf(rows);
      }
      case "worker_page": {
        const req = requestOf(args);
        const f = req.filter;
        let list = rowsOf(args.campaignId as number);
        if (f.search && search) list = search(f.search);
        if (f.customField) list = list.filter((r) => r.custom?.[f.customField!.name] === f.customField!.value);
        const answer = pageOf({ rows: list }, req);
        if (extra.hold) return new Promise((resolve) => extra.hold!.pending.push(() => resolve(answer)));
        return answer;
      }
      case "worker_update": {
        const d = detailOf(rows.find((r) => r.id === args.id) ?? DWAYNE);
        const input = args.input as WorkerDetail["worker"];
        const next = { ...d, worker: { ...d.worker, ...input } };
        details.set(args.id as number, next);
        return next;
      }
      case "follow_ups":
        return [];
      case "worker_detail":
        return details.get(args.id as number) ?? detailOf(rows.find((r) => r.id === args.id) ?? DWAYNE);
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
/** The worker table's page requests. */
const pageRequests = (calls: Call[]) => calls.filter((c) => c.cmd === "worker_page").map((c) => c.args.request as WorkerPageRequest);
const pages = (calls: Call[]) => pageRequests(calls).map((r) => r.filter);

async function openWorkers() {
  const user = userEvent.setup();
  render(App);
  await screen.findByTestId("app-shell");
  await user.click(screen.getByTestId("nav-workers"));
  return user;
}

describe("worker table", () => {
  it("shows the counts and rows of the list, and filters ask worker_page with the filter", async () => {
    const rows = [DWAYNE, row(1), row(2), row(10)];
    const calls = backend(rows);
    const user = await openWorkers();

    await waitFor(() => expect(screen.getAllByTestId("worker-row")).toHaveLength(4));
    const counts = screen.getByTestId("workers-count");
    expect(counts).toHaveTextContent("4 coworkers");
    expect(within(counts).getByTestId("count-assess-3")).toHaveTextContent("1");
    expect(within(counts).getByTestId("count-committee")).toHaveTextContent("1");
    expect(screen.getByText("Dwayne Carter")).toBeInTheDocument();
    expect(pages(calls)[0]).toMatchObject({ search: "", assessments: [], sort: "name", descending: false });

    await user.click(screen.getByTestId("filter-assess-2"));
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ assessments: [2] }));
    await user.selectOptions(screen.getByTestId("filter-department"), "Picking");
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ assessments: [2], departments: ["Picking"] }));
    await user.selectOptions(screen.getByTestId("filter-card"), "stale");
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ card: "stale" }));
    await user.click(screen.getByTestId("filter-overdue"));
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ followUpOverdue: true }));
    await user.click(screen.getByTestId("sort-assessment"));
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ sort: "assessment", descending: false }));
    await user.click(screen.getByTestId("sort-assessment"));
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ sort: "assessment", descending: true }));

    const before = pages(calls).length;
    await user.type(screen.getByTestId("workers-search"), "dwa");
    // Debounced: one call with the whole text, not one per key.
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ search: "dwa" }));
    expect(pages(calls).length - before).toBe(1);
  });

  it("renders only a window of rows for 20,000 workers, and loads only the pages on screen", async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => row(i + 1));
    const calls = backend(many);
    await openWorkers();
    await waitFor(() => expect(screen.getByTestId("workers-count")).toHaveTextContent("20,000 coworkers"));
    const rendered = screen.getAllByTestId("worker-row");
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(80);
    const grid = screen.getByTestId("workers-grid");
    expect(grid).toHaveAttribute("aria-rowcount", "20001");
    // One page, with the counts of the whole filter; nothing else was asked for.
    const first = pageRequests(calls);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ offset: 0, limit: 100, counts: true, ids: null });
    // Keyboard: End jumps to the last row; its page is fetched (without counts) and rendered.
    grid.focus();
    await fireEvent.keyDown(grid, { key: "End" });
    await waitFor(() => expect(grid.getAttribute("aria-activedescendant")).toBe("wrow-19999"));
    await waitFor(() => expect(pageRequests(calls).some((r) => r.offset === 19_900 && !r.counts)).toBe(true));
    await waitFor(() => expect(document.getElementById("wrow-19999")).toHaveTextContent("Worker 20000"));
    expect(pageRequests(calls).length).toBeLessThanOrEqual(3);
    // Enter opens the worker of the active row.
    await fireEvent.keyDown(grid, { key: "Enter" });
    expect(await screen.findByTestId("worker-page")).toBeInTheDocument();
  });

  it("shows placeholders until a page arrives, and an edit reloads the rows where the list is", async () => {
    const many = Array.from({ length: 1_000 }, (_, i) => row(i + 1));
    const hold = { pending: [] as (() => void)[] };
    const calls = backend(many, undefined, undefined, { hold });
    await openWorkers();
    const release = () => {
      const waiting = hold.pending.splice(0);
      for (const r of waiting) r();
      return waiting.length;
    };
    await waitFor(() => expect(hold.pending.length).toBe(1));
    expect(screen.getByTestId("workers-count")).toHaveTextContent("Loading");
    release();
    await waitFor(() => expect(screen.getByTestId("workers-count")).toHaveTextContent("1,000 coworkers"));
    const grid = screen.getByTestId("workers-grid");
    grid.focus();
    await fireEvent.keyDown(grid, { key: "End" });
    // The last rows are on screen but their page is on its way: placeholders, marked busy.
    await waitFor(() => expect(document.getElementById("wrow-999")).toHaveAttribute("aria-busy", "true"));
    expect(document.getElementById("wrow-999")).toHaveTextContent("Loading");
    await waitFor(() => expect(release()).toBeGreaterThan(0));
    await waitFor(() => expect(document.getElementById("wrow-999")).toHaveTextContent("Worker 1000"));
    expect(document.getElementById("wrow-999")).not.toHaveAttribute("aria-busy");
    // A change of the data reloads the page on screen (not the top), with the counts.
    const before = pageRequests(calls).length;
    await fireEvent.keyDown(grid, { key: "Enter" });
    await screen.findByTestId("worker-page");
    await fireEvent.click(screen.getByTestId("worker-back"));
    await waitFor(() => expect(hold.pending.length).toBeGreaterThan(0));
    release();
    const after = pageRequests(calls).slice(before);
    expect(after[0]).toMatchObject({ counts: true });
    expect(after.every((r) => r.limit === 100)).toBe(true);
  });

  it("opens the worker page from a row, with the work e-mail warning", async () => {
    backend([DWAYNE]);
    const user = await openWorkers();
    await user.click(await screen.findByText("Dwayne Carter"));
    const page = await screen.findByTestId("worker-page");
    expect(await within(page).findByTestId("work-email-warning")).toHaveTextContent("employer can read it");
  });
});

const SECOND: Campaign = { ...CAMPAIGN, id: 2, name: "Northgate DC", employer: "Northgate", customFields: [] };

describe("campaigns and custom fields", () => {
  it("campaign settings save every field; a removed field with values asks first and can keep or erase them", async () => {
    const withFields = { ...CAMPAIGN, customFields: ["Locker", "Badge", "Bus route"] };
    const usage: CustomFieldUsage[] = [
      { name: "Locker", workers: 12, defined: true },
      { name: "Badge", workers: 0, defined: true },
      { name: "Bus route", workers: 3, defined: true },
      { name: "Old shirt size", workers: 4, defined: false },
    ];
    const calls = backend([DWAYNE], undefined, undefined, { campaigns: [withFields], usage });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("campaign-settings"));
    const dialog = await screen.findByTestId("campaign-dialog");
    expect(within(dialog).getByTestId("cd-name")).toHaveValue("Riverside DC");
    // Usage per field, and the hidden values of a field removed earlier.
    await waitFor(() => expect(within(dialog).getAllByTestId("cd-field-usage").map((e) => e.textContent)).toEqual(["12 with a value", "3 with a value"]));
    expect(within(dialog).getByTestId("cd-hidden")).toHaveTextContent("Old shirt size (4 coworkers)");

    await user.clear(within(dialog).getByTestId("cd-unit-size"));
    await user.type(within(dialog).getByTestId("cd-unit-size"), "420");
    await user.clear(within(dialog).getByTestId("cd-stale-days"));
    await user.type(within(dialog).getByTestId("cd-stale-days"), "180");
    await user.type(within(dialog).getByTestId("cd-worksites"), "Riverside, 4100 River Rd");
    await user.type(within(dialog).getByTestId("cd-issues-new"), "heat{Enter}");
    // Rename "Bus route" (its values move), remove "Badge" (no values) and "Locker" (12 values).
    const items = within(dialog).getAllByTestId("cd-fields-item");
    await user.clear(items[2]!);
    await user.type(items[2]!, "Route");
    await user.click(within(dialog).getAllByTestId("cd-fields-remove")[1]!);
    await user.click(within(dialog).getAllByTestId("cd-fields-remove")[0]!);
    expect(within(dialog).getByTestId("cd-removed-note")).toHaveTextContent("Locker (12 coworkers)");
    await user.click(within(dialog).getByTestId("cd-save"));

    // Nothing is saved before the question is answered.
    const confirm = await screen.findByTestId("cd-confirm");
    expect(calls.some((c) => c.cmd === "campaign_update")).toBe(false);
    expect(confirm).toHaveTextContent("Locker (12 coworkers)");
    expect(confirm).toHaveTextContent("stay in the vault");
    await user.click(within(confirm).getByTestId("cd-confirm-erase"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "campaign_update")).toBe(true));
    const sent = calls.find((c) => c.cmd === "campaign_update")!.args;
    expect(sent.id).toBe(1);
    expect(sent.input).toMatchObject({
      name: "Riverside DC",
      unitSize: 420,
      cardStaleDays: 180,
      worksites: "Riverside, 4100 River Rd",
      issues: ["pay", "safety", "scheduling", "heat"],
      customFields: ["Route"],
    });
    expect(sent.changes as CustomFieldChanges).toEqual({ renamed: { "Bus route": "Route" }, erase: ["Locker"] });
    await waitFor(() => expect(screen.queryByTestId("campaign-dialog")).not.toBeInTheDocument());
    expect(await screen.findByText("Campaign “Riverside DC” saved.")).toBeInTheDocument();
  });

  it("keeping the values of a removed field sends no erasure; erasing hidden values asks, then sends them", async () => {
    const usage: CustomFieldUsage[] = [
      { name: "Locker", workers: 2, defined: true },
      { name: "Old shirt size", workers: 4, defined: false },
    ];
    const calls = backend([DWAYNE], undefined, undefined, { campaigns: [{ ...CAMPAIGN, customFields: ["Locker"] }], usage });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("campaign-settings"));
    const dialog = await screen.findByTestId("campaign-dialog");
    await within(dialog).findByTestId("cd-field-usage");
    await user.click(within(dialog).getByTestId("cd-fields-remove"));
    await user.click(within(dialog).getByTestId("cd-save"));
    await user.click(within(await screen.findByTestId("cd-confirm")).getByTestId("cd-confirm-confirm"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "campaign_update")).toHaveLength(1));
    expect(calls.find((c) => c.cmd === "campaign_update")!.args.changes).toEqual({ renamed: {}, erase: [] });

    await user.click(await screen.findByTestId("campaign-settings"));
    const again = await screen.findByTestId("campaign-dialog");
    // Both are hidden now: the field just removed (values kept) and the older one.
    const hiddenRows = within(await within(again).findByTestId("cd-hidden")).getAllByTestId("cd-erase-hidden").map((b) => b.parentElement!);
    expect(hiddenRows.map((r) => r.textContent)).toEqual([expect.stringContaining("Locker (2 coworkers)"), expect.stringContaining("Old shirt size (4 coworkers)")]);
    await user.click(within(hiddenRows[1]!).getByTestId("cd-erase-hidden"));
    expect(within(hiddenRows[1]!).getByTestId("cd-erase-hidden")).toHaveAttribute("aria-pressed", "true");
    await user.click(within(again).getByTestId("cd-save"));
    const confirm = await screen.findByTestId("cd-confirm");
    expect(confirm).toHaveTextContent("Old shirt size (4 coworkers)");
    expect(confirm).toHaveTextContent("cannot be undone");
    await user.click(within(confirm).getByTestId("cd-confirm-confirm"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "campaign_update")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "campaign_update")[1]!.args.changes).toEqual({ renamed: {}, erase: ["Old shirt size"] });
  });

  it("checks the form before saving: a name, whole numbers, no duplicate or empty entries, at least one issue", async () => {
    const calls = backend([DWAYNE]);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("campaign-settings"));
    const dialog = await screen.findByTestId("campaign-dialog");
    await user.clear(within(dialog).getByTestId("cd-stale-days"));
    await user.type(within(dialog).getByTestId("cd-stale-days"), "0");
    await user.click(within(dialog).getByTestId("cd-save"));
    expect(within(dialog).getByTestId("cd-problem")).toHaveTextContent("whole number of days");
    await user.clear(within(dialog).getByTestId("cd-stale-days"));
    await user.type(within(dialog).getByTestId("cd-stale-days"), "365");
    const issues = within(dialog).getAllByTestId("cd-issues-item");
    await user.clear(issues[1]!);
    await user.type(issues[1]!, "PAY");
    await user.click(within(dialog).getByTestId("cd-save"));
    expect(within(dialog).getByTestId("cd-problem")).toHaveTextContent("“PAY” is in the list twice.");
    // The last issue cannot be removed.
    for (let i = 0; i < 3; i++) await user.click(within(dialog).getAllByTestId("cd-issues-remove")[0]!);
    expect(within(dialog).getAllByTestId("cd-issues-item")).toHaveLength(1);
    expect(within(dialog).getByTestId("cd-issues-remove")).toBeDisabled();
    expect(calls.some((c) => c.cmd === "campaign_update")).toBe(false);
  });

  it("a new campaign becomes the current one; the switcher changes what every list shows", async () => {
    const calls = backend([DWAYNE, row(1)], undefined, undefined, { byCampaign: { 2: [row(50, { name: "Nia North" })], 3: [] } , campaigns: [CAMPAIGN, SECOND] });
    const user = await openWorkers();
    await waitFor(() => expect(screen.getAllByTestId("worker-row")).toHaveLength(2));
    const pick = screen.getByTestId("campaign-pick");
    expect([...(pick as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(["Riverside DC", "Northgate DC"]);

    await user.selectOptions(pick, "2");
    await waitFor(() => expect(screen.getAllByTestId("worker-row").map((r) => r.textContent)).toEqual([expect.stringContaining("Nia North")]));
    expect(pageRequests(calls).length).toBeGreaterThan(1);
    expect(calls.filter((c) => c.cmd === "worker_page").at(-1)!.args.campaignId).toBe(2);
    expect(screen.getByText("Now showing “Northgate DC”.")).toBeInTheDocument();

    // A new campaign: created with its settings, then current (an empty list).
    await user.click(screen.getByTestId("campaign-new"));
    const dialog = await screen.findByTestId("campaign-dialog");
    expect(within(dialog).getByTestId("cd-name")).toHaveValue("");
    await user.type(within(dialog).getByTestId("cd-name"), "Eastside");
    await user.type(within(dialog).getByTestId("cd-fields-new"), "Locker{Enter}");
    await user.click(within(dialog).getByTestId("cd-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "campaign_create")).toBe(true));
    expect(calls.find((c) => c.cmd === "campaign_create")!.args.input).toMatchObject({ name: "Eastside", issues: [], customFields: ["Locker"], cardStaleDays: 365 });
    expect(await screen.findByTestId("workers-empty")).toBeInTheDocument();
    expect(screen.getByTestId("campaign-pick")).toHaveValue("3");
    expect(calls.filter((c) => c.cmd === "worker_page").at(-1)!.args.campaignId).toBe(3);
  });

  it("the worker form has a box per custom field; the value is saved, shown on the page and kept for removed fields", async () => {
    const campaign = { ...CAMPAIGN, customFields: ["Locker", "Bus route"] };
    const calls = backend([DWAYNE], undefined, undefined, { campaigns: [campaign] });
    const user = await openWorkers();
    await user.click(await screen.findByText("Dwayne Carter"));
    await screen.findByTestId("worker-page");
    await user.click(screen.getByTestId("btn-edit-worker"));
    const form = await screen.findByTestId("worker-form");
    const boxes = within(form).getAllByTestId("wf-custom");
    expect(boxes.map((b) => b.getAttribute("data-field"))).toEqual(["Locker", "Bus route"]);
    expect(within(form).getByLabelText("Locker")).toBe(boxes[0]);
    await user.type(boxes[0]!, "  B-14 ");
    await user.click(within(form).getByTestId("wf-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "worker_update")).toBe(true));
    const input = calls.find((c) => c.cmd === "worker_update")!.args.input as { custom: Record<string, string> };
    expect(input.custom).toEqual({ Locker: "B-14" });
    const shown = await screen.findByTestId("worker-custom-field");
    expect(shown).toHaveTextContent("B-14");
    expect(shown).toHaveAttribute("data-field", "Locker");
  });

  it("custom fields as optional columns: shown from the Columns menu, sortable, and a filter by value", async () => {
    const campaign = { ...CAMPAIGN, customFields: ["Locker"] };
    const rows = [row(1, { custom: { Locker: "L3" } }), row(2), row(3, { custom: { Locker: "L9" } })];
    const calls = backend(rows, undefined, undefined, { campaigns: [campaign], facets: [{ name: "Locker", values: ["L3", "L9"] }] });
    const user = await openWorkers();
    await waitFor(() => expect(screen.getAllByTestId("worker-row")).toHaveLength(3));
    expect(screen.queryByTestId("worker-custom")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("columns-button"));
    const toggle = await screen.findByTestId("column-toggle");
    expect(toggle).toHaveFocus();
    await user.click(toggle);
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("columns-panel")).not.toBeInTheDocument();
    expect(screen.getByTestId("columns-button")).toHaveFocus();
    await waitFor(() => expect(screen.getAllByTestId("worker-custom").map((c) => c.textContent)).toEqual(["L3", "", "L9"]));

    await user.click(screen.getByTestId("sort-custom"));
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ customSort: "Locker", descending: false }));
    await user.click(screen.getByTestId("sort-custom"));
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ customSort: "Locker", descending: true }));
    await user.click(screen.getByTestId("sort-name"));
    await waitFor(() => expect(pages(calls).at(-1)!.customSort).toBeUndefined());

    await user.selectOptions(screen.getByTestId("filter-custom"), JSON.stringify(["Locker", "L9"]));
    await waitFor(() => expect(pages(calls).at(-1)).toMatchObject({ customField: { name: "Locker", value: "L9" } }));
    await waitFor(() => expect(screen.getAllByTestId("worker-row")).toHaveLength(1));
    expect(screen.getByTestId("workers-count")).toHaveTextContent("1 coworkers");
    await user.click(screen.getByTestId("filter-clear"));
    await waitFor(() => expect(pages(calls).at(-1)!.customField).toBeUndefined());
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
