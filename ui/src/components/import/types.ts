// The import types as they arrive over IPC. ts-rs renders Rust i64 as `bigint`, but Tauri's JSON
// carries plain numbers, so worker ids are `number` here (as in lib/types.ts for the workers).
import type * as B from "../../lib/bindings";

type Json<T> = T extends bigint
  ? number
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly unknown[]
      ? { [K in keyof T]: Json<T[K]> }
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

export type Field = B.Field;
export type ColumnMapping = B.ColumnMapping;
export type MappingOverride = B.MappingOverride;
export type ImportedWorker = B.ImportedWorker;
export type FieldChange = B.FieldChange;
export type MatchedRow = Json<B.MatchedRow>;
export type Candidate = Json<B.Candidate>;
export type AmbiguousRow = Json<B.AmbiguousRow>;
export type MissingWorker = Json<B.MissingWorker>;
export type DuplicateRow = B.DuplicateRow;
export type Reconciliation = Json<B.Reconciliation>;
export type Resolution = Json<B.Resolution>;
export type ApplyChoices = Json<B.ApplyChoices>;
export type ImportSummary = B.ImportSummary;
export type ImportDraft = Json<B.ImportDraft>;
export type ImportPreviewArgs = B.ImportPreviewArgs;
export type ImportApplyArgs = Json<B.ImportApplyArgs>;

/** Every field, in the order the mapping step lists them (as `Field::ALL` in Rust). */
export const FIELDS: readonly Field[] = [
  "employee_id",
  "legal_name",
  "first_name",
  "last_name",
  "preferred_name",
  "pronouns",
  "phone",
  "email",
  "address",
  "department",
  "shift",
  "job_title",
  "hire_date",
  "languages",
  "notes",
  "tags",
  "ignore",
];

/** What to do with coworkers missing from the new list: nothing, or mark them left or excluded. */
export type MissingChoice = "leave" | "left" | "excluded";
