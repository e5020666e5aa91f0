// Typed wrappers over the Tauri commands listed in docs/ipc.md. Components call these and
// never `invoke` directly. Every command rejects with an AppError; show it with errorMessage().
import { invoke } from "@tauri-apps/api/core";
import type {
  AppError,
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
