import { data } from "react-router";
import type { FormRefusal, FormValues } from "./form-messages";

const SECRET_FIELDS = ["password", "current", "code", "recovery"];

/** A refused form goes back with what was typed (never passwords or codes) and a 400 status. */
export function replyWithErrors<R extends FormRefusal>(refusal: R, status = 400) {
  const values: FormValues = { ...refusal.values };
  for (const field of SECRET_FIELDS) delete values[field];
  return data({ ...refusal, values }, { status });
}
