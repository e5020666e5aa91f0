// Locks that start outside the window reach the UI on this channel, with a reason:
// - "shortcut": the global quick-lock (Ctrl+Alt+L, Cmd+Option+L on macOS), registered by the Rust
//   side, which hears it even when another application has the focus;
// - "sleep" / "screen-lock": the computer is going to sleep or the screen is locking (Linux, over
//   D-Bus: src-tauri/src/os_lock.rs), when "Lock when the computer sleeps or the screen locks" is on.
// Each locks like the Lock button. After a "sleep" or "screen-lock" the Rust side locks the session
// itself if the UI has not within 2 s.
import { Channel, invoke } from "@tauri-apps/api/core";

export function vaultLockWatch(onLock: (reason: string) => void): Promise<null> {
  const channel = new Channel<string>(onLock);
  return invoke<null>("vault_lock_watch", { onLock: channel });
}
