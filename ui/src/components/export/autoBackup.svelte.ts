// The scheduled backup, run once in the background after unlocking (the Shell calls it). Silent
// when nothing is due; a short toast when a backup was made; an unobtrusive warning when it failed,
// also kept here so the Backups card in Vault settings can say so. No secret is involved: automatic
// backups are encrypted to the vault's recovery key by the library.
import type { BackupSummary } from "../../lib/bindings";
import { backupIfDue, errorMessage } from "../../lib/api";
import { t } from "../../lib/i18n/index.svelte";
import type { Workspace } from "../../lib/workspace.svelte";

export const autoBackup = $state<{ failed: unknown; made: BackupSummary | null }>({ failed: null, made: null });

export async function runBackupIfDue(ws: Pick<Workspace, "toast">): Promise<void> {
  autoBackup.failed = null;
  autoBackup.made = null;
  try {
    const made = await backupIfDue();
    if (made) {
      autoBackup.made = made;
      ws.toast(t("export.backup.autoDone"));
    }
  } catch (err) {
    autoBackup.failed = err;
    ws.toast(t("export.backup.autoFailed", { message: errorMessage(err) }), "error");
  }
}
