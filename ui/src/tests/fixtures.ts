import type { PassphraseStrength, VaultInfo } from "../lib/bindings";

export const INFO: VaultInfo = {
  path: "/home/me/Documents/Fieldbook/Riverside DC campaign",
  name: "Riverside DC campaign",
  vaultId: "3f0c2a8e-0000-4000-8000-000000000001",
  schemaVersion: 1,
  cipherVersion: "4.6.1 community",
  kdfWorkFactor: 17,
  hasRecoveryKey: true,
  createdAt: "2025-10-14T08:42:00Z",
  dbBytes: 98304,
};

/** A stand-in for the Rust strength check: long enough and with a space counts as strong. */
export function fakeStrength(passphrase: string): PassphraseStrength {
  const strong = passphrase.length >= 12 && passphrase.includes(" ");
  return {
    score: strong ? 4 : 1,
    guessesLog10: strong ? 14 : 4,
    warning: strong ? null : "This is a very common password.",
    suggestions: strong ? [] : ["Add another word or two. Uncommon words are better."],
    acceptable: strong,
  };
}
