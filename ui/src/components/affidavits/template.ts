// The fixed wording of the affidavit template, in the statement's own language (which may differ
// from the app's): the editor frames the paragraphs with it, as the PDF will. Mirrors
// src/affidavits/template.rs (the renderer is the source of truth; these are the lines the editor
// shows around the user's text).
import type { AffidavitLanguage } from "../../lib/bindings";

export type TemplateStrings = {
  title: string;
  intro: string;
  witnesses: string;
  attestation: string;
  alsoKnownAs: string;
  contact: string;
  address: string;
};

export const TEMPLATE: Record<AffidavitLanguage, TemplateStrings> = {
  en: {
    title: "AFFIDAVIT OF",
    intro: "I, {name}, state as follows:",
    witnesses: "The following people saw or heard what I describe, or know about it:",
    attestation:
      "I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.",
    alsoKnownAs: "Also known as",
    contact: "Contact (given instead of a home address)",
    address: "Home address",
  },
  es: {
    title: "DECLARACIÓN JURADA DE",
    intro: "Yo, {name}, declaro lo siguiente:",
    witnesses: "Las siguientes personas vieron u oyeron lo que describo, o tienen conocimiento de ello:",
    attestation:
      "Declaro bajo pena de perjurio, conforme a las leyes de los Estados Unidos de América, que lo anterior es verdadero y correcto.",
    alsoKnownAs: "También conocido/a como",
    contact: "Contacto (en lugar del domicilio)",
    address: "Domicilio",
  },
};

export const intro = (language: AffidavitLanguage, name: string): string => TEMPLATE[language].intro.replace("{name}", name || "…");

/** Words in the statement's paragraphs (as the library counts them: split on whitespace). */
export function wordCount(paragraphs: readonly string[]): number {
  return paragraphs.reduce((n, p) => n + p.split(/\s+/).filter(Boolean).length, 0);
}
