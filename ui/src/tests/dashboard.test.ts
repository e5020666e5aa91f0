// Today's plan figures and the dashboard, with mocked IPC: threshold bars worded from the
// backend's numbers, and click-through from any number (a bar segment, a series point) to the
// worker list showing exactly the workers behind it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type {
  Dashboard,
  Goal,
  GoalKind,
  GoalProgress,
  Headline,
  PlanChanges,
  SupportBreakdown,
  ThresholdMark,
  Today,
  WorkerFigure,
} from "../lib/bindings";
import { setLang } from "../lib/i18n/index.svelte";
import { todayIso, addDays } from "../lib/dates";
import { emptyFilter, type Campaign, type WorkerFilter, type WorkerList, type WorkerRow } from "../lib/types";
import ThresholdBar from "../components/dashboard/ThresholdBar.svelte";
import { listHook, restrictList } from "../components/dashboard/listLink.svelte";
import { INFO } from "./fixtures";
import { pageOf, requestOf } from "./workerPageMock";

const DAY = todayIso();

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

/** 20 coworkers: Picking 1–10, Packing 11–20; Day (odd) and Night (even). */
const ROWS: WorkerRow[] = Array.from({ length: 20 }, (_, i) => {
  const id = i + 1;
  return {
    id,
    name: `Worker ${String(id).padStart(2, "0")}`,
    legalName: `Worker ${id}`,
    department: id <= 10 ? "Picking" : "Packing",
    shift: id % 2 ? "Day" : "Night",
    jobTitle: "",
    assessment: ([1, 2, 3, 4, 5, null] as const)[id % 6] ?? null,
    committee: id % 7 === 0,
    cardSignedOn: id % 5 === 0 ? "2025-09-01" : null,
    cardStale: false,
    isSupervisor: false,
    status: "active",
    nextFollowUp: null,
    followUpOverdue: false,
    tags: [],
  };
});

function matches(r: WorkerRow, f: WorkerFilter): boolean {
  if (f.departments.length && !f.departments.includes(r.department)) return false;
  if (f.shifts.length && !f.shifts.includes(r.shift)) return false;
  if (f.assessments.length || f.unassessed) {
    const ok = (r.assessment !== null && f.assessments.includes(r.assessment)) || (f.unassessed && r.assessment === null);
    if (!ok) return false;
  }
  if (f.committee !== null && r.committee !== f.committee) return false;
  if ((f.card === "signed" || f.card === "current") && !r.cardSignedOn) return false;
  if (f.search && !r.name.toLowerCase().includes(f.search.toLowerCase())) return false;
  return true;
}

function listOf(rows: WorkerRow[]): WorkerList {
  return restrictList({ rows, counts: { total: 0, byAssessment: [0, 0, 0, 0, 0, 0], committee: 0, cardsSigned: 0, cardsStale: 0, followUpsOverdue: 0 } }, new Set(rows.map((r) => r.id)));
}

function fig(pred: (r: WorkerRow) => boolean, filter: Partial<WorkerFilter> | null): WorkerFigure {
  const ids = ROWS.filter(pred).map((r) => r.id);
  return { count: ids.length, workerIds: ids, filter: filter ? { ...emptyFilter(), ...filter } : null };
}

const level = (r: WorkerRow) => r.assessment ?? 0;

function byValue(scope: (r: WorkerRow) => boolean, base: Partial<WorkerFilter>): WorkerFigure[] {
  return [0, 1, 2, 3, 4, 5].map((v) =>
    fig((r) => scope(r) && level(r) === v, v === 0 ? { ...base, unassessed: true } : { ...base, assessments: [v] }),
  );
}

function mark(goal: GoalKind, percent: number, needed: number, count: number): ThresholdMark {
  return { goal, percent, needed, met: count >= needed, moreNeeded: Math.max(0, needed - count) };
}

const signed = fig((r) => r.cardSignedOn !== null, { card: "current" });
const committee = fig((r) => r.committee, { committee: true });

