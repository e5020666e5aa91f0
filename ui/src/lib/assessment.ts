import type { MessageKey } from "./i18n/en";

/** 0 stands for unassessed. */
export const LEVELS = [1, 2, 3, 4, 5] as const;

export const LEVEL_KEY: Record<number, MessageKey> = {
  0: "assess.0",
  1: "assess.1",
  2: "assess.2",
  3: "assess.3",
  4: "assess.4",
  5: "assess.5",
};

/** The chip class for an assessment (`a0` for unassessed). */
export function chipClass(value: number | null | undefined): string {
  return `a${value && value >= 1 && value <= 5 ? value : 0}`;
}

/** The printed label: the number, or a dash when unassessed. */
export function chipText(value: number | null | undefined): string {
  return value && value >= 1 && value <= 5 ? String(value) : "–";
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "?";
  const first = parts[0]!.charAt(0);
  const last = parts.length > 1 ? parts[parts.length - 1]!.charAt(0) : "";
  return (first + last).toUpperCase();
}
