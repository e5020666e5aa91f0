// Typed wrappers over the Tauri commands listed in docs/ipc.md. Components call these and
// never `invoke` directly. Every command rejects with an AppError; show it with errorMessage().
import { invoke } from "@tauri-apps/api/core";
import type {
  AppError,
  CustomFieldChanges,
  CustomFieldUsage,
  WorkerPage,
  WorkerPageRequest,
  CreatedVault,
  CreateVaultRequest,
  Draft,
  ErrorCode,
  MapAnalysis,
  MapPosition,
  PassphraseStrength,
  RecentVault,
  Relationship,
  RelationshipInput,
  VaultInfo,
  VerifyReport,
  WarmPath,
} from "./bindings";
import { t } from "./i18n/index.svelte";
import type {
  Campaign,
  CampaignInput,
  ConversationInput,
  Facets,
  FollowUp,
  WorkerDetail,
  WorkerFilter,
  WorkerInput,
  WorkerList,
} from "./types";
import type { ImportApplyArgs, ImportDraft, ImportPreviewArgs, ImportSummary } from "../components/import/types";

export const vaultCreate = (req: CreateVaultRequest): Promise<CreatedVault> =>
  invoke<CreatedVault>("vault_create", { req });

/** Like vaultCreate, then fills the new vault with the synthetic demo campaign (400 coworkers). */
export const vaultCreateDemo = (req: CreateVaultRequest): Promise<CreatedVault> =>
  invoke<CreatedVault>("vault_create_demo", { req });

export const vaultUnlock = (path: string, passphrase: string): Promise<VaultInfo> =>
  invoke<VaultInfo>("vault_unlock", { path, passphrase });

export const vaultLock = (): Promise<null> => invoke<null>("vault_lock");

export const vaultStatus = (): Promise<VaultInfo | null> => invoke<VaultInfo | null>("vault_status");

export const vaultVerify = (): Promise<VerifyReport> => invoke<VerifyReport>("vault_verify");

export const vaultChangePassphrase = (current: string, next: string): Promise<null> =>
  invoke<null>("vault_change_passphrase", { current, next });

export const vaultRotateKey = (passphrase: string): Promise<VaultInfo> =>
  invoke<VaultInfo>("vault_rotate_key", { passphrase });

export const passphraseStrength = (passphrase: string): Promise<PassphraseStrength> =>
  invoke<PassphraseStrength>("passphrase_strength", { passphrase });

export const recentList = (): Promise<RecentVault[]> => invoke<RecentVault[]>("recent_list");

export const recentForget = (path: string): Promise<null> => invoke<null>("recent_forget", { path });

export const recentClear = (): Promise<null> => invoke<null>("recent_clear");

export const defaultVaultFolder = (): Promise<string> => invoke<string>("default_vault_folder");

// ---------- the unit list (commands/workers.rs) ----------

export const campaignList = (): Promise<Campaign[]> => invoke<Campaign[]>("campaign_list");

export const campaignCreate = (input: CampaignInput): Promise<Campaign> =>
  invoke<Campaign>("campaign_create", { input });

export const campaignUpdate = (id: number, input: CampaignInput): Promise<Campaign> =>
  invoke<Campaign>("campaign_update", { id, input });

export const workerList = (campaignId: number, filter: WorkerFilter): Promise<WorkerList> =>
  invoke<WorkerList>("worker_list", { campaignId, filter });

/** One page of the worker table (rows offset … offset + limit − 1), with the counts of the whole filter when asked. */
export const workerPage = (campaignId: number, request: WorkerPageRequest): Promise<WorkerPage> =>
  invoke<WorkerPage>("worker_page", { campaignId, request });

/** Update a campaign; `changes` moves renamed custom fields' values and erases removed ones'. */
export const campaignUpdateWith = (id: number, input: CampaignInput, changes: CustomFieldChanges): Promise<Campaign> =>
  invoke<Campaign>("campaign_update", { id, input, changes });

/** How many workers hold a value for each custom field (removed fields' hidden values too). */
export const campaignFieldUsage = (campaignId: number): Promise<CustomFieldUsage[]> =>
  invoke<CustomFieldUsage[]>("campaign_field_usage", { campaignId });

export const workerFacets = (campaignId: number): Promise<Facets> => invoke<Facets>("worker_facets", { campaignId });

export const workerDetail = (id: number): Promise<WorkerDetail> => invoke<WorkerDetail>("worker_detail", { id });