const HEADLINE: Headline = {
  day: DAY,
  unit: fig(() => true, {}),
  cards: {
    signed,
    percent: (signed.count / 20) * 100,
    stale: fig(() => false, { card: "stale" }),
    staleExcluded: true,
    thresholds: [mark("showing_of_interest", 30, 6, signed.count), mark("card_majority", 50, 11, signed.count), mark("card_target", 65, 13, signed.count)],
    sinceYesterday: fig((r) => r.id === 5, null),
  },
  committee: {
    members: committee,
    needed: 2,
    moreNeeded: 0,
    coworkersPerMember: 10,
    departmentsShort: [],
    shiftsShort: [],
    uncoveredCells: [{ department: "Packing", shift: "Day", workers: fig((r) => r.department === "Packing" && r.shift === "Day", { departments: ["Packing"], shifts: ["Day"] }) }],
    uncoveredWorkers: fig((r) => r.id > 17, null),
  },
  assessments: {
    byValue: byValue(() => true, {}),
    assessed: fig((r) => r.assessment !== null, { assessments: [1, 2, 3, 4, 5] }),
    supporters: fig((r) => r.assessment === 1 || r.assessment === 2, { assessments: [1, 2] }),
    majority: mark("majority_support", 50, 11, 7),
    conversationsThisWeek: 9,
    talkedToThisWeek: fig((r) => r.id <= 6, null),
    reassessedThisWeek: fig((r) => r.id <= 3, null),
  },
};

const CHANGES: PlanChanges = {
  from: addDays(DAY, -1),
  to: DAY,
  assessments: [
    { worker: { id: 3, name: "Worker 03", department: "Picking", shift: "Day", assessment: 3 }, from: 4, to: 3, at: `${DAY}T09:00:00Z`, reason: "after 1-on-1" },
    { worker: { id: 8, name: "Worker 08", department: "Picking", shift: "Night", assessment: 2 }, from: 2, to: 4, at: `${DAY}T10:00:00Z`, reason: "captive meeting" },
  ],
  reassessed: fig((r) => r.id === 3 || r.id === 8, null),
  cardsSigned: [{ id: 5, name: "Worker 05", department: "Picking", shift: "Day", assessment: 5 }],
  committeeJoined: [{ id: 14, name: "Worker 14", department: "Packing", shift: "Night", assessment: 2 }],
  committeeLeft: [],
  conversations: 4,
  talkedTo: fig((r) => r.id <= 3, null),
  relationshipsAdded: 0,
  relatedWorkers: fig(() => false, null),
  actionsHeld: [],
  milestonesReached: [],
};

const TODAY: Today = {
  campaignId: 1,
  day: DAY,
  campaignWeek: 21,
  headline: HEADLINE,
  followUps: [],
  deadlines: [{ incidentId: 14, title: "Supervisor questioned Worker 02 about the meeting", category: "interrogation", deadline: addDays(DAY, 12), daysLeft: 12, workerIds: [2, 9] }],
  sinceYesterday: CHANGES,
  next: { kind: "task", id: 13, title: "Bring a card to Worker 04", on: addDays(DAY, 1), overdue: false, committed: null, target: null, owner: "Kim", workerId: 4 },
  nextAction: { kind: "action", id: 4, title: "Button day, all shifts", on: addDays(DAY, 2), overdue: false, committed: 14, target: 31, owner: "", workerId: null },
  suggestions: 2,
};

function progress(name: string, scope: (r: WorkerRow) => boolean, pred: (r: WorkerRow) => boolean, needed: number, filter: Partial<WorkerFilter>): GoalProgress {
  const total = ROWS.filter(scope).length;
  const counted = fig((r) => scope(r) && pred(r), filter);
  return { name, total, counted, needed, percent: total ? (counted.count / total) * 100 : 0, met: counted.count >= needed, moreNeeded: Math.max(0, needed - counted.count) };
}

const inDept = (d: string) => (r: WorkerRow) => r.department === d;
const inShift = (s: string) => (r: WorkerRow) => r.shift === s;

const GOALS: Goal[] = [
  {
    kind: "committee_coverage",
    label: "",
    percent: null,
    unit: progress("", () => true, (r) => r.committee, 2, { committee: true }),
    departments: [progress("Picking", inDept("Picking"), (r) => r.committee, 1, { committee: true }), progress("Packing", inDept("Packing"), (r) => r.committee, 1, { committee: true })],
    shifts: [progress("Day", inShift("Day"), (r) => r.committee, 1, { committee: true }), progress("Night", inShift("Night"), (r) => r.committee, 1, { committee: true })],
  },
  {
    kind: "showing_of_interest",
    label: "",
    percent: 30,
    unit: progress("", () => true, (r) => r.cardSignedOn !== null, 6, { card: "current" }),
    departments: [progress("Picking", inDept("Picking"), (r) => r.cardSignedOn !== null, 3, { card: "current" }), progress("Packing", inDept("Packing"), (r) => r.cardSignedOn !== null, 3, { card: "current" })],
    shifts: [],
  },
];

