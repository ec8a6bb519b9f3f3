import type { TFunction } from "i18next";
import type { Language } from "~/domain/languages";
import { findEntry } from "~/domain/menu";
import type { MenuChange } from "~/domain/menu-versions";
import { formatDate } from "~/lib/format";
import { menuAsPublished, providersInForce } from "~/models/menu.server";

/**
 * The menu's change log as people read it, newest first: version, date, what changed (the entry or
 * provider, and which parts) and why. The same words on the public menu and the commissioners' page.
 */
export async function changeLogLines(changes: readonly MenuChange[], lang: Language, t: TFunction) {
  const menu = await menuAsPublished();
  const providers = (await providersInForce()).providers;
  return [...changes].reverse().map((c) => {
    const isProvider = c.change === "provider-added" || c.change === "provider-changed";
    const title = isProvider
      ? (providers.find((p) => p.id === c.entryId)?.name ?? c.entryId)
      : (findEntry(menu, c.entryId)?.title[lang] ?? c.entryId);
    return {
      version: c.version,
      date: formatDate(c.madeAt, lang),
      madeBy: c.madeBy,
      text: t(`menu:changes.${c.change}`, {
        version: c.version,
        date: formatDate(c.madeAt, lang),
        title,
        why: c.why,
        parts: (c.parts ?? []).map((p) => t(`menu:changes.parts.${p}`)).join(", "),
      }),
    };
  });
}

/** The languages whose translation awaits review, in words ("Urdu and Polish"), or null. */
export function awaitingReviewText(languages: readonly Language[] | undefined, t: TFunction): string | null {
  if (!languages || languages.length === 0) return null;
  return t("menu:awaitingReview", {
    languages: languages.map((l) => t(`menu:languageNames.${l}`)).join(t("menu:and")),
  });
}
