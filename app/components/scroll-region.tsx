import type { ReactNode } from "react";

/**
 * A wide table in a box that scrolls sideways on a narrow screen, so the page itself never does.
 * Focusable and named, so a keyboard user can reach it and scroll it with the arrow keys.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
