import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import DeadlineBadge from "../components/incidents/DeadlineBadge.svelte";
import { byUrgency, daysLeft, lastDayOf, levelOf, previewClock, weekdayBefore } from "../components/incidents/deadline";
import { openIncident, openIncidentLog } from "../components/incidents/nav.svelte";
import { uploadEvidence, UploadCancelled } from "../components/incidents/upload";
import type { DeadlineClock, Evidence, Incident, IncidentInput, IncidentRow } from "../lib/bindings";
import { addDays, todayIso } from "../lib/dates";
import type { Campaign, WorkerFilter, WorkerList, WorkerRow } from "../lib/types";
import { INFO } from "./fixtures";

const CAMPAIGN: Campaign = {
  id: 1,
  name: "Riverside DC",
  employer: "Riverside Logistics",
  worksites: "",
  unitDescription: "",
  unitSize: null,
  cardStaleDays: 365,
  employerDomains: [],
  issues: [],
  customFields: [],
  createdAt: "2025-10-01T00:00:00Z",
};

function row(id: number, name: string, over: Partial<WorkerRow> = {}): WorkerRow {
  return {
    id,
    name,
    legalName: name,
    department: "Picking",
    shift: "Night",
    jobTitle: "Picker",
    assessment: 2,
    committee: false,
    cardSignedOn: null,
    cardStale: false,
    isSupervisor: false,
    status: "active",
    nextFollowUp: null,
    followUpOverdue: false,
    tags: [],
    ...over,
  };
}

const GREG = row(31, "Greg Hollis", { jobTitle: "Night supervisor", isSupervisor: true, assessment: null });
const MARCUS = row(7, "Marcus Bell");
const TAMIKA = row(12, "Tamika Johnson", { assessment: 1, committee: true });
const WORKERS = [GREG, MARCUS, TAMIKA];

function listOf(rows: WorkerRow[]): WorkerList {
  return {
    rows,
    counts: { total: rows.length, byAssessment: [0, 0, rows.length, 0, 0, 0], committee: 0, cardsSigned: 0, cardsStale: 0, followUpsOverdue: 0 },
  };
}

const today = todayIso();

function incidentOf(id: number, input: IncidentInput, evidence: Evidence[] = []): Incident {
  const lastDay = lastDayOf(input.occurredOn)!;
  const d = daysLeft(lastDay, today);
  const person = (w: WorkerRow) => ({ workerId: w.id, name: w.name, department: w.department, shift: w.shift });
  const byId = (i: number) => WORKERS.find((w) => w.id === i)!;
  return {
    id,
    campaignId: 1,
    occurredOn: input.occurredOn,
    occurredTime: input.occurredTime,
    place: input.place,
    learnedOn: input.learnedOn,
    category: input.category,
    summary: input.summary,
    description: input.description,
    caseNumber: input.caseNumber,
    status: "logged",
    sentToCounselOn: null,
    chargeFiledOn: null,
    chargeServedOn: null,
    closedOn: null,
    managers: input.managers.map((m) => (m.workerId !== null ? person(byId(m.workerId)) : { workerId: null, name: m.name, department: "", shift: "" })),
    affected: input.affected.map((i) => person(byId(i))),
    witnesses: input.witnesses.map((i) => person(byId(i))),
    evidence,
    lastDay,
    clock: { daysLeft: d, level: levelOf(d), needsFiling: true, needsService: true },
    chargeTimely: null,
    createdAt: `${today}T08:00:00Z`,
    updatedAt: `${today}T08:00:00Z`,
  };
}

const BASE_INPUT: IncidentInput = {
  occurredOn: addDays(today, -20),
  occurredTime: "22:15",
  place: "Picking, aisle 14",
  learnedOn: today,
  category: "interrogation",
  summary: "Supervisor questioned Marcus about the union meeting",
  description: "Greg asked Marcus who went to the meeting.",
  caseNumber: "",
  managers: [{ workerId: GREG.id, name: "" }],
  affected: [MARCUS.id],
  witnesses: [TAMIKA.id],
};

