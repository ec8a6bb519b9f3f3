import type { ReactNode } from "react";
import { Form } from "react-router";
import { CsrfInput } from "./csrf";

/**
 * A form of hidden fields and a button (open this, remove that): nothing for anyone to type, so
 * nothing for the browser to check first. It posts as a ValidatedForm does (a full page load, the
 * same markup) without setting up the form library, which a list would otherwise do once a row; the
 * action checks the fields with its schema as always.
 */
export function PostForm({ hidden, children }: { hidden: Record<string, string>; children: ReactNode }) {
  return (
    <Form method="post" noValidate reloadDocument>
      <CsrfInput />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  );
}
