import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type { RecentVault, VaultInfo } from "../lib/bindings";
import { fakeStrength, INFO } from "./fixtures";

const RECENT: RecentVault[] = [{ path: INFO.path, name: INFO.name, exists: true }];

type Backend = { calls: string[]; status: VaultInfo | null; recent: RecentVault[] };

function backend(initial: Partial<Backend> = {}, unlock?: (passphrase: string) => VaultInfo): Backend {
  const state: Backend = { calls: [], status: null, recent: [...RECENT], ...initial };
  mockIPC((cmd, raw) => {
    const args = raw as Record<string, unknown>;
    state.calls.push(cmd);
    switch (cmd) {
      case "vault_status":
        return state.status;
      case "recent_list":
        return state.recent;
      case "recent_forget":
        state.recent = state.recent.filter((r) => r.path !== args.path);
        return null;
      case "recent_clear":
        state.recent = [];
        return null;
      case "default_vault_folder":
        return "/home/me/Documents/Fieldbook";
      case "passphrase_strength":
        return fakeStrength(String(args.passphrase));
      case "vault_unlock": {
        const info = unlock?.(String(args.passphrase));
        if (!info) throw { code: "wrong_passphrase", message: "file is not a database" };
        state.status = info;
        return info;
      }
      case "vault_create":
        state.status = INFO;
        return { info: INFO, recoveryKey: "FBK1-ABCD-EFGH-IJKL" };
      case "vault_lock":
        state.status = null;
        return null;
      case "campaign_list":
        return [];
      default:
        return null;
    }
  });
  return state;
}

describe("unlock", () => {
  it("shows the wrong-passphrase error with its code and clears the field", async () => {
    const state = backend({}, () => undefined as unknown as VaultInfo);
    const user = userEvent.setup();
    render(App);

    const item = await screen.findByTestId("recent-item");
    expect(item).toHaveTextContent(INFO.name);
    expect(item).toHaveTextContent(INFO.path);
    await user.click(within(item).getByRole("button", { name: `Open ${INFO.name}` }));

    expect(screen.getByTestId("unlock-path")).toHaveValue(INFO.path);
    await user.type(screen.getByTestId("unlock-pass"), "not the passphrase");
    await user.click(screen.getByTestId("unlock-submit"));

    const error = await screen.findByTestId("unlock-error");
    expect(error).toHaveAttribute("data-code", "wrong_passphrase");
    expect(error).toHaveTextContent("That passphrase does not open this vault.");
    expect(screen.getByTestId("unlock-pass")).toHaveValue("");
    expect(state.calls).toContain("vault_unlock");
    expect(screen.queryByTestId("app-shell")).not.toBeInTheDocument();
  });

  it("opens the shell with the right passphrase", async () => {
    backend({}, (p) => (p === "maple river lantern 47" ? INFO : (undefined as unknown as VaultInfo)));
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("btn-open-vault"));
    expect(screen.getByTestId("unlock-path")).toHaveValue("");
    await user.type(screen.getByTestId("unlock-path"), INFO.path);
    await user.type(screen.getByTestId("unlock-pass"), "maple river lantern 47");
    await user.click(screen.getByTestId("unlock-submit"));
    expect(await screen.findByTestId("app-shell")).toBeInTheDocument();
    expect(screen.getByTestId("vault-name")).toHaveTextContent(INFO.name);
  });
});

