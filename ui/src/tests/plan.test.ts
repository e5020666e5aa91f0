// The Plan tab and Reports with mocked IPC: the milestone, action, participation and task forms
// send the documented payloads; suggestions are accepted or dismissed; deletes ask first; the
// card target is editable; a report is previewed and saved (after the not-encrypted warning).
import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type {
  ActionFunnel,
  AssessmentSuggestion,
  Goal,
  Milestone,
  Participation,
  Plan,
  PlanAction,
  PlanTask,
  ProgressReport,
  WorkerFigure,
} from "../lib/bindings";
import { addDays, todayIso } from "../lib/dates";
import { setLang } from "../lib/i18n/index.svelte";
import type { Campaign, WorkerDetail, WorkerFilter, WorkerList, WorkerRow } from "../lib/types";
import { planView } from "../components/plan/planView.svelte";
import { INFO } from "./fixtures";

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

const fig = (ids: number[]): WorkerFigure => ({ count: ids.length, workerIds: ids, filter: null });

const funnel = (over: Partial<ActionFunnel> = {}): ActionFunnel => ({
  asked: fig([]),
  awaiting: fig([]),
  committed: fig([]),
  declined: fig([]),
  tookPart: fig([]),
  noShow: fig([]),
  ...over,
});

const MILESTONES: Milestone[] = [
  {
    id: 1, campaignId: 1, kind: "committee_formed", title: "Organizing committee formed", targetOn: addDays(DAY, -30), doneOn: addDays(DAY, -20),
    requires: [{ goal: "committee_coverage", met: false, counted: 28, needed: 39 }], ready: false, overdue: false, notes: "", createdAt: "", updatedAt: "",
  },
  {
    id: 2, campaignId: 1, kind: "petition_filed", title: "Petition filed with the NLRB", targetOn: addDays(DAY, 40), doneOn: null,
    requires: [
      { goal: "committee_coverage", met: false, counted: 28, needed: 39 },
      { goal: "showing_of_interest", met: false, counted: 113, needed: 115 },
      { goal: "card_target", met: false, counted: 113, needed: 249 },
    ],
    ready: false, overdue: false, notes: "", createdAt: "", updatedAt: "",
  },
];

function action(over: Partial<PlanAction>): PlanAction {
  return {
    id: 1, campaignId: 1, kind: "petition", title: "Petition for fans", step: 1, plannedOn: addDays(DAY, -10), heldOn: addDays(DAY, -10), status: "done",
    targetCount: null, targetPercent: 40, target: 154, funnel: funnel(), progress: 145, percentOfUnit: 37.9, targetMet: false, milestoneId: null,
    notes: "", createdAt: "", updatedAt: "", ...over,
  };
}

const ACTIONS: PlanAction[] = [
  action({ funnel: funnel({ asked: fig([1, 2, 3]), committed: fig([1, 2]), tookPart: fig([1, 2]), declined: fig([3]) }) }),
  action({ id: 4, kind: "march_on_boss", title: "March on the boss", step: 2, plannedOn: addDays(DAY, 9), heldOn: null, status: "planned", targetCount: 115, targetPercent: null, target: 115, progress: 70, funnel: funnel({ asked: fig([4, 5]), committed: fig([4]) }) }),
];

const TASKS: PlanTask[] = [
  { id: 9, campaignId: 1, title: "Map the Night shift in Shipping", owner: "Luis", ownerWorkerId: null, dueOn: addDays(DAY, -5), doneOn: null, overdue: true, workerId: null, actionId: null, milestoneId: 2, notes: "", createdAt: "", updatedAt: "" },
  { id: 13, campaignId: 1, title: "Bring a card to Rodel", owner: "Kim", ownerWorkerId: null, dueOn: addDays(DAY, 1), doneOn: null, overdue: false, workerId: 5, actionId: 4, milestoneId: null, notes: "", createdAt: "", updatedAt: "" },
];

const SUGGESTIONS: AssessmentSuggestion[] = [
  { worker: { id: 3, name: "Henry Vu", department: "Picking", shift: "Swing", assessment: 2 }, kind: "declined", current: 2, suggested: 3, actionIds: [1], reason: "Asked and declined 1 action." },
  { worker: { id: 2, name: "Linh Pham", department: "Picking", shift: "Day", assessment: 3 }, kind: "took_part", current: 3, suggested: 2, actionIds: [1, 4], reason: "Took part in 2 actions." },
];

const GOAL: Goal = {
  kind: "showing_of_interest", label: "", percent: 30,
  unit: { name: "", total: 383, counted: { count: 113, workerIds: [], filter: null }, needed: 115, percent: 29.5, met: false, moreNeeded: 2 },
  departments: [], shifts: [],
};

