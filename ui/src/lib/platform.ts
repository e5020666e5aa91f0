// Keyboard conventions: Cmd/Option on macOS, Ctrl/Alt elsewhere.
export function isMac(): boolean {
  if (typeof navigator === "undefined") return false;
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform ?? "";
  return /mac/i.test(platform) || /Macintosh/.test(navigator.userAgent);
}

/** Ctrl on Linux/Windows, Cmd on macOS. */
export function isPrimaryModifier(e: KeyboardEvent): boolean {
  return isMac() ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}
