import { Form } from "react-router";
import { CsrfInput } from "./csrf";

/** One button that removes one entry from a plan list; the entry's name is read out with it. */
export function RemoveEntryButton({ entryId, label, name }: { entryId: string; label: string; name: string }) {
  return (
    <Form method="post" reloadDocument>
      <CsrfInput />
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="entryId" value={entryId} />
      <button type="submit" className="secondary">
        {label}
        <span className="visually-hidden">: {name}</span>
      </button>
    </Form>
  );
}
