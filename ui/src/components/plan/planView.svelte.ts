// Which tab of the Plan section is open (memory only): kept while the user follows a number to
// the worker list and comes back.
export type PlanTab = "dashboard" | "plan" | "reports";

export const planView = $state<{ tab: PlanTab; focus: { kind: "milestone" | "action" | "task"; id: number } | null }>({
  tab: "dashboard",
  focus: null,
});