export const workerCreate = (campaignId: number, input: WorkerInput): Promise<WorkerDetail> =>
  invoke<WorkerDetail>("worker_create", { campaignId, input });

export const workerUpdate = (id: number, input: WorkerInput): Promise<WorkerDetail> =>
  invoke<WorkerDetail>("worker_update", { id, input });

export const workerMove = (id: number, department: string, shift: string): Promise<null> =>
  invoke<null>("worker_move", { id, department, shift });

export const workerDelete = (id: number): Promise<null> => invoke<null>("worker_delete", { id });

/** Record an assessment (1–5, or 0 to clear it). */
export const workerAssess = (id: number, value: number, by: string, reason: string): Promise<WorkerDetail> =>
  invoke<WorkerDetail>("worker_assess", { id, value, by, reason });

/** Join the committee from a day (YYYY-MM-DD; null: today). */
export const committeeJoin = (id: number, from: string | null = null): Promise<WorkerDetail> =>
  invoke<WorkerDetail>("committee_join", { id, from });

/** Leave the committee on a day (YYYY-MM-DD; null: today). */
export const committeeLeave = (id: number, to: string | null = null): Promise<WorkerDetail> =>
  invoke<WorkerDetail>("committee_leave", { id, to });

/** The day a card was signed (YYYY-MM-DD), or null to clear it. */
export const cardSet = (id: number, signedOn: string | null): Promise<WorkerDetail> =>
  invoke<WorkerDetail>("card_set", { id, signedOn });

export const conversationLog = (workerId: number, input: ConversationInput): Promise<WorkerDetail> =>
  invoke<WorkerDetail>("conversation_log", { workerId, input });

// Drafts autosaved inside the vault (never in the WebView's storage). Key e.g. `conversation:7`.
export const draftSave = (key: string, body: string): Promise<null> => invoke<null>("draft_save", { key, body });

export const draftLoad = (key: string): Promise<Draft | null> => invoke<Draft | null>("draft_load", { key });

export const draftClear = (key: string): Promise<null> => invoke<null>("draft_clear", { key });

export const conversationDraftKey = (workerId: number): string => `conversation:${workerId}`;

/** Open follow-ups due within `daysAhead` days, overdue first. */
export const followUps = (campaignId: number, daysAhead: number): Promise<FollowUp[]> =>
  invoke<FollowUp[]>("follow_ups", { campaignId, daysAhead });

export const followUpDone = (conversationId: number, done: boolean): Promise<null> =>
  invoke<null>("follow_up_done", { conversationId, done });

// ---------- importing the employer's list (commands/import.rs) ----------
// The file's bytes go as the raw IPC body (no JSON array of numbers, no path, nothing on disk);
// the other arguments travel as ASCII-only JSON in the `x-import-args` header.

/** JSON with every non-ASCII character escaped (`\u00f1`), so it is a valid HTTP header value. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Read, map and reconcile a list without writing anything. */
export const importPreview = (bytes: Uint8Array, args: ImportPreviewArgs): Promise<ImportDraft> =>
  invoke<ImportDraft>("import_preview", bytes, { headers: { "x-import-args": asciiJson(args) } });

/** Apply an import as reviewed: all or nothing. */
export const importApply = (bytes: Uint8Array, args: ImportApplyArgs): Promise<ImportSummary> =>
  invoke<ImportSummary>("import_apply", bytes, { headers: { "x-import-args": asciiJson(args) } });

// ---------- the map and relationships (commands/map.rs) ----------

/** Every worker with its figures and position (saved, else computed), the ties and the analyses. */
export const mapAnalysis = (campaignId: number): Promise<MapAnalysis> => invoke<MapAnalysis>("map_analysis", { campaignId });

/** The same analysis packed in one binary buffer (read it with unpackMap, components/map/wire.ts). With `wait`
 * false the leaders and betweenness may still be missing (the buffer says so): ask again with `wait` for them. */
export const mapAnalysisPacked = (campaignId: number, wait: boolean): Promise<ArrayBuffer> =>
  invoke<ArrayBuffer>("map_analysis_packed", { campaignId, wait });

/** The warmest chain of ties to `to`: from `from`, or (null) from the nearest committee member. Null: no chain. */
export const mapWarmPath = (campaignId: number, from: number | null, to: number): Promise<WarmPath | null> =>
  invoke<WarmPath | null>("map_warm_path", { campaignId, from, to });