type Call = { cmd: string; args: Record<string, unknown>; body?: unknown; headers?: Record<string, string> };

type Opts = {
  incident?: Incident;
  chunk?: (args: { uploadId: number; offset: number }, body: Uint8Array) => unknown;
  maxChunkBytes?: number;
  evidence?: Evidence[];
  deadlines?: IncidentRow[];
};

function backend(opts: Opts = {}) {
  const calls: Call[] = [];
  let stored: Incident | null = opts.incident ?? null;
  let evidence: Evidence[] = opts.evidence ?? stored?.evidence ?? [];
  mockIPC(async (cmd, raw) => {
    const last = calls[calls.length - 1];
    const isRaw = raw instanceof Uint8Array || raw instanceof ArrayBuffer;
    const args = (isRaw ? (last?.args ?? {}) : (raw ?? {})) as Record<string, unknown>;
    if (!isRaw) calls.push({ cmd, args });
    switch (cmd) {
      case "vault_status":
        return INFO;
      case "campaign_list":
        return [CAMPAIGN];
      case "follow_ups":
        return [];
      case "worker_list": {
        const f = args.filter as WorkerFilter;
        const q = (f.search ?? "").toLowerCase();
        return listOf(q ? WORKERS.filter((w) => w.name.toLowerCase().includes(q)) : WORKERS);
      }
      case "incident_create":
        stored = incidentOf(41, args.input as IncidentInput);
        return stored;
      case "incident_detail":
        return { ...(stored ?? incidentOf(args.id as number, BASE_INPUT)), evidence };
      case "incident_list":
        return [];
      case "incident_deadlines":
        return opts.deadlines ?? [];
      case "incident_set_status": {
        const st = args.status as Incident["status"];
        const base = stored ?? incidentOf(args.id as number, BASE_INPUT);
        stored = { ...base, status: st, chargeFiledOn: st === "charge_filed" ? (args.on as string) : base.chargeFiledOn };
        return stored;
      }
      case "affidavit_list":
        return [];
      case "evidence_upload_begin":
        return { uploadId: 900, maxChunkBytes: opts.maxChunkBytes ?? 4 * 1024 * 1024 };
      case "evidence_upload_chunk": {
        const a = last!.args as { uploadId: number; offset: number };
        const body = raw as Uint8Array;
        if (opts.chunk) return opts.chunk(a, body);
        return a.offset + body.byteLength;
      }
      case "evidence_upload_finish": {
        const e: Evidence = {
          id: 77,
          campaignId: 1,
          incidentId: stored?.id ?? 41,
          fileName: "huddle-board.jpg",
          mediaType: "image/jpeg",
          size: 10,
          sha256: "9f2c41aa00000000000000000000000000000000000000000000000000e07a",
          addedAt: `${today}T09:00:00Z`,
        };
        evidence = [...evidence, e];
        return e;
      }
      case "evidence_list":
        return evidence;
      default:
        return null;
    }
  });
  // mockIPC hands the callback only the command and the body: record the raw bodies' headers too.
  const internals = (window as unknown as {
    __TAURI_INTERNALS__: { invoke: (c: string, a: unknown, o?: { headers?: Record<string, string> }) => Promise<unknown> };
  }).__TAURI_INTERNALS__;
  const inner = internals.invoke;
  internals.invoke = (cmd, body, options) => {
    if (body instanceof Uint8Array) {
      const header = options?.headers?.["x-evidence-args"];
      calls.push({ cmd, args: header ? (JSON.parse(header) as Record<string, unknown>) : {}, body: body.slice(), headers: options?.headers });
    }
    return inner(cmd, body, options);
  };
  return calls;
}

async function openShell() {
  const user = userEvent.setup();
  render(App);
  await screen.findByTestId("app-shell");
  await screen.findByTestId("section-today");
  return user;
}

afterEach(() => {
  openIncidentLog();
  vi.restoreAllMocks();
});

