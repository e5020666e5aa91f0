export type IconName =
  | "today" | "workers" | "map" | "incidents" | "plan" | "export" | "vault" | "lock" | "plus"
  | "folder" | "x" | "check" | "sun" | "moon" | "printer" | "key" | "back" | "alert" | "ok" | "shield" | "refresh" | "wallchart" | "search";