/** Remember where the user dragged workers. */
export const mapSavePositions = (campaignId: number, positions: MapPosition[]): Promise<null> =>
  invoke<null>("map_save_positions", { campaignId, positions });

/** Forget every saved position: the computed layout comes back on the next analysis. */
export const mapResetLayout = (campaignId: number): Promise<null> => invoke<null>("map_reset_layout", { campaignId });

export const relationshipAdd = (input: RelationshipInput): Promise<Relationship> =>
  invoke<Relationship>("relationship_add", { input });

export const relationshipRemove = (id: number): Promise<null> => invoke<null>("relationship_remove", { id });

export const relationshipsOf = (workerId: number): Promise<Relationship[]> =>
  invoke<Relationship[]>("relationships_of", { workerId });

export type MapExportFormat = "png" | "svg";
export type MapExportArgs = { format: MapExportFormat; suggestedName: string };

/**
 * Write the map picture where the user chooses (the Rust side opens the native save dialog). The
 * image goes as the raw body, the arguments in the `x-export-args` header. Returns the path
 * written, or null when the user cancelled. The file is NOT encrypted: confirm with the user first.
 */
export const mapExportSave = (bytes: Uint8Array, args: MapExportArgs): Promise<string | null> =>
  invoke<string | null>("map_export_save", bytes, { headers: { "x-export-args": asciiJson(args) } });

// ---------- incidents, evidence and affidavits (commands/incidents.rs, commands/affidavits.rs) ----------
import type {
  AffidavitContent,
  AffidavitDiff,
  AffidavitDraft,
  AffidavitLanguage,
  AffidavitNew,
  AffidavitSave,
  AffidavitStatus,
  AffidavitSummary,
  AffidavitVersionInfo,
  ChainStatus,
  Evidence,
  EvidenceChunkArgs,
  EvidenceUpload,
  EvidenceUploadBegin,
  Incident,
  IncidentInput,
  IncidentRow,
  IncidentStatus,
  RenderFormat,
} from "./bindings";

/** Every incident of a campaign, newest first, each with its 10(b) last day and clock. */
export const incidentList = (campaignId: number): Promise<IncidentRow[]> => invoke<IncidentRow[]>("incident_list", { campaignId });

/** Open incidents by urgency: in time first (fewest days left first), then those past their last day. */
export const incidentDeadlines = (campaignId: number): Promise<IncidentRow[]> =>
  invoke<IncidentRow[]>("incident_deadlines", { campaignId });

export const incidentsOfWorker = (workerId: number): Promise<IncidentRow[]> => invoke<IncidentRow[]>("incidents_of_worker", { workerId });

export const incidentDetail = (id: number): Promise<Incident> => invoke<Incident>("incident_detail", { id });

export const incidentCreate = (campaignId: number, input: IncidentInput): Promise<Incident> =>
  invoke<Incident>("incident_create", { campaignId, input });

export const incidentUpdate = (id: number, input: IncidentInput): Promise<Incident> => invoke<Incident>("incident_update", { id, input });

/** Move an incident to a status step on a day (YYYY-MM-DD; null: today). Later steps' days are cleared. */
export const incidentSetStatus = (id: number, status: IncidentStatus, on: string | null): Promise<Incident> =>
  invoke<Incident>("incident_set_status", { id, status, on });

export const incidentDelete = (id: number): Promise<null> => invoke<null>("incident_delete", { id });

export const evidenceList = (incidentId: number): Promise<Evidence[]> => invoke<Evidence[]>("evidence_list", { incidentId });

/** Bytes of an evidence file (at most 32 MiB per call: read larger files in parts), as an ArrayBuffer. */
export const evidenceRead = (id: number, offset: number | null = null, length: number | null = null): Promise<ArrayBuffer> =>
  invoke<ArrayBuffer>("evidence_read", { id, offset, length });

export const evidenceDelete = (id: number): Promise<null> => invoke<null>("evidence_delete", { id });

export const evidenceUploadBegin = (req: EvidenceUploadBegin): Promise<EvidenceUpload> =>
  invoke<EvidenceUpload>("evidence_upload_begin", { req });

/** One part of an upload: its bytes as the raw body, `{ uploadId, offset }` in the `x-evidence-args` header.
 *  Resolves to the bytes received so far. */