describe("the 10(b) clock", () => {
  it("ends six calendar months after the incident, clamped to the end of a shorter month (as the library)", () => {
    expect(lastDayOf("2025-08-31")).toBe("2026-02-28");
    expect(lastDayOf("2027-08-31")).toBe("2028-02-29");
    expect(lastDayOf("2026-04-30")).toBe("2026-10-30");
    expect(lastDayOf("2026-03-31")).toBe("2026-09-30");
    expect(lastDayOf("2026-01-15")).toBe("2026-07-15");
    expect(lastDayOf("2025-02-31")).toBeNull();
    expect(lastDayOf("")).toBeNull();
    expect(weekdayBefore("2025-10-26")).toBe("2025-10-24"); // a Sunday → the Friday before
    expect(weekdayBefore("2025-10-24")).toBeNull();
  });

  it("badges: neutral over 60 days, warning at 60 and down to 31, danger at 30, at 14 and once passed", () => {
    const cases: [number, string, string, string][] = [
      [61, "ok", "neutral", "61 days left"],
      [60, "days60", "warn", "60 days left"],
      [31, "days60", "warn", "31 days left"],
      [30, "days30", "danger", "30 days left"],
      [15, "days30", "danger", "15 days left"],
      [14, "days14", "danger", "14 days left"],
      [1, "days14", "danger", "1 day left"],
      [0, "days14", "danger", "Last day today"],
      [-3, "passed", "danger", "Passed 3 days ago"],
    ];
    for (const [days, level, tone, text] of cases) {
      const clock: DeadlineClock = { daysLeft: days, level: levelOf(days), needsFiling: true, needsService: true };
      expect(clock.level, `level at ${days}`).toBe(level);
      const { unmount } = render(DeadlineBadge, { clock });
      const badge = screen.getByTestId("deadline-badge");
      expect(badge, `tone at ${days}`).toHaveAttribute("data-tone", tone);
      expect(badge).toHaveClass(tone === "danger" ? "b-danger" : tone === "warn" ? "b-warn" : "b-neutral");
      expect(badge).toHaveTextContent(text);
      // Colour is not the only carrier: danger and warning carry an icon.
      expect(badge.querySelector("svg") !== null).toBe(tone !== "neutral");
      unmount();
    }
  });

  it("the log is sorted by urgency: running clocks by days left, then passed, then stopped", () => {
    const r = (id: number, days: number | null, occurredOn = "2025-05-01"): IncidentRow => ({
      id, occurredOn, place: "", category: "threat", summary: `#${id}`, status: days === null ? "charge_served" : "logged", lastDay: "2025-11-01",
      clock: days === null ? null : { daysLeft: days, level: levelOf(days), needsFiling: true, needsService: true },
      managers: [], affected: 0, witnesses: 0, evidence: 0,
    });
    const sorted = [r(1, null), r(2, 90), r(3, -2), r(4, 12), r(5, -30), r(6, 40)].sort(byUrgency).map((x) => x.id);
    expect(sorted).toEqual([4, 6, 2, 3, 5, 1]);
  });
});