function breakdown(name: string, scope: (r: WorkerRow) => boolean, base: Partial<WorkerFilter>): SupportBreakdown {
  return {
    name,
    total: ROWS.filter(scope).length,
    byValue: byValue(scope, base),
    cards: fig((r) => scope(r) && r.cardSignedOn !== null, { ...base, card: "current" }),
    committee: fig((r) => scope(r) && r.committee, { ...base, committee: true }),
  };
}

const DASH: Dashboard = {
  campaignId: 1,
  day: DAY,
  headline: HEADLINE,
  goals: GOALS,
  supportByDepartment: [breakdown("Picking", inDept("Picking"), { departments: ["Picking"] }), breakdown("Packing", inDept("Packing"), { departments: ["Packing"] })],
  supportByShift: [breakdown("Day", inShift("Day"), { shifts: ["Day"] }), breakdown("Night", inShift("Night"), { shifts: ["Night"] })],
  series: {
    unit: 20,
    staleExcluded: true,
    thresholds: HEADLINE.cards.thresholds,
    points: [
      { day: addDays(DAY, -14), supporters: 3, assessed: 10, cards: 1, committee: 1 },
      { day: addDays(DAY, -7), supporters: 5, assessed: 14, cards: 3, committee: 2 },
      { day: DAY, supporters: 7, assessed: 17, cards: 4, committee: 2 },
    ],
  },
  followUpsOverdue: [{ conversationId: 7, workerId: 6, workerName: "Worker 06", department: "Picking", shift: "Night", organizer: "Kim", nextStep: "Ask about the heat", dueOn: addDays(DAY, -3), overdue: true }],
  deadlines: TODAY.deadlines,
  thisWeek: CHANGES,
  nextSteps: [TODAY.nextAction!, TODAY.next!],
};

type Call = { cmd: string; args: Record<string, unknown> };

function backend(opts: { today?: Today | null } = {}) {
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
        return { departments: ["Picking", "Packing"], shifts: ["Day", "Night"], tags: [] };
      case "worker_list":
        return listOf(ROWS.filter((r) => matches(r, args.filter as WorkerFilter)));
      case "worker_page":
        return pageOf(listOf(ROWS.filter((r) => matches(r, requestOf(args).filter))), requestOf(args));
      case "follow_ups":
        return [];
      case "plan_today":
        return opts.today === undefined ? TODAY : opts.today;
      case "plan_dashboard":
        return DASH;
      case "plan_series_workers":
        return args.metric === "cards" ? [5, 10, 15] : [1, 2, 7];
      case "recent_list":
        return [];
      default:
        return null;
    }
  });
  return calls;
}

async function openDashboard() {
  const user = userEvent.setup();
  render(App);
  await user.click(await screen.findByTestId("nav-plan"));
  await screen.findByTestId("dashboard");
  await screen.findByTestId("support-departments");
  return user;
}

function shownIds(): number[] {
  return screen.queryAllByTestId("worker-row").map((el) => Number(el.getAttribute("data-id")));
}

afterEach(() => {
  setLang("en");
  vi.restoreAllMocks();
});

describe("threshold bar", () => {
  const marks = [mark("showing_of_interest", 30, 124, 118), mark("card_majority", 50, 207, 118), mark("card_target", 65, 268, 118)];

  it("spells out the gap to the next threshold from the backend's numbers", () => {
    render(ThresholdBar, { percent: 28.6, marks, label: "Cards signed", counted: 118, total: 412, testid: "bar" });
    const gap = screen.getByTestId("bar-gap");
    expect(gap).toHaveTextContent("6 more");
    expect(gap).toHaveTextContent("to petition");
    // Ticks at 30, 50, 65 %, each labelled under it.
    const labels = screen.getByTestId("bar").querySelectorAll(".lbl:not(.gap)");
    expect([...labels].map((l) => l.textContent)).toEqual(["30%petition", "50%majority", "65%goal"]);
    const bar = screen.getByRole("progressbar", { name: "Cards signed" });
    expect(bar).toHaveAttribute("aria-valuenow", "29");
    expect(bar.getAttribute("aria-valuetext")).toContain("6 more to petition");
  });

  it("moves on to the next threshold once one is met, in Spanish too", () => {
    setLang("es");
    const after = [mark("showing_of_interest", 30, 124, 130), mark("card_majority", 50, 207, 130), mark("card_target", 65, 268, 130)];
    render(ThresholdBar, { percent: 31.6, marks: after, label: "Tarjetas", counted: 130, total: 412, testid: "bar" });
    expect(screen.getByTestId("bar-gap")).toHaveTextContent("Faltan 77");
    expect(screen.getByTestId("bar-gap")).toHaveTextContent("para la mayoría");
  });

  it("says so when every threshold is met", () => {
    const all = [mark("showing_of_interest", 30, 124, 300), mark("card_majority", 50, 207, 300), mark("card_target", 65, 268, 300)];
    render(ThresholdBar, { percent: 72.8, marks: all, label: "Cards", counted: 300, total: 412, testid: "bar" });
    expect(screen.getByTestId("bar-gap")).toHaveTextContent("Every threshold met");
  });
});

