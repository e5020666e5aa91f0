// The plan's kinds and states in the UI's words, and the small conversions its forms need.
import type {
  ActionInput,
  ActionKind,
  ActionStatus,
  AssessmentSuggestion,
  GoalKind,
  Milestone,
  MilestoneInput,
  MilestoneKind,
  ParticipationStatus,
  PlanAction,
  PlanTask,
  TaskInput,
} from "../../lib/bindings";
import { t } from "../../lib/i18n/index.svelte";

export const MILESTONE_KINDS: readonly MilestoneKind[] = [
  "committee_formed",
  "majority_assessed",
  "showing_of_interest",
  "petition_filed",
  "election",
  "other",
];

export const ACTION_KINDS: readonly ActionKind[] = ["petition", "button_day", "delegation", "march_on_boss", "strike_vote", "other"];

export const ACTION_STATUSES: readonly ActionStatus[] = ["planned", "done", "cancelled"];

export const GOAL_KINDS: readonly GoalKind[] = [
  "committee_coverage",
  "assessed",
  "majority_support",
  "showing_of_interest",
  "card_majority",
  "card_target",
];

/** Who was asked, in the order of the structure test. */
export const PARTICIPATION: readonly ParticipationStatus[] = ["asked", "committed", "declined", "took_part", "no_show"];

/** Before an action happens only these answers can be recorded; after it, all of them. */
export const BEFORE: readonly ParticipationStatus[] = ["asked", "committed", "declined"];

export const milestoneKindLabel = (k: MilestoneKind): string => t(`plan.mkind.${k}`);
export const actionKindLabel = (k: ActionKind): string => t(`plan.akind.${k}`);
export const actionStatusLabel = (s: ActionStatus): string => t(`plan.astatus.${s}`);
export const participationLabel = (s: ParticipationStatus): string => t(`plan.part.${s}`);

/** What a milestone of each kind requires when the form does not say (as the backend does). */
export function defaultRequires(kind: MilestoneKind): GoalKind[] {
  switch (kind) {
    case "committee_formed":
      return ["committee_coverage"];
    case "majority_assessed":
      return ["assessed", "majority_support"];
    case "showing_of_interest":
      return ["showing_of_interest"];
    case "petition_filed":
      return ["committee_coverage", "showing_of_interest", "card_target"];
    case "election":
      return ["majority_support", "card_majority"];
    default:
      return [];
  }
}

export function emptyMilestone(): MilestoneInput {
  return { kind: "other", title: "", targetOn: null, doneOn: null, requires: null, notes: "" };
}

export function milestoneInputOf(m: Milestone): MilestoneInput {
  return {
    kind: m.kind,
    title: m.title,
    targetOn: m.targetOn,
    doneOn: m.doneOn,
    requires: m.requires.map((r) => r.goal),
    notes: m.notes,
  };
}

export function emptyAction(): ActionInput {
  return {
    kind: "other",
    title: "",
    step: null,
    plannedOn: null,
    heldOn: null,
    status: "planned",
    targetCount: null,
    targetPercent: null,
    milestoneId: null,
    notes: "",
  };
}

export function actionInputOf(a: PlanAction): ActionInput {
  return {
    kind: a.kind,
    title: a.title,
    step: a.step,
    plannedOn: a.plannedOn,
    heldOn: a.heldOn,
    status: a.status,
    targetCount: a.targetCount,
    targetPercent: a.targetPercent,
    milestoneId: a.milestoneId,
    notes: a.notes,
  };
}

/** Whether the action has happened (done, or its day is today or past): took part / no-show allowed. */
export function happened(a: PlanAction, today: string): boolean {
  if (a.status === "done") return true;
  const day = a.heldOn ?? a.plannedOn;
  return day !== null && day <= today;
}

export function emptyTask(): TaskInput {
  return { title: "", owner: "", ownerWorkerId: null, dueOn: null, workerId: null, actionId: null, milestoneId: null, notes: "" };
}

export function taskInputOf(task: PlanTask): TaskInput {
  return {
    title: task.title,
    owner: task.owner,
    ownerWorkerId: task.ownerWorkerId,
    dueOn: task.dueOn,
    workerId: task.workerId,
    actionId: task.actionId,
    milestoneId: task.milestoneId,
    notes: task.notes,
  };
}

/** The suggestion's reason in the UI's words, naming the actions that are its evidence. */
export function suggestionReason(s: AssessmentSuggestion, actionTitle: (id: number) => string | undefined): string {
  const titles = s.actionIds.map(actionTitle).filter((x): x is string => !!x);
  const list = titles.length > 0 ? ` (${titles.join("; ")})` : "";
  const n = s.actionIds.length;
  return s.kind === "took_part" ? t("plan.sug.tookPart", { n, list }) : t("plan.sug.declined", { n, list });
}
