// Opening the import wizard from anywhere in the unlocked shell (the workers screen's "Import the
// list" step, Ctrl/Cmd+I). The Shell mounts <ImportWizard> once and shows it while `open` is set.
export const importWizard = $state<{ open: boolean; campaignId: number | null; key: number }>({
  open: false,
  campaignId: null,
  key: 0,
});

/** Open a fresh wizard for a campaign. */
export function openImport(campaignId: number): void {
  importWizard.campaignId = campaignId;
  importWizard.key += 1;
  importWizard.open = true;
}

export function closeImport(): void {
  importWizard.open = false;
}
