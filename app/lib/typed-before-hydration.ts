/**
 * Words typed into a text area before the page's script took over (a slow phone, a quick typist).
 * React's hydration puts a text area's served text back over them (an input's it leaves alone), so they
 * are noted just before hydrating and put back once the page has hydrated, with an input event so the
 * page's own listeners (the autosave) hear them as typed.
 */
let typed: [HTMLTextAreaElement, string][] = [];

export function noteTypedBeforeHydration(): void {
  typed = Array.from(document.querySelectorAll("textarea"))
    .filter((area) => area.value !== area.defaultValue)
    .map((area) => [area, area.value]);
}

export function restoreTypedBeforeHydration(): void {
  for (const [area, value] of typed) {
    if (!area.isConnected || area.value === value) continue;
    area.value = value;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  typed = [];
}