describe("Today", () => {
  it("shows the headline numbers against the thresholds, deadlines, what changed and the next step", async () => {
    backend();
    render(App);
    const cards = await screen.findByTestId("today-cards");
    expect(within(cards).getByTestId("cards-signed")).toHaveTextContent("4");
    expect(within(cards).getByTestId("cards-bar-gap")).toHaveTextContent("2 more");
    expect(within(cards).getByTestId("cards-bar-gap")).toHaveTextContent("to petition");
    expect(screen.getByTestId("section-today")).toHaveTextContent("campaign week 21");
    expect(screen.getByTestId("today-deadlines")).toHaveTextContent("12 days left");
    expect(screen.getByTestId("today-deadlines")).toHaveTextContent("Interrogation");
    const changes = screen.getByTestId("today-changes");
    expect(changes).toHaveTextContent("1 cards signed");
    expect(changes).toHaveTextContent("Worker 14 joined the committee");
    expect(changes).toHaveTextContent("4 1-on-1s with 3 coworkers");
    const next = screen.getByTestId("today-next");
    expect(next).toHaveTextContent("Button day, all shifts");
    expect(next).toHaveTextContent("14 / 31 committed");
    expect(screen.getByTestId("today-suggestions")).toHaveTextContent("2 to reassess");
    // The follow-ups are still there.
    expect(screen.getByTestId("today-follow-ups")).toBeInTheDocument();
  });

  it("keeps the follow-ups and the simple counts when the plan's figures are not available", async () => {
    backend({ today: null });
    render(App);
    await screen.findByTestId("today-follow-ups");
    await waitFor(() => expect(screen.getByTestId("today-cards")).toHaveTextContent("4"));
    expect(screen.queryByTestId("today-next")).not.toBeInTheDocument();
  });

  it("a headline number opens the worker list on exactly its workers, with a way back", async () => {
    const calls = backend();
    const spy = vi.spyOn(listHook, "open");
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("today-committee"));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![0]).toMatchObject({ filter: { committee: true }, ids: [7, 14], from: "today" });
    await screen.findByTestId("section-workers");
    await waitFor(() => expect(shownIds().sort((a, b) => a - b)).toEqual([7, 14]));
    const last = calls.filter((c) => c.cmd === "worker_page").at(-1)!;
    expect(requestOf(last.args).filter.committee).toBe(true);
    expect(screen.getByTestId("workers-link")).toHaveTextContent("Committee members");
    await user.click(screen.getByTestId("workers-link-back"));
    expect(await screen.findByTestId("section-today")).toBeInTheDocument();
  });
});