export const evidenceUploadChunk = (bytes: Uint8Array, args: EvidenceChunkArgs): Promise<number> =>
  invoke<number>("evidence_upload_chunk", bytes, { headers: { "x-evidence-args": asciiJson(args) } });

export const evidenceUploadFinish = (uploadId: number): Promise<Evidence> => invoke<Evidence>("evidence_upload_finish", { uploadId });

export const evidenceUploadCancel = (uploadId: number): Promise<null> => invoke<null>("evidence_upload_cancel", { uploadId });

/** Save a NOT encrypted copy where the user picks (the shell opens the native dialog). Null: cancelled. Warn first. */
export const evidenceSaveCopy = (id: number): Promise<string | null> => invoke<string | null>("evidence_save_copy", { id });

export const affidavitList = (campaignId: number): Promise<AffidavitSummary[]> => invoke<AffidavitSummary[]>("affidavit_list", { campaignId });

/** A first statement from the worker's record and the incidents' witnesses (nothing saved). */
export const affidavitPrefill = (affiantId: number, language: AffidavitLanguage | null, incidentIds: number[]): Promise<AffidavitContent> =>
  invoke<AffidavitContent>("affidavit_prefill", { affiantId, language, incidentIds });

export const affidavitCreate = (input: AffidavitNew): Promise<AffidavitDraft> => invoke<AffidavitDraft>("affidavit_create", { input });

/** A draft with one version (the newest when `seq` is null). */
export const affidavitLoad = (id: number, seq: number | null = null): Promise<AffidavitDraft> => invoke<AffidavitDraft>("affidavit_load", { id, seq });

/** Save a new version (none when nothing changed); the draft with its newest version. */
export const affidavitSave = (id: number, input: AffidavitSave): Promise<AffidavitDraft> => invoke<AffidavitDraft>("affidavit_save", { id, input });

export const affidavitSetStatus = (id: number, status: AffidavitStatus, by: string): Promise<AffidavitSummary> =>
  invoke<AffidavitSummary>("affidavit_set_status", { id, status, by });

/** The versions, newest first. */
export const affidavitHistory = (id: number): Promise<AffidavitVersionInfo[]> => invoke<AffidavitVersionInfo[]>("affidavit_history", { id });

export const affidavitDiff = (id: number, from: number, to: number): Promise<AffidavitDiff> => invoke<AffidavitDiff>("affidavit_diff", { id, from, to });

export const affidavitVerify = (id: number): Promise<ChainStatus> => invoke<ChainStatus>("affidavit_verify", { id });

/** The PDF of a version, made in memory, as an ArrayBuffer (for the in-app preview). */
export const affidavitRender = (id: number, seq: number | null = null): Promise<ArrayBuffer> => invoke<ArrayBuffer>("affidavit_render", { id, seq });

/** Render a version and save it where the user picks (native dialog, opened by the shell). Null: cancelled. NOT encrypted: warn first. */
export const affidavitExportSave = (id: number, seq: number | null, format: RenderFormat): Promise<string | null> =>
  invoke<string | null>("affidavit_export_save", { id, seq, format });

// ---------- the plan, Today, the dashboard and the progress report (commands/plan.rs) ----------
// Every figure comes with the workers behind it (WorkerFigure: ids, and a filter for today's).
import type {
  ActionInput,
  AssessmentSuggestion,
  Dashboard,
  Milestone,
  MilestoneInput,
  Participation,
  ParticipationInput,
  Plan,
  PlanAction,
  PlanChanges,
  PlanSettings,
  PlanSettingsInput,
  PlanTask,
  ProgressReport,
  ReportRequest,
  SeriesMetric,
  SupportSeries,
  TaskInput,
  Today as TodayData,
} from "./bindings";

/** The whole plan with live figures: goals, milestones, the action ladder, tasks, suggestions. */
export const planGet = (campaignId: number): Promise<Plan> => invoke<Plan>("plan_get", { campaignId });

/** The card target (percent) and whether stale cards are left out; a null field keeps its value. */
export const planSettingsUpdate = (campaignId: number, input: PlanSettingsInput): Promise<PlanSettings> =>
  invoke<PlanSettings>("plan_settings_update", { campaignId, input });

export const planToday = (campaignId: number): Promise<TodayData> => invoke<TodayData>("plan_today", { campaignId });

export const planDashboard = (campaignId: number): Promise<Dashboard> => invoke<Dashboard>("plan_dashboard", { campaignId });

