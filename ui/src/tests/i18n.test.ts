import { afterEach, describe, expect, it } from "vitest";
import { en } from "../lib/i18n/en";
import { es } from "../lib/i18n/es";
import { detectLang, getLang, setLang, t } from "../lib/i18n/index.svelte";

describe("i18n", () => {
  afterEach(() => setLang("en"));

  it("has the same keys in English and Spanish", () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it("has no empty strings and the same placeholders in both languages", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(es[key].trim(), key).not.toBe("");
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("translates and fills placeholders in the current language", () => {
    setLang("en");
    expect(t("start.recent.openLabel", { name: "Riverside" })).toBe("Open Riverside");
    setLang("es");
    expect(getLang()).toBe("es");
    expect(t("start.recent.openLabel", { name: "Riverside" })).toBe("Abrir Riverside");
    expect(document.documentElement.lang).toBe("es");
  });

  it("uses the organizing vocabulary in Spanish", () => {
    expect(es["placeholder.workers.body"]).toContain("evaluaciones");
    expect(es["placeholder.workers.body"]).toContain("conversaciones 1 a 1");
    expect(es["placeholder.incidents.body"]).toContain("práctica laboral injusta (ULP)");
    expect(es["placeholder.plan.body"]).toContain("comité");
  });

  it("detects the language from the system", () => {
    expect(detectLang({ language: "es-MX" })).toBe("es");
    expect(detectLang({ language: "en-US" })).toBe("en");
    expect(detectLang({ language: "fr-FR" })).toBe("en");
    expect(detectLang({ language: "fr-FR", languages: ["fr-FR", "es-ES"] })).toBe("es");
  });
});