describe("dashboard", () => {
  it("draws support by department and shift with every level labelled", async () => {
    backend();
    await openDashboard();
    const picking = screen.getAllByTestId("support-row").find((r) => r.getAttribute("data-scope") === "Picking")!;
    const segs = within(picking).getAllByTestId("support-seg");
    // 1 … 5 then unassessed, each with its count and its own pattern class.
    expect(segs.map((s) => s.getAttribute("data-level"))).toEqual(["1", "2", "3", "4", "5", "0"]);
    const counts = segs.map((s) => Number(s.getAttribute("data-count")));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    for (const s of segs) expect(s.className).toMatch(new RegExp(`pat${s.getAttribute("data-level")}`));
    const ones = ROWS.filter((r) => r.department === "Picking" && r.assessment === 1).length;
    expect(segs[0]).toHaveAccessibleName(`Picking · 1 Leader: ${ones}. Show these coworkers`);
    expect(screen.getByTestId("support-shifts")).toHaveTextContent("Night");
  });

  it("clicking a bar segment opens the worker list filtered to exactly those workers", async () => {
    const calls = backend();
    const spy = vi.spyOn(listHook, "open");
    const user = await openDashboard();
    const picking = screen.getAllByTestId("support-row").find((r) => r.getAttribute("data-scope") === "Picking")!;
    const seg1 = within(picking).getAllByTestId("support-seg").find((s) => s.getAttribute("data-level") === "1")!;
    await user.click(seg1);

    const expected = ROWS.filter((r) => r.department === "Picking" && r.assessment === 1).map((r) => r.id);
    expect(spy).toHaveBeenCalledTimes(1);
    const link = spy.mock.calls[0]![0];
    expect(link.ids).toEqual(expected);
    expect(link.filter).toMatchObject({ departments: ["Picking"], assessments: [1] });
    expect(link.from).toBe("plan");

    await screen.findByTestId("section-workers");
    await waitFor(() => expect(shownIds().sort((a, b) => a - b)).toEqual(expected));
    const sent = requestOf(calls.filter((c) => c.cmd === "worker_page").at(-1)!.args).filter;
    expect(sent.departments).toEqual(["Picking"]);
    expect(sent.assessments).toEqual([1]);
    expect(screen.getByTestId("filter-department")).toHaveValue("Picking");
    expect(screen.getByTestId("filter-assess-1")).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByTestId("workers-link-label")).toHaveTextContent("Picking · 1 Leader");

    // "Show everyone" drops the link and the filter.
    await user.click(screen.getByTestId("workers-link-clear"));
    await waitFor(() => expect(shownIds()).toHaveLength(20));
    expect(screen.queryByTestId("workers-link")).not.toBeInTheDocument();

    // Back to the dashboard from a second click-through.
    await user.click(screen.getByTestId("nav-plan"));
    await screen.findByTestId("support-departments");
    await user.click(screen.getAllByTestId("support-committee")[0]!);
    await user.click(await screen.findByTestId("workers-link-back"));
    expect(await screen.findByTestId("dashboard")).toBeInTheDocument();
  });

  it("the arrow keys move between the segments of a bar (one tab stop per bar)", async () => {
    backend();
    await openDashboard();
    const picking = screen.getAllByTestId("support-row").find((r) => r.getAttribute("data-scope") === "Picking")!;
    const segs = within(picking).getAllByTestId("support-seg");
    expect(segs.map((s) => s.tabIndex)).toEqual([0, -1, -1, -1, -1, -1]);
    segs[0]!.focus();
    await fireEvent.keyDown(segs[0]!, { key: "ArrowRight" });
    expect(document.activeElement).toBe(segs[1]);
    await fireEvent.keyDown(segs[1]!, { key: "End" });
    expect(document.activeElement).toBe(segs[5]);
  });

  it("a week of the series opens the workers behind it, by id", async () => {
    const calls = backend();
    const spy = vi.spyOn(listHook, "open");
    const user = await openDashboard();
    await user.click(within(screen.getByTestId("series-table")).getByText("Show the numbers as a table"));
    const cell = screen.getAllByTestId("series-cell").find((c) => c.getAttribute("data-metric") === "cards" && c.getAttribute("data-day") === addDays(DAY, -7))!;
    expect(cell).toHaveTextContent("3");
    await user.click(cell);
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    const asked = calls.find((c) => c.cmd === "plan_series_workers")!;
    expect(asked.args).toEqual({ campaignId: 1, on: addDays(DAY, -7), metric: "cards" });
    expect(spy.mock.calls[0]![0]).toMatchObject({ filter: null, ids: [5, 10, 15] });
    await screen.findByTestId("section-workers");
    await waitFor(() => expect(shownIds().sort((a, b) => a - b)).toEqual([5, 10, 15]));
    expect(screen.getByTestId("workers-link")).toHaveAttribute("data-mode", "ids");
    expect(screen.getByTestId("workers-count")).toHaveTextContent("3 coworkers");
  });

  it("lists follow-ups overdue, 10(b) deadlines, this week's changes and the next steps", async () => {
    backend();
    await openDashboard();
    expect(screen.getByTestId("dash-overdue")).toHaveTextContent("Worker 06");
    expect(screen.getByTestId("dash-overdue")).toHaveTextContent("3 d late");
    expect(screen.getByTestId("dash-deadlines")).toHaveTextContent("12 days left");
    expect(within(screen.getByTestId("dash-deadlines")).getByText("12 days left").closest(".badge")).toHaveClass("b-danger");
    expect(screen.getByTestId("dash-week")).toHaveTextContent("Worker 08");
    expect(screen.getAllByTestId("next-step").map((s) => s.getAttribute("data-kind"))).toEqual(["action", "task"]);
  });
});
