/** A text field of a form, or "" when it is missing or a file (which String() would turn into "[object File]"). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
