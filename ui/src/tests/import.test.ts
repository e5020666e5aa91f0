import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import ImportWizard from "../components/import/ImportWizard.svelte";
import type { ImportApplyArgs, ImportDraft, ImportPreviewArgs, ImportSummary, MappingOverride, Reconciliation } from "../components/import/types";
import { asciiJson } from "../lib/api";

const CSV = "Emp #,Name,Dept.,Hire Date\n101,Ana Peña,Receiving,2019-03-05\n102,Bo Chen,Shipping,not a date\n";
const HEADERS = ["Emp #", "Name", "Dept.", "Hire Date"];
const SAMPLE = [
  ["101", "Ana Peña", "Receiving", "2019-03-05"],
  ["102", "Bo Chen", "Shipping", "not a date"],
];

function worker(row: number, name: string, over: Partial<Reconciliation["new"][number]> = {}): Reconciliation["new"][number] {
  return {
    row, employeeId: null, legalName: name, preferredName: "", pronouns: "", phones: [], emails: [], address: "",
    department: "", shift: "", jobTitle: "", hireDate: null, languages: "", notes: "", tags: [], ...over,
  };
}

const REC: Reconciliation = {
  matched: [
    { row: 2, workerId: 11, name: "Ana Peña", matchedBy: "employee_id", changes: [{ field: "department", old: "Shipping", new: "Receiving" }] },
    { row: 5, workerId: 12, name: "Dee Ruiz", matchedBy: "name", changes: [] },
  ],
  new: [worker(3, "Bo Chen", { department: "Shipping" })],
  missing: [{ workerId: 13, name: "Chidi Okafor", department: "Shipping", shift: "Day" }],
  ambiguous: [
    {
      record: worker(4, "Linh Nguyen", { department: "Packing" }),
      candidates: [
        { workerId: 14, name: "Linh Nguyen", department: "Picking", shift: "Swing", reason: "same_name" },
        { workerId: 15, name: "Linh Nguyen", department: "Packing", shift: "Day", reason: "same_name" },
      ],
    },
  ],
  duplicates: [{ row: 6, firstRow: 3, name: "Bo Chen" }],
};

type Sent = { cmd: string; body: unknown; args: Record<string, unknown> };

/**
 * A fake backend behind the real IPC entry point. mockIPC hands the callback only the command
 * and the body, so the raw invoke is wrapped to record the `x-import-args` header too.
 */
function backend(opts: { preview?: (args: ImportPreviewArgs) => ImportDraft; apply?: (args: ImportApplyArgs) => ImportSummary } = {}) {
  const sent: Sent[] = [];
  const preview =
    opts.preview ??
    ((args: ImportPreviewArgs): ImportDraft => {
      const columns: ImportDraft["mapping"]["columns"] = ["employee_id", "legal_name", "department", "hire_date"];
      for (const o of args.overrides) columns[o.column] = o.field;
      return { headers: HEADERS, mapping: { columns }, sample: SAMPLE, totalRows: 2, reconciliation: REC, problem: null };
    });
  mockIPC((cmd, payload) => {
    const last = sent[sent.length - 1]!;
    if (cmd === "import_preview") return preview(last.args as unknown as ImportPreviewArgs);
    if (cmd === "import_apply") {
      if (opts.apply) return opts.apply(last.args as unknown as ImportApplyArgs);
      return { added: 2, updated: 1, unchanged: 1, markedMissing: 1, skippedDuplicates: 1, skippedAmbiguous: 0 };
    }
    throw new Error(`unexpected command ${cmd} ${String(payload)}`);
  });
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown, o?: { headers?: Record<string, string> }) => Promise<unknown> } }).__TAURI_INTERNALS__;
  const inner = internals.invoke;
  internals.invoke = (cmd, body, options) => {
    const header = options?.headers?.["x-import-args"];
    expect(header, "args header").toBeDefined();
    expect(header).toMatch(/^[\x20-\x7e]*$/); // a valid header value: printable ASCII only
    sent.push({ cmd, body, args: JSON.parse(header!) as Record<string, unknown> });
    return inner(cmd, body, options);
  };
  return sent;
}

async function chooseFile(user: ReturnType<typeof userEvent.setup>, name = "Lista Peña.csv", text = CSV) {
  const input = screen.getByTestId("import-file-input") as HTMLInputElement;
  await user.upload(input, new File([text], name, { type: "text/csv" }));
}

function mount() {
  let closed = 0;
  const imported: ImportSummary[] = [];
  render(ImportWizard, { props: { campaignId: 7, delay: 0, onClose: () => (closed += 1), onImported: (s: ImportSummary) => imported.push(s) } });
  return { closed: () => closed, imported };
}