/** What changed from `from` to `to` (YYYY-MM-DD, both included). */
export const planChanges = (campaignId: number, from: string, to: string): Promise<PlanChanges> =>
  invoke<PlanChanges>("plan_changes", { campaignId, from, to });

/** The weekly series over a period (a point every 7 days back from `to`). */
export const planSeries = (campaignId: number, from: string, to: string): Promise<SupportSeries> =>
  invoke<SupportSeries>("plan_series", { campaignId, from, to });

/** The worker ids behind one point of the series. */
export const planSeriesWorkers = (campaignId: number, on: string, metric: SeriesMetric): Promise<number[]> =>
  invoke<number[]>("plan_series_workers", { campaignId, on, metric });

export const milestoneCreate = (campaignId: number, input: MilestoneInput): Promise<Milestone> =>
  invoke<Milestone>("milestone_create", { campaignId, input });

export const milestoneUpdate = (id: number, input: MilestoneInput): Promise<Milestone> =>
  invoke<Milestone>("milestone_update", { id, input });

export const milestoneDelete = (id: number): Promise<null> => invoke<null>("milestone_delete", { id });

/** A new rung of the ladder (`step: null`: after the last one). */
export const actionCreate = (campaignId: number, input: ActionInput): Promise<PlanAction> =>
  invoke<PlanAction>("action_create", { campaignId, input });

export const actionUpdate = (id: number, input: ActionInput): Promise<PlanAction> =>
  invoke<PlanAction>("action_update", { id, input });

export const actionDelete = (id: number): Promise<null> => invoke<null>("action_delete", { id });

export const actionParticipation = (actionId: number): Promise<Participation[]> =>
  invoke<Participation[]>("action_participation", { actionId });

/** Insert or replace participation rows (all or nothing); the action back with its new funnel. */
export const actionParticipationSet = (actionId: number, entries: ParticipationInput[]): Promise<PlanAction> =>
  invoke<PlanAction>("action_participation_set", { actionId, entries });

export const actionParticipationRemove = (actionId: number, workerId: number): Promise<PlanAction> =>
  invoke<PlanAction>("action_participation_remove", { actionId, workerId });

export const planSuggestions = (campaignId: number): Promise<AssessmentSuggestion[]> =>
  invoke<AssessmentSuggestion[]>("plan_suggestions", { campaignId });

/** Accept a suggestion: a normal assessment entry by `by`, with the suggestion's reason. */
export const suggestionAccept = (workerId: number, suggested: number, by: string): Promise<WorkerDetail> =>
  invoke<WorkerDetail>("suggestion_accept", { workerId, suggested, by });

export const suggestionDismiss = (workerId: number, suggested: number): Promise<null> =>
  invoke<null>("suggestion_dismiss", { workerId, suggested });

export const taskCreate = (campaignId: number, input: TaskInput): Promise<PlanTask> =>
  invoke<PlanTask>("task_create", { campaignId, input });

export const taskUpdate = (id: number, input: TaskInput): Promise<PlanTask> => invoke<PlanTask>("task_update", { id, input });

export const taskSetDone = (id: number, done: boolean): Promise<PlanTask> => invoke<PlanTask>("task_set_done", { id, done });

export const taskDelete = (id: number): Promise<null> => invoke<null>("task_delete", { id });

/** The numbers of a progress report, for the preview (names blanked unless `request.names`). */
export const planReport = (request: ReportRequest): Promise<ProgressReport> =>
  invoke<ProgressReport>("plan_report", { request });

/**
 * Render the report's PDF and write it where the user chooses (the shell opens the native save
 * dialog). Returns the path written, or null when cancelled. NOT encrypted: warn first.
 */
export const planReportSave = (request: ReportRequest): Promise<string | null> =>
  invoke<string | null>("plan_report_save", { request });

// ---------- export to counsel, the key book, backups and restore (commands/export.rs) ----------
// Every file is chosen in a native dialog the shell opens: the window never names a path, and a
// command resolves to null when the user cancelled that dialog. Secrets go in the call and nowhere else.
import { Channel } from "@tauri-apps/api/core";
import type {
  ArchiveReport,
  BackupSettings,
  BackupSummary,
  BundlePreview,
  BundleSelection,
  CounselKey,
  ExportProgress,
  ExportProtection,
  ExportSummary,
  Groups,
  RestoreReport,
} from "./bindings";

