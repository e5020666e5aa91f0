// Light/dark theme, held in memory only. By default it follows the system
// (prefers-color-scheme); the toggle sets a data-theme override on <html>.
export type Theme = "light" | "dark";

function systemTheme(): Theme {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return "light";
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

const state = $state<{ system: Theme; override: Theme | null }>({ system: systemTheme(), override: null });

if (typeof window !== "undefined" && typeof window.matchMedia === "function") {
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener?.("change", (e) => {
    state.system = e.matches ? "dark" : "light";
  });
}

export function currentTheme(): Theme {
  return state.override ?? state.system;
}

export function setTheme(theme: Theme): void {
  state.override = theme === state.system ? null : theme;
  if (typeof document === "undefined") return;
  if (state.override) document.documentElement.dataset.theme = state.override;
  else delete document.documentElement.dataset.theme;
}
