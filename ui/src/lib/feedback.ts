// The passphrase checker (zxcvbn) returns its warning and suggestions as fixed English
// sentences. Translate the ones we know; show anything else as it came.
import type { MessageKey } from "./i18n/en";

const known: Record<string, MessageKey> = {
  "Straight rows of keys are easy to guess.": "fb.w.straightRows",
  "Short keyboard patterns are easy to guess.": "fb.w.shortKeyboard",
  'Repeats like "aaa" are easy to guess.': "fb.w.repeatsAaa",
  'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': "fb.w.repeatsAbcAbc",
  "This is a top-10 common password.": "fb.w.top10",
  "This is a top-100 common password.": "fb.w.top100",
  "This is a very common password.": "fb.w.common",
  "This is similar to a commonly used password.": "fb.w.similarCommon",
  "Sequences like abc or 6543 are easy to guess.": "fb.w.sequences",
  "Recent years are easy to guess.": "fb.w.recentYears",
  "A word by itself is easy to guess.": "fb.w.wordByItself",
  "Dates are often easy to guess.": "fb.w.dates",
  "Names and surnames by themselves are easy to guess.": "fb.w.namesByThemselves",
  "Common names and surnames are easy to guess.": "fb.w.commonNames",
  "Use a few words, avoid common phrases.": "fb.s.fewWords",
  "No need for symbols, digits, or uppercase letters.": "fb.s.noNeedSymbols",
  "Add another word or two. Uncommon words are better.": "fb.s.addWord",
  "Capitalization doesn't help very much.": "fb.s.capitalization",
  "All-uppercase is almost as easy to guess as all-lowercase.": "fb.s.allUppercase",
  "Reversed words aren't much harder to guess.": "fb.s.reversed",
  "Predictable substitutions like '@' instead of 'a' don't help very much.": "fb.s.substitutions",
  "Use a longer keyboard pattern with more turns.": "fb.s.longerKeyboard",
  "Avoid repeated words and characters.": "fb.s.avoidRepeats",
  "Avoid sequences.": "fb.s.avoidSequences",
  "Avoid recent years.": "fb.s.avoidRecentYears",
  "Avoid years that are associated with you.": "fb.s.avoidYears",
  "Avoid dates and years that are associated with you.": "fb.s.avoidDates",
};

/** The message key for a known feedback sentence (trailing period optional), else null. */
export function feedbackKey(text: string): MessageKey | null {
  const trimmed = text.trim();
  return known[trimmed] ?? known[`${trimmed}.`] ?? null;
}