const PLAN: Plan = {
  campaignId: 1, day: DAY, settings: { campaignId: 1, cardTargetPercent: 65, excludeStaleCards: true }, goals: [GOAL],
  milestones: MILESTONES, actions: ACTIONS, tasks: TASKS, suggestions: SUGGESTIONS, next: null, nextAction: null,
};

const PARTICIPATION: Participation[] = [
  { actionId: 4, worker: { id: 4, name: "Ana Garcia", department: "Picking", shift: "Day", assessment: 2 }, status: "committed", notes: "", recordedAt: "" },
  { actionId: 4, worker: { id: 5, name: "Rodel Cruz", department: "Packing", shift: "Night", assessment: 3 }, status: "asked", notes: "", recordedAt: "" },
];

function row(id: number, name: string, over: Partial<WorkerRow> = {}): WorkerRow {
  return {
    id, name, legalName: name, department: "Picking", shift: "Day", jobTitle: "", assessment: 2, committee: false, cardSignedOn: null, cardStale: false,
    isSupervisor: false, status: "active", nextFollowUp: null, followUpOverdue: false, tags: [], ...over,
  };
}

const ROWS = [row(6, "Marisol Reyes", { committee: true }), row(7, "Dwayne Carter", { assessment: 3 }), row(8, "Priya Nair", { committee: true, assessment: 1 })];

function listOf(rows: WorkerRow[]): WorkerList {
  return { rows, counts: { total: rows.length, byAssessment: [0, 0, rows.length, 0, 0, 0], committee: 0, cardsSigned: 0, cardsStale: 0, followUpsOverdue: 0 } };
}

const REPORT: ProgressReport = {
  campaignId: 1, campaignName: "Riverside DC", from: addDays(DAY, -6), to: DAY, generatedOn: DAY, names: false, language: "en", unit: 383,
  figures: [{ key: "cards", label: "Cards signed", atEnd: 113, atStart: 105, percent: 29.5, needed: 249 }],
  goals: [], series: { unit: 383, staleExcluded: true, thresholds: [], points: [] }, departments: [],
  changes: {
    from: addDays(DAY, -6), to: DAY, assessments: [], reassessed: fig([]), cardsSigned: [], committeeJoined: [], committeeLeft: [], conversations: 0,
    talkedTo: fig([]), relationshipsAdded: 0, relatedWorkers: fig([]), actionsHeld: [], milestonesReached: [],
  },
  wins: [{ text: "8 card(s) signed", workerIds: [1, 2] }], setbacks: [], nextSteps: [],
};

type Call = { cmd: string; args: Record<string, unknown> };

function detail(id: number): WorkerDetail {
  return {
    worker: {
      id, campaignId: 1, assessment: 2, committee: false, cardStale: false, workEmails: [], updatedAt: "", employeeId: null, legalName: id === 5 ? "Rodel Cruz" : `Worker ${id}`,
      preferredName: "", pronouns: "", phones: [], emails: [], address: "", department: "Packing", shift: "Night", jobTitle: "", hireDate: null, languages: "",
      notes: "", tags: [], custom: {}, isSupervisor: false, cardSignedOn: null, status: "active",
    },
    assessments: [], conversations: [], committeeTerms: [],
  };
}

function backend() {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "vault_status":
        return INFO;
      case "campaign_list":
        return [CAMPAIGN];
      case "worker_list": {
        const f = args.filter as WorkerFilter;
        if (f.committee === true) return listOf(ROWS.filter((r) => r.committee));
        if (f.search) return listOf(ROWS.filter((r) => r.name.toLowerCase().includes(f.search.toLowerCase())));
        return listOf(ROWS);
      }
      case "worker_facets":
        return { departments: [], shifts: [], tags: [] };
      case "worker_detail":
        return detail(args.id as number);
      case "follow_ups":
        return [];
      case "plan_get":
        return PLAN;
      case "action_participation":
        return PARTICIPATION;
      case "action_participation_set":
      case "action_participation_remove":
        return ACTIONS[1];
      case "plan_report":
        return REPORT;
      case "plan_report_save":
        return "/home/me/Documents/progress-report.pdf";
      case "recent_list":
        return [];
      default:
        return null;
    }
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

/** A closed dialog gives the page its pointer back a moment later (bits-ui). */
async function dialogGone(testid: string) {
  await waitFor(() => expect(screen.queryByTestId(testid)).not.toBeInTheDocument());
  await waitFor(() => expect(document.body.style.pointerEvents).not.toBe("none"));
}