/** Every file and personal field the selection would send; nothing is written. */
export const exportPreview = (selection: BundleSelection): Promise<BundlePreview> =>
  invoke<BundlePreview>("export_preview", { selection });

/** Ask where (native dialog), then write the encrypted bundle, reporting bytes written. Null: dialog cancelled. */
export function exportBundle(
  selection: BundleSelection,
  protection: ExportProtection,
  suggestedName: string,
  onProgress: (p: ExportProgress) => void,
): Promise<ExportSummary | null> {
  const channel = new Channel<ExportProgress>(onProgress);
  return invoke<ExportSummary | null>("export_bundle", { selection, protection, suggestedName, onProgress: channel });
}

/** Stop the running export; it then rejects and the partial file is removed. */
export const exportCancel = (): Promise<null> => invoke<null>("export_cancel");

export const exportRedactedMap = (campaignId: number, groups: Groups, protection: ExportProtection, suggestedName: string): Promise<ExportSummary | null> =>
  invoke<ExportSummary | null>("export_redacted_map", { campaignId, groups, protection, suggestedName });

export const counselKeys = (): Promise<CounselKey[]> => invoke<CounselKey[]>("counsel_keys");

/** Remember a public key under a name; a secret key or a malformed one is refused (invalid_input). */
export const counselKeyAdd = (name: string, recipient: string): Promise<CounselKey> =>
  invoke<CounselKey>("counsel_key_add", { name, recipient });

export const counselKeyRemove = (id: number): Promise<null> => invoke<null>("counsel_key_remove", { id });

export const backupSettings = (): Promise<BackupSettings> => invoke<BackupSettings>("backup_settings");

/** Save the settings; with `chooseFolder` the shell asks for the folder first. Null: dialog cancelled. */
export const backupSettingsSet = (settings: BackupSettings, chooseFolder: boolean): Promise<BackupSettings | null> =>
  invoke<BackupSettings | null>("backup_settings_set", { settings, chooseFolder });

/** A backup now: into the automatic folder (passphrase null), or with a passphrase to a file picked in the dialog. */
export const backupNow = (passphrase: string | null, suggestedName: string): Promise<BackupSummary | null> =>
  invoke<BackupSummary | null>("backup_now", { passphrase, suggestedName });

/** The scheduled backup, when one is due (after unlocking). Null: none was due. */
export const backupIfDue = (): Promise<BackupSummary | null> => invoke<BackupSummary | null>("backup_if_due");

/** Pick a backup file, then a folder (both native dialogs); restore, verify. Null: a dialog was cancelled. */
export const backupRestore = (
  backupPassphrase: string | null,
  recoveryKey: string | null,
  vaultPassphrase: string | null,
  newName: string,
): Promise<RestoreReport | null> =>
  invoke<RestoreReport | null>("backup_restore", { backupPassphrase, recoveryKey, vaultPassphrase, newName });

/** Pick a bundle or backup and check every file against its manifest. Null: dialog cancelled. */
export const bundleVerify = (passphrase: string | null, identity: string | null): Promise<ArchiveReport | null> =>
  invoke<ArchiveReport | null>("bundle_verify", { passphrase, identity });

/** Every code the Rust side can send, in the order of docs/ipc.md. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "wrong_passphrase",
  "key_file_missing",
  "key_file_corrupt",
  "database_corrupt",
  "vault_in_use",
  "schema_too_new",
  "not_a_vault",
  "already_exists",
  "not_sqlcipher",
  "weak_passphrase",
  "invalid_input",
  "locked",
  "io",
  "internal",
];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/** True for the `{ code, message }` shape every command rejects with. */
export function isAppError(err: unknown): err is AppError {
  if (typeof err !== "object" || err === null) return false;
  const candidate = err as Record<string, unknown>;
  return isErrorCode(candidate.code) && typeof candidate.message === "string";
}

/** The code of an error, or null when it is not an AppError. */
export function errorCode(err: unknown): ErrorCode | null {
  return isAppError(err) ? err.code : null;
}

/** A translated, human message for any rejection, chosen by `code` (never by the message text). */
export function errorMessage(err: unknown): string {
  if (isAppError(err)) return t(`error.${err.code}`);
  return t("error.unknown");
}

/** The English detail the Rust side sent, for "details" disclosure; empty when there is none. */
export function errorDetail(err: unknown): string {
  if (isAppError(err)) return err.message;
  if (err instanceof Error) return err.message;
  if (typeof err === "string") return err;
  return "";
}
