import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type { VaultInfo } from "../lib/bindings";
import { fakeStrength, INFO } from "./fixtures";

const STRONG = "maple river lantern 47";
const DEMO_INFO: VaultInfo = { ...INFO, name: "Demo campaign", path: "/home/me/Documents/Fieldbook/Demo campaign" };

function backend() {
  const calls: { cmd: string; args: unknown }[] = [];
  let status: VaultInfo | null = null;
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "vault_status":
        return status;
      case "recent_list":
        return [];
      case "default_vault_folder":
        return "/home/me/Documents/Fieldbook";
      case "passphrase_strength":
        return fakeStrength(String((args as { passphrase: string }).passphrase));
      case "vault_create_demo":
        status = DEMO_INFO;
        return { info: DEMO_INFO, recoveryKey: "FBK1-DEMO-DEMO-DEMO" };
      case "vault_create":
        throw { code: "internal", message: "the demo must not call vault_create" };
      default:
        return null;
    }
  });
  return calls;
}

describe("try a demo vault", () => {
  it("opens the create form in demo mode and creates the vault with vault_create_demo", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(App, { strengthDelay: 5 });

    const demo = await screen.findByTestId("btn-demo-vault");
    expect(demo).toHaveTextContent("Try a demo vault — 400 synthetic coworkers, nothing real");
    await user.click(demo);

    expect(screen.getByTestId("create-screen")).toHaveAttribute("data-mode", "demo");
    expect(screen.getByRole("heading", { name: "Create a demo vault" })).toBeInTheDocument();
    expect(screen.getByTestId("create-demo-note")).toHaveTextContent("synthetic");
    expect(screen.getByTestId("create-name")).toHaveValue("Demo campaign");
    await waitFor(() => expect(screen.getByTestId("create-folder")).toHaveValue("/home/me/Documents/Fieldbook"));

    // Same passphrase rules as any vault: a weak one keeps the button disabled.
    const submit = screen.getByTestId("create-submit");
    await user.type(screen.getByTestId("create-pass"), "password");
    await user.type(screen.getByTestId("create-pass2"), "password");
    await waitFor(() => expect(screen.getByTestId("strength-label")).toHaveTextContent("Weak"));
    expect(submit).toBeDisabled();
    await user.clear(screen.getByTestId("create-pass"));
    await user.clear(screen.getByTestId("create-pass2"));
    await user.type(screen.getByTestId("create-pass"), STRONG);
    await user.type(screen.getByTestId("create-pass2"), STRONG);
    await waitFor(() => expect(submit).toBeEnabled());
    expect(submit).toHaveTextContent("Create demo vault");
    await user.click(submit);

    // Then the normal flow: the recovery key once, then the shell.
    expect(await screen.findByTestId("recovery-key")).toHaveTextContent("FBK1-DEMO-DEMO-DEMO");
    await user.click(screen.getByTestId("recovery-saved"));
    await user.click(screen.getByTestId("recovery-continue"));
    await screen.findByTestId("app-shell");

    const created = calls.filter((c) => c.cmd === "vault_create_demo");
    expect(created).toHaveLength(1);
    expect(created[0]?.args).toEqual({
      req: {
        folder: "/home/me/Documents/Fieldbook",
        name: "Demo campaign",
        passphrase: STRONG,
        withRecoveryKey: true,
      },
    });
    expect(calls.some((c) => c.cmd === "vault_create")).toBe(false);
  });

  it("goes back to the start screen, and 'New vault' still opens an empty, ordinary form", async () => {
    backend();
    const user = userEvent.setup();
    render(App, { strengthDelay: 5 });

    await user.click(await screen.findByTestId("btn-demo-vault"));
    expect(screen.getByTestId("create-name")).toHaveValue("Demo campaign");
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    await user.click(await screen.findByTestId("btn-new-vault"));
    expect(screen.getByTestId("create-screen")).toHaveAttribute("data-mode", "new");
    expect(screen.getByTestId("create-name")).toHaveValue("");
    expect(screen.queryByTestId("create-demo-note")).not.toBeInTheDocument();
    expect(screen.getByTestId("create-submit")).toHaveTextContent("Create vault");
  });
});