async function openPlan(tab: "plan" | "reports" = "plan") {
  const user = userEvent.setup();
  render(App);
  await user.click(await screen.findByTestId("nav-plan"));
  await user.click(await screen.findByTestId(`plan-tab-${tab}`));
  await screen.findByTestId(tab === "plan" ? "plan-goals" : "plan-reports");
  return user;
}

afterEach(() => {
  setLang("en");
  planView.tab = "dashboard";
});

describe("milestones", () => {
  it("the form sends a new milestone with the kind's default requirements (null)", async () => {
    const calls = backend();
    const user = await openPlan();
    await user.click(screen.getByTestId("btn-add-milestone"));
    const form = await screen.findByTestId("milestone-form");
    await user.type(within(form).getByTestId("ms-title"), "Petition filed");
    await user.selectOptions(within(form).getByTestId("ms-kind"), "petition_filed");
    // The kind's defaults are shown ticked.
    expect(within(form).getByTestId("ms-req-card_target")).toBeChecked();
    expect(within(form).getByTestId("ms-req-majority_support")).not.toBeChecked();
    await fireEvent.input(within(form).getByTestId("ms-target"), { target: { value: "2027-01-07" } });
    await user.click(within(form).getByTestId("ms-save"));
    await waitFor(() => expect(sent(calls, "milestone_create")).toHaveLength(1));
    expect(sent(calls, "milestone_create")[0]).toEqual({
      campaignId: 1,
      input: { kind: "petition_filed", title: "Petition filed", targetOn: "2027-01-07", doneOn: null, requires: null, notes: "" },
    });
  });

  it("edits requirements, marks reached, and deletes only after confirming", async () => {
    const calls = backend();
    const user = await openPlan();
    const petition = screen.getAllByTestId("plan-milestone").find((m) => m.getAttribute("data-id") === "2")!;
    expect(petition).toHaveTextContent("Cards: 65%, the campaign's goal");
    expect(petition).toHaveTextContent("113 / 115");

    await user.click(within(petition).getByTestId("milestone-edit"));
    const form = await screen.findByTestId("milestone-form");
    await user.click(within(form).getByTestId("ms-req-card_target"));
    await user.click(within(form).getByTestId("ms-save"));
    await waitFor(() => expect(sent(calls, "milestone_update")).toHaveLength(1));
    expect(sent(calls, "milestone_update")[0]).toMatchObject({ id: 2, input: { kind: "petition_filed", requires: ["committee_coverage", "showing_of_interest"] } });
    await dialogGone("milestone-form");

    await user.click(within(petition).getByTestId("milestone-done"));
    await waitFor(() => expect(sent(calls, "milestone_update")).toHaveLength(2));
    expect(sent(calls, "milestone_update")[1]).toMatchObject({ id: 2, input: { doneOn: DAY, title: "Petition filed with the NLRB" } });

    await user.click(within(petition).getByTestId("milestone-delete"));
    const confirm = await screen.findByTestId("milestone-delete-confirm");
    expect(sent(calls, "milestone_delete")).toHaveLength(0);
    await user.click(within(confirm).getByTestId("milestone-delete-confirm-confirm"));
    await waitFor(() => expect(sent(calls, "milestone_delete")).toEqual([{ id: 2 }]));
  });
});

