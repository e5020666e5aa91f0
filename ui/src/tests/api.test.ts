import { afterEach, describe, expect, it } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ErrorCode } from "../lib/bindings";
import * as api from "../lib/api";
import { en } from "../lib/i18n/en";
import { es } from "../lib/i18n/es";
import { setLang } from "../lib/i18n/index.svelte";
import { INFO } from "./fixtures";

describe("errors", () => {
  afterEach(() => setLang("en"));

  it("recognises AppError values only", () => {
    expect(api.isAppError({ code: "wrong_passphrase", message: "x" })).toBe(true);
    expect(api.isAppError({ code: "nope", message: "x" })).toBe(false);
    expect(api.isAppError({ code: "io" })).toBe(false);
    expect(api.isAppError("wrong_passphrase")).toBe(false);
    expect(api.isAppError(null)).toBe(false);
    expect(api.isAppError(new Error("boom"))).toBe(false);
  });

  it("maps every code to its own translated message, ignoring the message text", () => {
    for (const code of api.ERROR_CODES) {
      const err = { code, message: "That passphrase does not open this vault." };
      setLang("en");
      expect(api.errorMessage(err)).toBe(en[`error.${code}`]);
      setLang("es");
      expect(api.errorMessage(err)).toBe(es[`error.${code}`]);
    }
  });

  it("says the right thing for a wrong passphrase", () => {
    const err = { code: "wrong_passphrase" as ErrorCode, message: "decrypt failed" };
    expect(api.errorMessage(err)).toBe("That passphrase does not open this vault.");
    setLang("es");
    expect(api.errorMessage(err)).toBe("Esa frase de contraseña no abre esta bóveda.");
  });

  it("falls back to a generic message for anything else", () => {
    expect(api.errorMessage(new Error("boom"))).toBe(en["error.unknown"]);
    expect(api.errorMessage({ code: "database_corrupt_typo", message: "x" })).toBe(en["error.unknown"]);
    expect(api.errorCode({ code: "locked", message: "x" })).toBe("locked");
    expect(api.errorCode("x")).toBeNull();
  });
});

describe("command wrappers", () => {
  it("call the documented commands with camelCase arguments", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      switch (cmd) {
        case "vault_create":
          return { info: INFO, recoveryKey: null };
        case "vault_unlock":
        case "vault_rotate_key":
          return INFO;
        case "vault_status":
          return null;
        case "vault_verify":
          return { ok: true, cipherIntegrity: [], integrity: ["ok"] };
        case "passphrase_strength":
          return { score: 0, guessesLog10: 1, warning: null, suggestions: [], acceptable: false };
        case "recent_list":
          return [];
        case "default_vault_folder":
          return "/home/me/Documents/Fieldbook";
        default:
          return null;
      }
    });
    const req = { folder: "/f", name: "N", passphrase: "p", withRecoveryKey: true };
    await api.vaultCreate(req);
    await api.vaultUnlock("/v", "secret");
    await api.vaultLock();
    await api.vaultStatus();
    await api.vaultVerify();
    await api.vaultChangePassphrase("old", "new");
    await api.vaultRotateKey("pp");
    await api.passphraseStrength("abc");
    await api.recentList();
    await api.recentForget("/v");
    await api.recentClear();
    expect(await api.defaultVaultFolder()).toBe("/home/me/Documents/Fieldbook");

    const byCmd = new Map(calls.map(([c, a]) => [c, a]));
    expect(byCmd.get("vault_create")).toEqual({ req });
    expect(byCmd.get("vault_unlock")).toEqual({ path: "/v", passphrase: "secret" });
    expect(byCmd.get("vault_change_passphrase")).toEqual({ current: "old", next: "new" });
    expect(byCmd.get("vault_rotate_key")).toEqual({ passphrase: "pp" });
    expect(byCmd.get("passphrase_strength")).toEqual({ passphrase: "abc" });
    expect(byCmd.get("recent_forget")).toEqual({ path: "/v" });
    expect(calls.map(([c]) => c)).toEqual([
      "vault_create", "vault_unlock", "vault_lock", "vault_status", "vault_verify", "vault_change_passphrase",
      "vault_rotate_key", "passphrase_strength", "recent_list", "recent_forget", "recent_clear", "default_vault_folder",
    ]);
  });

  it("rejects with the AppError the command sent", async () => {
    mockIPC(() => {
      throw { code: "vault_in_use", message: "locked by pid 42" };
    });
    await expect(api.vaultUnlock("/v", "x")).rejects.toEqual({ code: "vault_in_use", message: "locked by pid 42" });
  });
});