describe("log incident", () => {
  it("Ctrl+Shift+I opens the form anywhere; it previews the deadline and sends the Board agent's answers", async () => {
    const calls = backend();
    const user = await openShell();

    await fireEvent.keyDown(window, { key: "I", code: "KeyI", ctrlKey: true, shiftKey: true });
    const form = await screen.findByTestId("incident-form");
    expect(screen.queryByTestId("import-wizard")).not.toBeInTheDocument(); // Ctrl+I (no Shift) imports

    // The live 10(b) preview as the date is typed.
    const preview = within(form).getByTestId("incident-deadline-preview");
    expect(preview).toHaveTextContent("Type the day it happened");
    const occurred = addDays(today, -150);
    await fireEvent.input(within(form).getByTestId("incident-occurred-on"), { target: { value: occurred } });
    const expected = previewClock(occurred, today)!;
    expect(within(preview).getByTestId("incident-deadline-date")).toHaveAttribute("data-day", expected.lastDay);
    expect(within(preview).getByTestId("incident-deadline-badge")).toHaveTextContent(`${expected.clock.daysLeft} days left`);
    expect(within(preview).getByTestId("incident-deadline-badge")).toHaveAttribute("data-level", expected.clock.level);
    await fireEvent.input(within(form).getByTestId("incident-occurred-on"), { target: { value: BASE_INPUT.occurredOn } });
    expect(within(preview).getByTestId("incident-deadline-date")).toHaveAttribute("data-day", lastDayOf(BASE_INPUT.occurredOn)!);

    // Saving without the required answers says what is missing and sends nothing.
    await user.click(within(form).getByTestId("incident-save"));
    expect(within(form).getByTestId("incident-form-missing")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "incident_create")).toBe(false);

    await fireEvent.input(within(form).getByTestId("incident-occurred-time"), { target: { value: "22:15" } });
    await user.type(within(form).getByTestId("incident-place"), "Picking, aisle 14");
    await user.click(within(form).getByTestId("incident-category-interrogation"));
    await user.type(within(form).getByTestId("incident-summary"), "Supervisor questioned Marcus about the union meeting");

    // Who acted: a supervisor from the list, and a manager named in free text.
    await user.type(within(form).getByTestId("incident-managers-picker"), "gre");
    await user.click(await within(form).findByText("Greg Hollis"));
    await user.type(within(form).getByTestId("incident-managers-name"), "Ops manager Dale{Enter}");
    await user.type(within(form).getByTestId("incident-affected-picker"), "marc");
    await user.click(await within(form).findByText("Marcus Bell"));
    await user.type(within(form).getByTestId("incident-witnesses-picker"), "tam");
    await user.click(await within(form).findByText(/Tamika Johnson/));
    expect(within(within(form).getByTestId("incident-managers")).getAllByTestId("incident-managers-chip")).toHaveLength(2);

    await user.type(within(form).getByTestId("incident-description"), "Greg asked Marcus who went to the meeting.");
    await user.keyboard("{Control>}{Enter}{/Control}");

    await waitFor(() => expect(calls.some((c) => c.cmd === "incident_create")).toBe(true));
    const sent = calls.find((c) => c.cmd === "incident_create")!;
    expect(sent.args.campaignId).toBe(1);
    expect(sent.args.input as IncidentInput).toEqual({
      ...BASE_INPUT,
      managers: [{ workerId: GREG.id, name: "" }, { workerId: null, name: "Ops manager Dale" }],
    });

    // Saved: the form closes, the draft is cleared, the incident opens.
    await waitFor(() => expect(screen.queryByTestId("incident-form")).not.toBeInTheDocument());
    const page = await screen.findByTestId("incident-page");
    expect(await within(page).findByTestId("incident-title")).toHaveTextContent("Supervisor questioned Marcus");
    expect(within(page).getByTestId("deadline-date")).toHaveAttribute("data-day", lastDayOf(BASE_INPUT.occurredOn)!);
    expect(within(page).getAllByTestId("incident-person")).toHaveLength(4);
    expect(calls.some((c) => c.cmd === "draft_clear" && c.args.key === "incident:new:1")).toBe(true);
  });
});

function fileOf(bytes: number, name = "huddle-board.jpg", type = "image/jpeg"): File {
  const data = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) data[i] = i + 1;
  return new File([data], name, { type });
}

