/**
 * What was typed or chosen before the page's script took over (a slow phone, a quick typist). No
 * listener of the page's heard it, and React's hydration puts a text area's served text back over what
 * was typed in it (an input's it leaves alone). So the fields that differ from what was served are
 * noted just before hydrating; once the page has hydrated each text area gets its words back and every
 * such field announces itself with an input event, so the page's listeners (the autosave) hear it as typed.
 */
let typed: [Element, string | null][] = [];

/** Whether a field differs from what the page was served with. */
function changedSinceServed(field: Element): boolean {
  if (field instanceof HTMLTextAreaElement) return field.value !== field.defaultValue;
  if (field instanceof HTMLSelectElement)
    return Array.from(field.options).some((option) => option.selected !== option.defaultSelected);
  if (!(field instanceof HTMLInputElement) || field.type === "hidden") return false;
  if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
  return field.value !== field.defaultValue;
}

export function noteTypedBeforeHydration(): void {
  typed = Array.from(document.querySelectorAll("input, textarea, select"))
    .filter(changedSinceServed)
    .map((field) => [field, field instanceof HTMLTextAreaElement ? field.value : null]);
}

export function restoreTypedBeforeHydration(): void {
  for (const [field, words] of typed) {
    if (!field.isConnected) continue;
    if (field instanceof HTMLTextAreaElement && words !== null) field.value = words;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  typed = [];
}
