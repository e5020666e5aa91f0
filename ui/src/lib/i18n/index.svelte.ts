// A deliberately small i18n layer. The current language lives in memory only (never in
// localStorage or any other WebView storage); t() reads it, so every template that calls t()
// re-renders when the language changes.
import { en, type MessageKey } from "./en";
import { es } from "./es";

export type Lang = "en" | "es";
export type { MessageKey };
export type Params = Record<string, string | number>;

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, es };
export const languages: readonly Lang[] = ["en", "es"];

/** The language the system asks for, falling back to English. */
export function detectLang(nav: { language?: string; languages?: readonly string[] } | undefined = globalThis.navigator): Lang {
  const wanted = [...(nav?.languages ?? []), nav?.language ?? ""];
  for (const tag of wanted) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === "es") return "es";
    if (base === "en") return "en";
  }
  return "en";
}

const state = $state<{ lang: Lang }>({ lang: detectLang() });

export function getLang(): Lang {
  return state.lang;
}

export function setLang(lang: Lang): void {
  state.lang = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

/** Translate `key` into the current language, filling `{name}` placeholders from `params`. */
export function t(key: MessageKey, params?: Params): string {
  const text = dictionaries[state.lang][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The BCP 47 locale used for dates and numbers. */
export function locale(): string {
  return state.lang === "es" ? "es" : "en";
}