describe("evidence upload", () => {
  it("sends File.slice() parts in order, each at the offset received so far, and reports progress", async () => {
    const calls = backend({ maxChunkBytes: 4 });
    const slice = vi.spyOn(Blob.prototype, "slice");
    const progress: [number, number][] = [];
    const file = fileOf(10);
    const e = await uploadEvidence(41, file, { onProgress: (s, t) => progress.push([s, t]), hashLimit: 0 });
    expect(e.id).toBe(77);

    const begin = calls.find((c) => c.cmd === "evidence_upload_begin")!;
    expect(begin.args.req).toEqual({ incidentId: 41, fileName: "huddle-board.jpg", mediaType: "image/jpeg", size: 10, sha256: null });
    const chunks = calls.filter((c) => c.cmd === "evidence_upload_chunk");
    expect(chunks.map((c) => c.args)).toEqual([
      { uploadId: 900, offset: 0 },
      { uploadId: 900, offset: 4 },
      { uploadId: 900, offset: 8 },
    ]);
    // Raw bodies, never the whole file in one message; the header is ASCII JSON.
    expect(chunks.map((c) => [...(c.body as Uint8Array)])).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);
    expect(chunks.every((c) => /^[\x20-\x7e]+$/.test(c.headers!["x-evidence-args"]!))).toBe(true);
    expect(slice.mock.calls.slice(-3).map((a) => [a[0], a[1]])).toEqual([[0, 4], [4, 8], [8, 10]]);
    expect(progress).toEqual([[0, 10], [4, 10], [8, 10], [10, 10]]);
    expect(calls.find((c) => c.cmd === "evidence_upload_finish")!.args).toEqual({ uploadId: 900 });
    expect(calls.some((c) => c.cmd === "evidence_upload_cancel")).toBe(false);
  });

  it("hashes a small file first so the library can check it", async () => {
    const calls = backend({ maxChunkBytes: 4 });
    await uploadEvidence(41, fileOf(10));
    const sha = (calls.find((c) => c.cmd === "evidence_upload_begin")!.args.req as { sha256: string | null }).sha256;
    // Web Crypto may be missing in the test environment; when present the digest is sent.
    // sha256sum of the bytes 1…10
    if (sha !== null) expect(sha).toBe("c848e1013f9f04a9d63fa43ce7fd4af035152c7c669a4a404b67107cee5f2e4e");
  });

  it("on the incident page: drop or pick a file, watch the progress bar, Cancel discards the upload", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const calls = backend({
      incident: incidentOf(41, BASE_INPUT),
      maxChunkBytes: 4,
      chunk: async (a, body) => {
        if (a.offset === 4) await held; // the second part hangs until the test lets it go
        return a.offset + body.byteLength;
      },
    });
    const user = await openShell();
    openIncident(41);
    const page = await screen.findByTestId("incident-page");
    const panel = await within(page).findByTestId("evidence-panel");

    await user.upload(within(panel).getByTestId("evidence-file-input"), fileOf(10));
    const bar = await within(panel).findByTestId("evidence-progress");
    await waitFor(() => expect(bar).toHaveAttribute("data-sent", "4"));
    expect(bar).toHaveAttribute("data-total", "10");
    expect(bar).toHaveAttribute("aria-valuenow", "40");

    await user.click(within(panel).getByTestId("evidence-cancel"));
    release();
    await waitFor(() => expect(calls.some((c) => c.cmd === "evidence_upload_cancel")).toBe(true));
    expect(calls.find((c) => c.cmd === "evidence_upload_cancel")!.args).toEqual({ uploadId: 900 });
    expect(calls.some((c) => c.cmd === "evidence_upload_finish")).toBe(false);
    expect(calls.filter((c) => c.cmd === "evidence_upload_chunk").map((c) => c.args.offset)).toEqual([0, 4]);
    await waitFor(() => expect(within(panel).queryByTestId("evidence-upload")).not.toBeInTheDocument());
    expect(await screen.findByTestId("toast")).toHaveTextContent("cancelled");
  });

  it("a cancelled signal before the first part sends nothing but the cancel", async () => {
    const calls = backend({ maxChunkBytes: 4 });
    const ctl = new AbortController();
    const p = uploadEvidence(41, fileOf(10), {
      signal: ctl.signal,
      hashLimit: 0,
      onProgress: (sent) => {
        if (sent === 0) ctl.abort();
      },
    });
    await expect(p).rejects.toBeInstanceOf(UploadCancelled);
    expect(calls.filter((c) => c.cmd === "evidence_upload_chunk")).toHaveLength(0);
    expect(calls.find((c) => c.cmd === "evidence_upload_cancel")!.args).toEqual({ uploadId: 900 });
  });
});

