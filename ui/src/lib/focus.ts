/** Svelte attachment: focus the element once it is in the document. */
export function focusOnMount(node: HTMLElement): void {
  queueMicrotask(() => node.focus());
}
