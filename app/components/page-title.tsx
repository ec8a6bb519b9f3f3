import { useTranslation } from "~/lib/use-translation";

/** The document title: "Page – Service". React hoists it into <head>. */
export function PageTitle({ children, error }: { children: string; error?: boolean }) {
  const { t } = useTranslation("common");
  const prefix = error ? `${t("errors.titlePrefix")} ` : "";
  return <title>{`${prefix}${children} – ${t("service.name")}`}</title>;
}
