import { locale, t } from "./i18n/index.svelte";

export function formatDate(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(d);
}

export function formatNumber(n: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits }).format(n);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return t("units.bytes", { n: formatNumber(bytes) });
  if (bytes < 1024 ** 2) return t("units.kb", { n: formatNumber(bytes / 1024, 1) });
  if (bytes < 1024 ** 3) return t("units.mb", { n: formatNumber(bytes / 1024 ** 2, 1) });
  return t("units.gb", { n: formatNumber(bytes / 1024 ** 3, 2) });
}