describe("the action ladder", () => {
  it("the action form sends the target as a share of the unit, after the last step", async () => {
    const calls = backend();
    const user = await openPlan();
    await user.click(screen.getByTestId("btn-add-action"));
    const form = await screen.findByTestId("action-form");
    await user.type(within(form).getByTestId("ac-title"), "Button day, all shifts");
    await user.selectOptions(within(form).getByTestId("ac-kind"), "button_day");
    await fireEvent.input(within(form).getByTestId("ac-planned"), { target: { value: "2026-10-30" } });
    await user.click(within(form).getByTestId("ac-target-percent"));
    await user.type(within(form).getByTestId("ac-target"), "50");
    await user.selectOptions(within(form).getByTestId("ac-milestone"), "2");
    await user.click(within(form).getByTestId("ac-save"));
    await waitFor(() => expect(sent(calls, "action_create")).toHaveLength(1));
    expect(sent(calls, "action_create")[0]).toEqual({
      campaignId: 1,
      input: {
        kind: "button_day", title: "Button day, all shifts", step: null, plannedOn: "2026-10-30", heldOn: null, status: "planned",
        targetCount: null, targetPercent: 50, milestoneId: 2, notes: "",
      },
    });
  });

  it("shows the structure test; each number opens its workers", async () => {
    backend();
    const user = await openPlan();
    const first = screen.getAllByTestId("plan-action")[0]!;
    expect(within(first).getByTestId("funnel-asked")).toHaveTextContent("3 asked");
    expect(within(first).getByTestId("funnel-committed")).toHaveTextContent("2 committed");
    expect(within(first).getByTestId("funnel-tookPart")).toHaveTextContent("2 took part");
    await user.click(within(first).getByTestId("funnel-asked"));
    expect(await screen.findByTestId("section-workers")).toBeInTheDocument();
    expect(screen.getByTestId("workers-link-label")).toHaveTextContent("Petition for fans · asked");
  });

  it("the participation editor sends changed rows in one call and removals after it", async () => {
    const calls = backend();
    const user = await openPlan();
    const march = screen.getAllByTestId("plan-action").find((a) => a.getAttribute("data-id") === "4")!;
    await user.click(within(march).getByTestId("action-participation"));
    const dialog = await screen.findByTestId("participation-form");
    await waitFor(() => expect(within(dialog).getAllByTestId("pt-row")).toHaveLength(2));
    // Before the action: took part / no-show cannot be chosen yet.
    const options = [...within(dialog).getByTestId("pt-add-as").querySelectorAll("option")].map((o) => o.value);
    expect(options).toEqual(["asked", "committed", "declined"]);

    const rodel = within(dialog).getAllByTestId("pt-row").find((r) => r.getAttribute("data-worker") === "5")!;
    await user.selectOptions(within(rodel).getByTestId("pt-status"), "committed");
    const ana = within(dialog).getAllByTestId("pt-row").find((r) => r.getAttribute("data-worker") === "4")!;
    await user.click(within(ana).getByTestId("pt-remove"));
    await user.type(within(dialog).getByTestId("pt-picker"), "dwa");
    await user.click(await within(dialog).findByText("Dwayne Carter"));
    await user.click(within(dialog).getByTestId("pt-add-committee"));
    await waitFor(() => expect(within(dialog).getAllByTestId("pt-row")).toHaveLength(5));

    await user.click(within(dialog).getByTestId("pt-save"));
    await waitFor(() => expect(sent(calls, "action_participation_remove")).toHaveLength(1));
    const set = sent(calls, "action_participation_set");
    expect(set).toHaveLength(1);
    expect(set[0]!.actionId).toBe(4);
    expect(new Set((set[0]!.entries as { workerId: number }[]).map((e) => e.workerId))).toEqual(new Set([5, 6, 7, 8]));
    expect(set[0]!.entries).toContainEqual({ workerId: 5, status: "committed", notes: "" });
    expect(set[0]!.entries).toContainEqual({ workerId: 7, status: "asked", notes: "" });
    expect(sent(calls, "action_participation_remove")[0]).toEqual({ actionId: 4, workerId: 4 });
    // The set went first, then the removal.
    expect(calls.findIndex((c) => c.cmd === "action_participation_set")).toBeLessThan(calls.findIndex((c) => c.cmd === "action_participation_remove"));
  });

  it("deletes an action only after confirming", async () => {
    const calls = backend();
    const user = await openPlan();
    await user.click(screen.getAllByTestId("action-delete")[1]!);
    const confirm = await screen.findByTestId("action-delete-confirm");
    await user.click(within(confirm).getByTestId("action-delete-confirm-cancel"));
    expect(sent(calls, "action_delete")).toHaveLength(0);
    await dialogGone("action-delete-confirm");
    await user.click(screen.getAllByTestId("action-delete")[1]!);
    await user.click(within(await screen.findByTestId("action-delete-confirm")).getByTestId("action-delete-confirm-confirm"));
    await waitFor(() => expect(sent(calls, "action_delete")).toEqual([{ id: 4 }]));
  });
});

describe("suggestions", () => {
  it("accept writes the suggested assessment; dismiss sends the worker and value", async () => {
    const calls = backend();
    const user = await openPlan();
    const list = screen.getAllByTestId("suggestion");
    expect(list[0]).toHaveTextContent("Asked and declined 1 actions since the last assessment (Petition for fans).");
    expect(list[1]).toHaveTextContent("Took part in 2 actions since the last assessment (Petition for fans; March on the boss).");
    await user.click(within(list[1]!).getByTestId("suggestion-accept"));
    await waitFor(() => expect(sent(calls, "suggestion_accept")).toEqual([{ workerId: 2, suggested: 2, by: "" }]));
    await user.click(within(list[0]!).getByTestId("suggestion-dismiss"));
    await waitFor(() => expect(sent(calls, "suggestion_dismiss")).toEqual([{ workerId: 3, suggested: 3 }]));
  });
});

