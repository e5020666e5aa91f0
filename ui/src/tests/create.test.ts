import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import CreateVault from "../components/CreateVault.svelte";
import { fakeStrength, INFO } from "./fixtures";

const STRONG = "maple river lantern 47";

function setup(createResult: () => unknown = () => ({ info: INFO, recoveryKey: null })) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "default_vault_folder") return "/home/me/Documents/Fieldbook";
    if (cmd === "passphrase_strength") return fakeStrength((args as { passphrase: string }).passphrase);
    if (cmd === "vault_create") return createResult();
    return null;
  });
  const onCreated = vi.fn();
  const onCancel = vi.fn();
  render(CreateVault, { onCreated, onCancel, strengthDelay: 5 });
  return { calls, onCreated, onCancel, user: userEvent.setup() };
}

describe("create vault form", () => {
  it("prefills the folder and keeps submit disabled until the passphrases match and are strong", async () => {
    const { user } = setup();
    const submit = screen.getByTestId("create-submit");
    await waitFor(() => expect(screen.getByTestId("create-folder")).toHaveValue("/home/me/Documents/Fieldbook"));
    expect(submit).toBeDisabled();

    await user.type(screen.getByTestId("create-name"), "Riverside DC campaign");
    await user.type(screen.getByTestId("create-pass"), "password");
    await user.type(screen.getByTestId("create-pass2"), "password");
    await waitFor(() => expect(screen.getByTestId("strength-label")).toHaveTextContent("Weak"));
    expect(screen.getByTestId("strength-warning")).toHaveTextContent("This is a very common password.");
    expect(submit).toBeDisabled(); // matching but weak

    await user.clear(screen.getByTestId("create-pass"));
    await user.type(screen.getByTestId("create-pass"), STRONG);
    await waitFor(() => expect(screen.getByTestId("strength-label")).toHaveTextContent("Very strong"));
    expect(submit).toBeDisabled(); // strong but not matching

    await user.clear(screen.getByTestId("create-pass2"));
    await user.type(screen.getByTestId("create-pass2"), STRONG);
    await waitFor(() => expect(submit).toBeEnabled());
  });

  it("calls vault_create with the documented arguments", async () => {
    const { user, calls, onCreated } = setup(() => ({ info: INFO, recoveryKey: "ABCD-EFGH" }));
    await user.type(screen.getByTestId("create-name"), "  Riverside DC campaign ");
    await user.type(screen.getByTestId("create-pass"), STRONG);
    await user.type(screen.getByTestId("create-pass2"), STRONG);
    await user.click(screen.getByTestId("create-recovery")); // off
    await user.click(screen.getByTestId("create-recovery")); // back on
    await waitFor(() => expect(screen.getByTestId("create-submit")).toBeEnabled());
    await user.click(screen.getByTestId("create-submit"));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith({ info: INFO, recoveryKey: "ABCD-EFGH" }));
    const create = calls.filter((c) => c.cmd === "vault_create");
    expect(create).toHaveLength(1);
    expect(create[0]?.args).toEqual({
      req: {
        folder: "/home/me/Documents/Fieldbook",
        name: "Riverside DC campaign",
        passphrase: STRONG,
        withRecoveryKey: true,
      },
    });
  });

  it("sends withRecoveryKey false when the box is unticked, and shows errors by code", async () => {
    const { user, calls } = setup(() => {
      throw { code: "already_exists", message: "exists" };
    });
    await user.type(screen.getByTestId("create-name"), "Riverside");
    await user.type(screen.getByTestId("create-pass"), STRONG);
    await user.type(screen.getByTestId("create-pass2"), STRONG);
    await user.click(screen.getByTestId("create-recovery"));
    await waitFor(() => expect(screen.getByTestId("create-submit")).toBeEnabled());
    await user.click(screen.getByTestId("create-submit"));

    const error = await screen.findByTestId("create-error");
    expect(error).toHaveAttribute("data-code", "already_exists");
    expect(error).toHaveTextContent("A vault already exists there.");
    const req = (calls.find((c) => c.cmd === "vault_create")?.args as { req: { withRecoveryKey: boolean } }).req;
    expect(req.withRecoveryKey).toBe(false);
  });
});
