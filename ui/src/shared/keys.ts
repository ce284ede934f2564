// Single-key shortcuts (a stream deck's 1 to 9, T, L) must not fire while
// the person types, or when Ctrl/Cmd/Alt is held (those open modules).
export function isPlainKeyOutsideFields(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target as HTMLElement | null;
  return !target?.closest("input, textarea, select, [contenteditable=true], [role=dialog], [role=alertdialog]");
}