describe("tasks", () => {
  it("the task form sends owner, due day and links; done toggles; delete asks first", async () => {
    const calls = backend();
    const user = await openPlan();
    // The linked worker's name is looked up.
    const rodel = screen.getAllByTestId("plan-task").find((x) => x.getAttribute("data-id") === "13")!;
    await waitFor(() => expect(rodel).toHaveTextContent("Rodel Cruz"));
    expect(rodel).toHaveTextContent("March on the boss");

    await user.click(screen.getByTestId("btn-add-task"));
    const form = await screen.findByTestId("task-form");
    await user.type(within(form).getByTestId("tk-title"), "Confirm march marshals");
    await user.type(within(form).getByTestId("tk-owner"), "Luis");
    await fireEvent.input(within(form).getByTestId("tk-due"), { target: { value: "2026-11-25" } });
    await user.type(within(form).getByTestId("tk-worker-picker"), "pri");
    await user.click(await within(form).findByText(/Priya Nair/));
    expect(within(form).getByTestId("tk-worker")).toHaveTextContent("Priya Nair");
    await user.selectOptions(within(form).getByTestId("tk-action"), "4");
    await user.click(within(form).getByTestId("tk-save"));
    await waitFor(() => expect(sent(calls, "task_create")).toHaveLength(1));
    expect(sent(calls, "task_create")[0]).toEqual({
      campaignId: 1,
      input: { title: "Confirm march marshals", owner: "Luis", ownerWorkerId: null, dueOn: "2026-11-25", workerId: 8, actionId: 4, milestoneId: null, notes: "" },
    });
    await dialogGone("task-form");

    await user.click(within(rodel).getByTestId("task-done"));
    await waitFor(() => expect(sent(calls, "task_set_done")).toEqual([{ id: 13, done: true }]));

    await user.click(within(rodel).getByTestId("task-delete"));
    await user.click(within(await screen.findByTestId("task-delete-confirm")).getByTestId("task-delete-confirm-confirm"));
    await waitFor(() => expect(sent(calls, "task_delete")).toEqual([{ id: 13 }]));
  });
});

describe("goals", () => {
  it("the card target is editable", async () => {
    const calls = backend();
    const user = await openPlan();
    expect(screen.getByTestId("plan-goal-more")).toHaveTextContent("2 more needed");
    const input = screen.getByTestId("plan-target");
    expect(screen.getByTestId("plan-target-save")).toBeDisabled();
    await user.clear(input);
    await user.type(input, "70");
    await user.click(screen.getByTestId("plan-target-save"));
    await waitFor(() => expect(sent(calls, "plan_settings_update")).toEqual([{ campaignId: 1, input: { cardTargetPercent: 70, excludeStaleCards: null } }]));
    await user.click(screen.getByTestId("plan-stale"));
    await waitFor(() => expect(sent(calls, "plan_settings_update")[1]).toEqual({ campaignId: 1, input: { cardTargetPercent: null, excludeStaleCards: false } }));
  });
});

describe("reports", () => {
  it("names are off by default; saving the PDF warns that it is not encrypted", async () => {
    const calls = backend();
    const user = await openPlan("reports");
    expect(screen.getByTestId("rp-names")).not.toBeChecked();
    expect(screen.queryByTestId("rp-names-warning")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("rp-preview"));
    await screen.findByTestId("rp-preview-body");
    expect(sent(calls, "plan_report")[0]).toEqual({ request: { campaignId: 1, from: addDays(DAY, -6), to: DAY, names: false, language: "en" } });
    expect(screen.getByTestId("rp-preview-body")).toHaveTextContent("+8");

    await user.click(screen.getByTestId("rp-names"));
    expect(screen.getByTestId("rp-names-warning")).toHaveTextContent("learns who supports the union");
    await user.selectOptions(screen.getByTestId("rp-language"), "es");
    await user.click(screen.getByTestId("rp-preset-month"));
    await user.click(screen.getByTestId("rp-save"));
    const confirm = await screen.findByTestId("rp-save-confirm");
    expect(confirm).toHaveTextContent("NOT encrypted");
    expect(sent(calls, "plan_report_save")).toHaveLength(0);
    await user.click(within(confirm).getByTestId("rp-save-confirm-confirm"));
    await waitFor(() => expect(sent(calls, "plan_report_save")).toHaveLength(1));
    expect(sent(calls, "plan_report_save")[0]).toEqual({ request: { campaignId: 1, from: addDays(DAY, -29), to: DAY, names: true, language: "es" } });
    expect(await screen.findByTestId("rp-saved")).toHaveTextContent("/home/me/Documents/progress-report.pdf");
  });
});
