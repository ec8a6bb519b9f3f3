import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/lib/use-translation";
import { Form, useLocation } from "react-router";
import { useRootData } from "~/components/root-data";
import { CsrfInput } from "./csrf";

export function SignedInNav() {
  const { t } = useTranslation("account");
  const user = useRootData()?.user;
  const location = useLocation();
  if (!user) return null;
  const links = (
    <ul>
      <li>
        <a href="/home">{t("nav.home")}</a>
      </li>
      {user.ownRecord && (
        <li>
          <a href={`/people/${user.ownRecord}`}>{t("nav.myRecord")}</a>
        </li>
      )}
      {user.isLead && (
        <li>
          <a href="/queue">{t("account:nav.queue")}</a>
        </li>
      )}
      <li>
        <a href="/notifications">
          {t("account:nav.notifications")}
          {user.unread > 0 && <span className="count"> ({t("account:nav.unread", { count: user.unread })})</span>}
        </a>
      </li>
      <li>
        <a href="/account/sessions">{t("nav.sessions")}</a>
      </li>
      <li>
        <a href="/account/password">{t("nav.password")}</a>
      </li>
      <li>
        <Form method="post" action="/sign-out" reloadDocument>
          <CsrfInput />
          <button type="submit" className="link link--inverse">
            {t("common:header.signOut")}
          </button>
        </Form>
      </li>
    </ul>
  );
  return (
    <nav className="site-nav" aria-label={t("common:header.mainNav")}>
      {/* Narrow screens: the links fold into "Menu" (a <details>, so no JavaScript is needed). */}
      <details className="site-nav__menu">
        <summary>{t("common:header.menu")}</summary>
        {links}
      </details>
      <div className="site-nav__wide">{links}</div>
      {/* A new page starts the idle clock afresh. */}
      <IdleWarning key={location.key} />
    </nav>
  );
}

const WARN_BEFORE_MS = 5 * 60 * 1000;

/**
 * WCAG 2.2.1: warn before the idle sign-out and let the person stay. Before the warning, pages with
 * drafts are asked to save ("portal:save-now"), so nothing typed is lost if nobody answers.
 */
function IdleWarning() {
  const { t } = useTranslation("account");
  const root = useRootData();
  const [warning, setWarning] = useState(false);
  const lastActive = useRef(0);
  const stayButton = useRef<HTMLButtonElement>(null);
  const timeout = root?.idleTimeoutMs ?? 30 * 60 * 1000;

  // Mounted afresh on every navigation (keyed by location): the clock starts now.
  useEffect(() => {
    lastActive.current = Date.now();
  }, []);

  // The warning is a dialog: move focus to its one action when it appears.
  useEffect(() => {
    if (warning) stayButton.current?.focus();
  }, [warning]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      const idle = Date.now() - lastActive.current;
      if (idle >= timeout - 15_000) {
        window.dispatchEvent(new Event("portal:save-now"));
        window.location.assign("/signed-out?reason=idle");
      } else if (idle >= timeout - WARN_BEFORE_MS && !warning) {
        window.dispatchEvent(new Event("portal:save-now"));
        setWarning(true);
      }
    }, 15_000);
    return () => window.clearInterval(timer);
  }, [timeout, warning]);

  if (!warning) return null;
  const stay = async () => {
    await fetch("/session/keep-alive", { method: "POST", headers: { "x-csrf-token": root?.csrf ?? "" } });
    lastActive.current = Date.now();
    setWarning(false);
  };
  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="idle-title"
      aria-describedby="idle-body"
      className="notice idle-warning"
    >
      <h2 id="idle-title">{t("idle.title")}</h2>
      <p id="idle-body">{t("idle.body", { minutes: 5 })}</p>
      <button type="button" onClick={stay} ref={stayButton}>
        {t("idle.stay")}
      </button>
    </div>
  );
}
