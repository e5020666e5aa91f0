import { t } from "../../lib/i18n/index.svelte";

/** The answers the log form offers; stored as these stable words, shown translated. */
export const ANSWERS = ["yes", "not yet", "no"] as const;
export type Answer = (typeof ANSWERS)[number];

export function answerLabel(answer: string): string {
  switch (answer) {
    case "yes": return t("log.answer.yes");
    case "not yet": return t("log.answer.notYet");
    case "no": return t("log.answer.no");
    default: return answer;
  }
}
