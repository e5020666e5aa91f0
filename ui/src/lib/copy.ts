// Copy a phone number, an e-mail address or a hash through the Rust side (src-tauri
// commands/clipboard.rs), never navigator.clipboard: there the platform's "do not record" hints
// are set for clipboard managers, and the value leaves the clipboard after 10 s, on lock and on
// exit. When no clipboard is reachable the command fails with an error shown to the user; there
// is no fallback that would skip those protections.
import { invoke } from "@tauri-apps/api/core";
import { errorCode, errorMessage } from "./api";
import { t } from "./i18n/index.svelte";

/** Seconds a copied value stays on the clipboard (CLEAR_AFTER in clipboard.rs). */
export const CLEAR_AFTER_SECONDS = 10;

export const clipboardCopy = (text: string): Promise<null> => invoke<null>("clipboard_copy", { text });

export type CopyResult = { ok: true } | { ok: false; error: unknown };

export async function copyToClipboard(text: string): Promise<CopyResult> {
  try {
    await clipboardCopy(text);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** What to tell the user when a copy failed. */
export function copyFailure(error: unknown): string {
  if (errorCode(error) === "io") return t("copy.unavailable");
  return t("copy.failed", { message: errorMessage(error) });
}