describe("import wizard", () => {
  it("sends the file's bytes as the raw body and shows the mapping with the file's headers", async () => {
    const sent = backend();
    const user = userEvent.setup();
    mount();
    await chooseFile(user);
    await waitFor(() => expect(screen.getByTestId("import-next")).toBeEnabled());
    expect(screen.getByTestId("import-file")).toHaveTextContent("Lista Peña.csv");

    expect(sent).toHaveLength(1);
    expect(sent[0]!.cmd).toBe("import_preview");
    expect(sent[0]!.body).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(sent[0]!.body as Uint8Array)).toBe(CSV);
    expect(sent[0]!.args).toEqual({ campaignId: 7, fileName: "Lista Peña.csv", overrides: [] });

    await user.click(screen.getByTestId("import-next"));
    const table = screen.getByTestId("import-mapping");
    for (const h of HEADERS) expect(within(table).getByText(h)).toBeInTheDocument();
    expect(within(table).getByText("Ana Peña")).toBeInTheDocument();
    const hire = screen.getByTestId("import-field-3") as HTMLSelectElement;
    expect(hire.value).toBe("hire_date");
    expect(within(hire).getByRole("option", { name: "Ignore" })).toBeInTheDocument();

    // Changing a field re-runs the preview with the override; the select follows the answer.
    await user.selectOptions(hire, "ignore");
    await waitFor(() => expect(sent).toHaveLength(2));
    expect((sent[1]!.args as unknown as ImportPreviewArgs).overrides).toEqual([{ column: 3, field: "ignore" }] satisfies MappingOverride[]);
    await waitFor(() => expect(screen.getByTestId("import-next")).toBeEnabled());
    expect((screen.getByTestId("import-field-3") as HTMLSelectElement).value).toBe("ignore");

    // A later change to another column is sent after the first one (the latest wins).
    await user.selectOptions(screen.getByTestId("import-field-2"), "shift");
    await waitFor(() => expect(sent).toHaveLength(3));
    expect((sent[2]!.args as unknown as ImportPreviewArgs).overrides).toEqual([
      { column: 3, field: "ignore" },
      { column: 2, field: "shift" },
    ]);
  });

  it("reviews the reconciliation and sends the decisions with the apply", async () => {
    const sent = backend();
    const user = userEvent.setup();
    const m = mount();
    await chooseFile(user);
    await waitFor(() => expect(screen.getByTestId("import-next")).toBeEnabled());
    await user.click(screen.getByTestId("import-next"));
    await user.click(screen.getByTestId("import-next"));

    const review = screen.getByTestId("import-review");
    expect(screen.getByTestId("import-count-matched")).toHaveTextContent("2");
    expect(screen.getByTestId("import-count-changed")).toHaveTextContent("1");
    expect(screen.getByTestId("import-count-new")).toHaveTextContent("1");
    expect(screen.getByTestId("import-count-missing")).toHaveTextContent("1");
    expect(screen.getByTestId("import-count-ambiguous")).toHaveTextContent("1");
    expect(screen.getByTestId("import-count-duplicates")).toHaveTextContent("1");
    expect(within(review).getByTestId("import-change")).toHaveTextContent("Department: Shipping → Receiving");
    expect(within(review).getByText("Bo Chen", { selector: "[data-testid=import-new-row]" })).toBeInTheDocument();
    expect(within(review).getByText("Row 6 repeats row 3")).toBeInTheDocument();

    // Ambiguous rows are skipped unless decided; pick the second candidate. Missing: mark left.
    expect(screen.getByTestId("import-resolve-4-skip")).toBeChecked();
    await user.click(screen.getByTestId("import-resolve-4-15"));
    await user.click(screen.getByTestId("import-missing-left"));
    await user.click(screen.getByTestId("import-apply"));

    const done = await screen.findByTestId("import-done");
    expect(within(done).getByTestId("import-sum-added")).toHaveTextContent("2");
    const apply = sent.find((s) => s.cmd === "import_apply")!;
    expect(apply.body).toBeInstanceOf(Uint8Array);
    expect(apply.args).toEqual({
      campaignId: 7,
      fileName: "Lista Peña.csv",
      mapping: { columns: ["employee_id", "legal_name", "department", "hire_date"] },
      choices: { addNew: true, applyChanges: true, missingStatus: "left", resolutions: [{ row: 4, workerId: 15 }] },
    } satisfies ImportApplyArgs);
    expect(m.imported).toHaveLength(1);

    await user.click(screen.getByTestId("import-finish"));
    expect(m.closed()).toBe(1);
  });

  it("sends 'a new worker' as a null worker id and leaves missing workers alone by default", async () => {
    const sent = backend();
    const user = userEvent.setup();
    mount();
    await chooseFile(user);
    await waitFor(() => expect(screen.getByTestId("import-next")).toBeEnabled());
    // Keyboard only: the primary button has the focus, Enter goes on.
    expect(screen.getByTestId("import-next")).toHaveFocus();
    await user.keyboard("{Enter}");
    await screen.findByTestId("import-mapping");
    await user.keyboard("{Enter}");
    await screen.findByTestId("import-review");
    await user.click(screen.getByTestId("import-resolve-4-new"));
    await user.click(screen.getByTestId("import-add-new")); // do not add the new hires
    await user.click(screen.getByTestId("import-apply"));
    await screen.findByTestId("import-done");
    const apply = sent.find((s) => s.cmd === "import_apply")!;
    expect((apply.args as unknown as ImportApplyArgs).choices).toEqual({
      addNew: false, applyChanges: true, missingStatus: null, resolutions: [{ row: 4, workerId: null }],
    });
  });

  it("shows the library's problem with the mapping, row and column included, and blocks the review", async () => {
    backend({
      preview: (args) => {
        const ignored = args.overrides.some((o) => o.column === 3 && o.field === "ignore");
        return {
          headers: HEADERS,
          mapping: { columns: ["employee_id", "legal_name", "department", ignored ? "ignore" : "hire_date"] },
          sample: SAMPLE,
          totalRows: 2,
          reconciliation: ignored ? REC : null,
          problem: ignored ? null : { code: "invalid_input", message: 'Row 3, column "Hire Date": "not a date" is not a date.' },
        };
      },
    });
    const user = userEvent.setup();
    mount();
    await chooseFile(user);
    await waitFor(() => expect(screen.getByTestId("import-next")).toBeEnabled());
    await user.click(screen.getByTestId("import-next"));
    const err = screen.getByTestId("import-error");
    expect(err).toHaveAttribute("data-code", "invalid_input");
    expect(err).toHaveTextContent('Row 3, column "Hire Date": "not a date" is not a date.');
    expect(err).toHaveTextContent("Nothing has been changed");
    expect(screen.getByTestId("import-next")).toBeDisabled();
    // The table is still there to fix the mapping: ignoring the column clears the problem.
    await user.selectOptions(screen.getByTestId("import-field-3"), "ignore");
    await waitFor(() => expect(screen.queryByTestId("import-error")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByTestId("import-next")).toBeEnabled());
  });

  it("shows a failed apply with its message and stays on the review", async () => {
    backend({
      apply: () => {
        throw { code: "invalid_input", message: "Row 4: worker 99 was not one of the candidates." };
      },
    });
    const user = userEvent.setup();
    const m = mount();
    await chooseFile(user);
    await waitFor(() => expect(screen.getByTestId("import-next")).toBeEnabled());
    await user.click(screen.getByTestId("import-next"));
    await user.click(screen.getByTestId("import-next"));
    await user.click(screen.getByTestId("import-apply"));
    const err = await screen.findByTestId("import-error");
    expect(err).toHaveTextContent("Row 4: worker 99 was not one of the candidates.");
    expect(err).toHaveTextContent("The import was not applied");
    expect(screen.getByTestId("import-review")).toBeInTheDocument();
    expect(screen.queryByTestId("import-done")).not.toBeInTheDocument();
    expect(m.imported).toHaveLength(0);
  });

  it("shows a file that cannot be read; Esc closes at once before the review", async () => {
    mockIPC(() => {
      throw { code: "invalid_input", message: "list.xlsx could not be read as a spreadsheet." };
    });
    const user = userEvent.setup();
    const m = mount();
    await chooseFile(user, "list.xlsx", "%PDF");
    const err = await screen.findByTestId("import-error");
    expect(err).toHaveTextContent("list.xlsx could not be read as a spreadsheet.");
    expect(screen.getByTestId("import-next")).toBeDisabled();
    await user.keyboard("{Escape}");
    expect(m.closed()).toBe(1);
  });

  it("asks before Esc closes the review step", async () => {
    backend();
    const user = userEvent.setup();
    const m = mount();
    await chooseFile(user);
    await waitFor(() => expect(screen.getByTestId("import-next")).toBeEnabled());
    await user.click(screen.getByTestId("import-next"));
    await user.click(screen.getByTestId("import-next"));
    await screen.findByTestId("import-review");
    await user.keyboard("{Escape}");
    expect(screen.getByTestId("import-confirm-close")).toBeInTheDocument();
    expect(m.closed()).toBe(0);
    await user.click(screen.getByTestId("import-close-confirm"));
    expect(m.closed()).toBe(1);
  });

  it("escapes non-ASCII in the header JSON", () => {
    const json = asciiJson({ fileName: "Peña ñ 😀.csv" });
    expect(json).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(json)).toEqual({ fileName: "Peña ñ 😀.csv" });
  });
});
