// The global quick-lock (Ctrl+Alt+L, Cmd+Option+L on macOS) is registered by the Rust side, which
// hears it even when another application has the focus and sends "shortcut" on this channel.
import { Channel, invoke } from "@tauri-apps/api/core";

export function vaultLockWatch(onLock: (reason: string) => void): Promise<null> {
  const channel = new Channel<string>(onLock);
  return invoke<null>("vault_lock_watch", { onLock: channel });
}
