// Typed wrappers over the Tauri commands listed in docs/ipc.md. Components call these and
// never `invoke` directly. Every command rejects with an AppError; show it with errorMessage().
import { invoke } from "@tauri-apps/api/core";
import type {
  AppError,
  CreatedVault,
  CreateVaultRequest,
  ErrorCode,
  PassphraseStrength,
  RecentVault,
  VaultInfo,
  VerifyReport,
} from "./bindings";
import { t } from "./i18n/index.svelte";

export const vaultCreate = (req: CreateVaultRequest): Promise<CreatedVault> =>
  invoke<CreatedVault>("vault_create", { req });

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
