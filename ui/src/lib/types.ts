// The worker types as they cross the IPC boundary (generated from Rust into bindings.ts),
// plus the empty values the forms start from.
import type {
  Worker,
  WorkerFilter,
  WorkerInput,
} from "./bindings";

export type {
  Assessment,
  Campaign,
  CampaignInput,
  CardFilter,
  CommitteeTerm,
  Conversation,
  ConversationInput,
  Facets,
  FollowUp,
  SortKey,
  Worker,
  WorkerCounts,
  WorkerDetail,
  WorkerFilter,
  WorkerInput,
  WorkerList,
  WorkerRow,
  WorkerStatus,
} from "./bindings";

/** The default filter: everyone active, no supervisors, sorted by name. */
export function emptyFilter(): WorkerFilter {
  return {
    search: "",
    departments: [],
    shifts: [],
    assessments: [],
    unassessed: false,
    committee: null,
    card: "any",
    followUpOverdue: false,
    tag: null,
    statuses: [],
    includeSupervisors: false,
    sort: "name",
    descending: false,
  };
}

export function emptyWorkerInput(): WorkerInput {
  return {
    employeeId: null,
    legalName: "",
    preferredName: "",
    pronouns: "",
    phones: [],
    emails: [],
    address: "",
    department: "",
    shift: "",
    jobTitle: "",
    hireDate: null,
    languages: "",
    notes: "",
    tags: [],
    custom: {},
    isSupervisor: false,
    cardSignedOn: null,
    status: "active",
  };
}

/** The editable fields of a worker, for the edit form. */
export function inputOf(w: Worker): WorkerInput {
  return {
    employeeId: w.employeeId,
    legalName: w.legalName,
    preferredName: w.preferredName,
    pronouns: w.pronouns,
    phones: [...w.phones],
    emails: [...w.emails],
    address: w.address,
    department: w.department,
    shift: w.shift,
    jobTitle: w.jobTitle,
    hireDate: w.hireDate,
    languages: w.languages,
    notes: w.notes,
    tags: [...w.tags],
    custom: { ...w.custom },
    isSupervisor: w.isSupervisor,
    cardSignedOn: w.cardSignedOn,
    status: w.status,
  };
}