describe("shell and lock", () => {
  it("starts in the shell when a vault is already open, and Ctrl+L locks and clears everything", async () => {
    const state = backend({ status: INFO });
    const user = userEvent.setup();
    render(App);

    await screen.findByTestId("app-shell");
    for (const id of ["today", "workers", "wallchart", "map", "incidents", "plan", "export"]) {
      expect(screen.getByTestId(`nav-${id}`)).toBeInTheDocument();
    }
    expect(screen.getByTestId("section-today")).toBeInTheDocument();
    expect(screen.getByTestId("btn-lock")).toHaveTextContent("CtrlL");

    await user.click(screen.getByTestId("nav-workers"));
    // A vault without a campaign: the Workers section teaches how to start.
    expect(await screen.findByTestId("campaign-setup")).toBeInTheDocument();
    expect(screen.getByTestId("section-workers")).toHaveTextContent("Import the list");
    await fireEvent.keyDown(window, { key: "4", code: "Digit4", altKey: true });
    expect(screen.getByTestId("section-incidents")).toBeInTheDocument();

    await fireEvent.keyDown(window, { key: "l", code: "KeyL", ctrlKey: true });
    expect(await screen.findByTestId("start-screen")).toBeInTheDocument();
    expect(screen.queryByTestId("app-shell")).not.toBeInTheDocument();
    expect(screen.queryByText(INFO.vaultId)).not.toBeInTheDocument();
    await waitFor(() => expect(state.calls).toContain("vault_lock"));
  });

  it("the lock button drops the vault page and a later unlock starts fresh", async () => {
    const state = backend({ status: INFO }, () => INFO);
    const user = userEvent.setup();
    render(App);

    await user.click(await screen.findByTestId("nav-vault"));
    expect(screen.getByTestId("vault-path")).toHaveTextContent(INFO.path);
    expect(screen.getByTestId("vault-kdf")).toHaveTextContent("217");
    await user.click(screen.getByTestId("btn-lock"));

    await screen.findByTestId("start-screen");
    expect(state.calls.filter((c) => c === "vault_lock")).toHaveLength(1);
    expect(screen.queryByTestId("vault-path")).not.toBeInTheDocument();

    await user.click(await screen.findByTestId("recent-item").then((li) => within(li).getAllByRole("button")[0]!));
    expect(screen.getByTestId("unlock-pass")).toHaveValue("");
    await user.type(screen.getByTestId("unlock-pass"), "anything goes here");
    await user.click(screen.getByTestId("unlock-submit"));
    await screen.findByTestId("app-shell");
    expect(screen.getByTestId("section-today")).toBeInTheDocument(); // back on the first section
  });

  it("ignores Ctrl+L when nothing is unlocked", async () => {
    const state = backend();
    render(App);
    await screen.findByTestId("start-screen");
    await fireEvent.keyDown(window, { key: "l", code: "KeyL", ctrlKey: true });
    expect(state.calls).not.toContain("vault_lock");
  });
});

describe("create → recovery key → shell", () => {
  it("shows the key once and only continues after it is saved", async () => {
    backend();
    const user = userEvent.setup();
    render(App, { strengthDelay: 5 });
    await user.click(await screen.findByTestId("btn-new-vault"));
    await user.type(screen.getByTestId("create-name"), "Riverside DC campaign");
    await user.type(screen.getByTestId("create-pass"), "maple river lantern 47");
    await user.type(screen.getByTestId("create-pass2"), "maple river lantern 47");
    await waitFor(() => expect(screen.getByTestId("create-submit")).toBeEnabled());
    await user.click(screen.getByTestId("create-submit"));

    expect(await screen.findByTestId("recovery-key")).toHaveTextContent("FBK1-ABCD-EFGH-IJKL");
    expect(screen.getByTestId("recovery-continue")).toBeDisabled();
    await user.click(screen.getByTestId("recovery-saved"));
    expect(screen.getByTestId("recovery-continue")).toBeEnabled();
    await user.click(screen.getByTestId("recovery-continue"));

    await screen.findByTestId("app-shell");
    expect(screen.queryByText("FBK1-ABCD-EFGH-IJKL")).not.toBeInTheDocument();
  });
});

describe("start screen", () => {
  it("forgets an entry and clears the list after confirmation", async () => {
    const state = backend({
      recent: [...RECENT, { path: "/home/me/other", name: "Other campaign", exists: true }],
    });
    const user = userEvent.setup();
    render(App);
    await waitFor(() => expect(screen.getAllByTestId("recent-item")).toHaveLength(2));
    await user.click(screen.getByRole("button", { name: /Forget Other campaign/ }));
    await waitFor(() => expect(screen.getAllByTestId("recent-item")).toHaveLength(1));
    expect(state.calls).toContain("recent_forget");

    await user.click(screen.getByTestId("recent-clear"));
    await user.click(await screen.findByTestId("recent-clear-confirm"));
    await screen.findByTestId("recent-empty");
    expect(state.calls).toContain("recent_clear");
  });

  it("switches the language to Spanish", async () => {
    backend();
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("start-screen");
    await user.click(screen.getByTestId("lang-es"));
    expect(screen.getByTestId("btn-new-vault")).toHaveTextContent("Bóveda nueva");
    await user.click(screen.getByTestId("lang-en"));
    expect(screen.getByTestId("btn-new-vault")).toHaveTextContent("New vault");
  });
});

describe("theme", () => {
  it("toggles a data-theme override in memory", async () => {
    backend();
    const user = userEvent.setup();
    render(App);
    const toggle = await screen.findByTestId("theme-toggle");
    expect(toggle).toHaveAttribute("aria-pressed", "false");
    await user.click(toggle);
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(toggle).toHaveAttribute("aria-pressed", "true");
    await user.click(toggle);
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});