describe("saving a copy", () => {
  it("asks first that the copy will NOT be encrypted; Cancel saves nothing", async () => {
    const e: Evidence = {
      id: 5, campaignId: 1, incidentId: 41, fileName: "note.png", mediaType: "image/png", size: 640_000,
      sha256: "3b7e0d00000000000000000000000000000000000000000000000000000c5c92", addedAt: `${today}T09:00:00Z`,
    };
    const calls = backend({ incident: incidentOf(41, BASE_INPUT, [e]) });
    const user = await openShell();
    openIncident(41);
    const row = await screen.findByTestId("evidence-row");
    expect(within(row).getByTestId("evidence-hash")).toHaveTextContent("3b7e0d…5c92");
    expect(row).toHaveTextContent("note.png");
    expect(row).toHaveTextContent("image/png");

    await user.click(within(row).getByTestId("evidence-save"));
    let dialog = await screen.findByTestId("save-copy-confirm");
    expect(dialog).toHaveTextContent("NOT encrypted");
    await user.click(within(dialog).getByTestId("save-copy-confirm-cancel"));
    await waitFor(() => expect(screen.queryByTestId("save-copy-confirm")).not.toBeInTheDocument());
    expect(calls.some((c) => c.cmd === "evidence_save_copy")).toBe(false);

    await user.click(within(row).getByTestId("evidence-save"));
    dialog = await screen.findByTestId("save-copy-confirm");
    await user.click(within(dialog).getByTestId("save-copy-confirm-confirm"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "evidence_save_copy")).toBe(true));
    expect(calls.find((c) => c.cmd === "evidence_save_copy")!.args).toEqual({ id: 5 });
  });
});

describe("status steps and Today", () => {
  it("Mark filed asks for the day and records the step with it", async () => {
    const calls = backend({ incident: incidentOf(41, BASE_INPUT) });
    const user = await openShell();
    openIncident(41);
    const card = await screen.findByTestId("deadline-card");
    const next = await within(card).findByTestId("status-next");
    expect(next).toHaveAttribute("data-status", "charge_filed");
    await user.click(next);
    const dialog = await screen.findByTestId("status-dialog");
    expect(within(dialog).getByTestId("status-option-charge_filed")).toBeChecked();
    const day = addDays(today, -2);
    await fireEvent.input(within(dialog).getByTestId("status-date"), { target: { value: day } });
    await user.click(within(dialog).getByTestId("status-confirm"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "incident_set_status")).toBe(true));
    expect(calls.find((c) => c.cmd === "incident_set_status")!.args).toEqual({ id: 41, status: "charge_filed", on: day });
    await waitFor(() => expect(screen.getByTestId("incident-status-badge")).toHaveAttribute("data-status", "charge_filed"));
  });

  it("Today lists the 10(b) deadlines by urgency; one click opens the incident", async () => {
    const row = (id: number, days: number): IncidentRow => ({
      id, occurredOn: BASE_INPUT.occurredOn, place: "", category: "threat", summary: `Incident ${id}`, status: "logged",
      lastDay: addDays(today, days), clock: { daysLeft: days, level: levelOf(days), needsFiling: true, needsService: true },
      managers: [], affected: 1, witnesses: 0, evidence: 0,
    });
    backend({ deadlines: [row(41, 12), row(42, 41), row(43, 97)], incident: incidentOf(41, BASE_INPUT) });
    const user = await openShell();
    const block = await screen.findByTestId("today-incident-deadlines");
    const items = await within(block).findAllByTestId("today-deadline");
    expect(items).toHaveLength(3);
    expect(within(items[0]!).getByTestId("today-deadline-badge")).toHaveAttribute("data-tone", "danger");
    expect(within(items[1]!).getByTestId("today-deadline-badge")).toHaveAttribute("data-tone", "warn");
    expect(within(items[2]!).getByTestId("today-deadline-badge")).toHaveAttribute("data-tone", "neutral");
    expect(items[0]).toHaveTextContent("INC-041");
    await user.click(items[0]!);
    expect(await screen.findByTestId("incident-page")).toHaveAttribute("data-id", "41");
    expect(screen.getByTestId("section-incidents")).toHaveAttribute("data-view", "incident");
  });
});
