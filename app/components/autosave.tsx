import { useCallback, useEffect, useRef, useState } from "react";
import { ScrollRegion } from "~/components/scroll-region";
import { useTranslation } from "~/lib/use-translation";
import { Form, useFetcher } from "react-router";
import { CsrfInput } from "./csrf";
import type { FormValues } from "~/lib/form-messages";

/** What an action answers an autosave with. */
export type AutosaveAnswer =
  { autosave: "saved"; version: number } | { autosave: "invalid" } | { autosave: "conflict" } | { autosave: "notNow" };

type Status = "idle" | "saving" | "saved" | "notSaved" | "conflict" | "notNow";

const DEBOUNCE_MS = 1500;

/**
 * Never lose work: with JavaScript on, a section form saves itself as the person types (debounced),
 * and at once when the page is about to sign out for being idle ("portal:save-now"). It posts the
 * whole form to the same action with intent "autosave" and the version it last saved, so a save by
 * someone else in between is never overwritten: the person is told to press Save and compare.
 * Without JavaScript none of this runs and the Save button does the same job.
 */
export function useAutosave(formId: string, loadedVersion: number) {
  const fetcher = useFetcher<AutosaveAnswer>();
  const [version, setVersion] = useState(loadedVersion);
  const [status, setStatus] = useState<Status>("idle");
  const versionRef = useRef(loadedVersion);
  const timer = useRef<number | undefined>(undefined);
  const dirty = useRef(false);
  const stopped = useRef(false);
  const submitRef = useRef(fetcher.submit);
  useEffect(() => {
    submitRef.current = fetcher.submit;
  });

  const saveNow = useCallback(() => {
    window.clearTimeout(timer.current);
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement) || !dirty.current || stopped.current) return;
    dirty.current = false;
    const formData = new FormData(form);
    formData.set("intent", "autosave");
    formData.set("version", String(versionRef.current));
    setStatus("saving");
    void submitRef.current(formData, { method: "post" });
  }, [formId]);

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!form) return;
    const onInput = () => {
      dirty.current = true;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(saveNow, DEBOUNCE_MS);
    };
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    window.addEventListener("portal:save-now", saveNow);
    return () => {
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
      window.removeEventListener("portal:save-now", saveNow);
      window.clearTimeout(timer.current);
    };
  }, [formId, saveNow]);

  // What the last autosave answered, taken in once when it arrives (React's "adjust state while
  // rendering": no effect needed, so no second render).
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const [answerSeen, setAnswerSeen] = useState<AutosaveAnswer | undefined>(undefined);
  if (answer && answer !== answerSeen) {
    setAnswerSeen(answer);
    if (answer.autosave === "saved") {
      setVersion(answer.version);
      setStatus("saved");
    } else {
      setStatus(answer.autosave === "conflict" || answer.autosave === "notNow" ? answer.autosave : "notSaved");
    }
  }
  useEffect(() => {
    versionRef.current = version;
    if (status === "conflict" || status === "notNow") stopped.current = true;
  }, [version, status]);

  return { version, status };
}

/** The aria-live line that says whether the draft is saved. */
export function SaveStatus({ status }: { status: Status }) {
  const { t } = useTranslation("journey-ui");
  const text = status === "idle" ? "" : t(`autosave.${status}`);
  return (
    <p className="saved-status" role="status" aria-live="polite" data-testid="save-status">
      {text}
    </p>
  );
}

/** Tells the router not to reload the page's data after an autosave (the person is still typing). */
export function skipRevalidationOnAutosave({
  formData,
  defaultShouldRevalidate,
}: {
  formData?: FormData;
  defaultShouldRevalidate: boolean;
}) {
  return formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;
}

export interface ConflictData {
  theirs: FormValues;
  theirVersion: number;
  savedBy: string;
  savedAt: string;
}

/**
 * Two people saved the same part: both versions side by side, nothing lost. "Keep mine" sends what
 * was typed again against the version now saved; "keep theirs" leaves the saved one (the other text
 * stays in the plan's history as not applied).
 */
export function ConflictView({
  conflict,
  yours,
  fields,
}: {
  conflict: ConflictData;
  yours: FormValues;
  fields: { name: string; label: string }[];
}) {
  const { t } = useTranslation("journey-ui");
  const text = (values: FormValues, name: string) => {
    const value = values[name];
    return Array.isArray(value) ? value.join(", ") : (value ?? "");
  };
  const repost = Object.entries(yours).filter(([name]) => name !== "intent" && name !== "version");
  return (
    <section aria-labelledby="conflict-title" className="notice">
      <h2 id="conflict-title">{t("conflict.title")}</h2>
      <p>{t("conflict.intro", { name: conflict.savedBy })}</p>
      <ScrollRegion label={t("conflict.caption")}>
        <table className="compare">
          <caption className="visually-hidden">{t("conflict.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflict.part")}</th>
              <th scope="col">{t("conflict.theirs", { name: conflict.savedBy, when: conflict.savedAt })}</th>
              <th scope="col">{t("conflict.yours")}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field.name}>
                <th scope="row">{field.label}</th>
                <td className="pre-wrap">{text(conflict.theirs, field.name)}</td>
                <td className="pre-wrap">{text(yours, field.name)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <div className="button-group">
        <Form method="post" reloadDocument>
          <CsrfInput />
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="version" value={String(conflict.theirVersion)} />
          {repost.flatMap(([name, value]) =>
            (Array.isArray(value) ? value : [value]).map((v, i) => (
              <input key={`${name}-${i}`} type="hidden" name={name} value={v} />
            )),
          )}
          <button type="submit">{t("conflict.keepMine")}</button>
        </Form>
        <Form method="post" reloadDocument>
          <CsrfInput />
          <input type="hidden" name="intent" value="keep-theirs" />
          <button type="submit" className="secondary">
            {t("conflict.keepTheirs")}
          </button>
        </Form>
      </div>
    </section>
  );
}
