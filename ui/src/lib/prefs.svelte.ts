// The app preferences (auto-lock, neutral window title, remembering recent vaults). They belong
// to this computer, not to a vault, and are kept by the Rust side in the config folder
// (src/prefs.rs); the UI holds a copy in memory only, shared by the settings, the start screen
// and the idle lock.
import { invoke } from "@tauri-apps/api/core";
import type { AppPrefs } from "./bindings";

export const DEFAULT_PREFS: AppPrefs = {
  autoLockMinutes: 5,
  neutralTitle: false,
  rememberRecent: true,
  lockOnSleepOrScreenLock: true,
};

/** The window title for these preferences (the Rust side sets the native title the same way). */
export function windowTitle(prefs: AppPrefs): string {
  return prefs.neutralTitle ? "Notebook" : "Fieldbook";
}

export const prefsGet = (): Promise<AppPrefs> => invoke<AppPrefs>("prefs_get");

export const prefsSet = (prefs: AppPrefs): Promise<AppPrefs> => invoke<AppPrefs>("prefs_set", { prefs });

export const appPrefs = $state<{ current: AppPrefs; loaded: boolean }>({ current: { ...DEFAULT_PREFS }, loaded: false });

/** Read the stored preferences (the defaults stay when they cannot be read). */
export async function loadPrefs(): Promise<AppPrefs> {
  try {
    const stored = await prefsGet();
    if (stored) appPrefs.current = stored;
  } catch {
    // The defaults (auto-lock after 5 minutes) are the safe choice.
  }
  appPrefs.loaded = true;
  return appPrefs.current;
}

/** Store a change; the shared copy changes only once the Rust side accepted it. */
export async function updatePrefs(change: Partial<AppPrefs>): Promise<AppPrefs> {
  const saved = await prefsSet({ ...appPrefs.current, ...change });
  appPrefs.current = saved ?? { ...appPrefs.current, ...change };
  return appPrefs.current;
}
