/**
 * What was typed or chosen before the page's script took over (a slow phone, a quick typist). No
 * listener of the page's heard it, and React's hydration puts a text area's served text back over what
 * was typed in it (an input's it leaves alone). So the fields that differ from what was served are
 * noted just before hydrating, and so is every field typed in while React hydrates (hydration takes a
 * while and can still put served text back); once the page has hydrated each text area gets its words
 * back and every such field announces itself with an input event, so the page's listeners (the autosave)
 * hear it as typed.
 */
const typed = new Map<Element, string | null>();

const FIELDS = "input, textarea, select";

/** A field's words to put back after hydration (text areas only: React leaves the others alone). */
const wordsOf = (field: Element) => (field instanceof HTMLTextAreaElement ? field.value : null);

/** Whether a field differs from what the page was served with. */
function changedSinceServed(field: Element): boolean {
  if (field instanceof HTMLTextAreaElement) return field.value !== field.defaultValue;
  if (field instanceof HTMLSelectElement)
    return Array.from(field.options).some((option) => option.selected !== option.defaultSelected);
  if (!(field instanceof HTMLInputElement) || field.type === "hidden") return false;
  if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
  return field.value !== field.defaultValue;
}

/** Typing while React hydrates: hydration may still put a text area's served text back over it. */
function noteTyping(event: Event): void {
  const field = event.target;
  if (field instanceof Element && field.matches(FIELDS)) typed.set(field, wordsOf(field));
}

export function noteTypedBeforeHydration(): void {
  for (const field of Array.from(document.querySelectorAll(FIELDS)))
    if (changedSinceServed(field)) typed.set(field, wordsOf(field));
  document.addEventListener("input", noteTyping, true);
  document.addEventListener("change", noteTyping, true);
}

export function restoreTypedBeforeHydration(): void {
  document.removeEventListener("input", noteTyping, true);
  document.removeEventListener("change", noteTyping, true);
  for (const [field, words] of typed) {
    if (!field.isConnected) continue;
    if (field instanceof HTMLTextAreaElement && words !== null) field.value = words;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  typed.clear();
}
