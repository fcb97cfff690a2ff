/** The `detail` of an API error body (an AppError message), when it has one. */
export function errorDetail(body: unknown): string | undefined {
  return body && typeof body === "object" && "detail" in body && typeof body.detail === "string" ? body.detail : undefined;
}

/** GETs what a polling hook reads; a failed response throws with the API's detail, else "Could not load the <what>". */
export async function fetchJson<T>(url: string, what: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(errorDetail(await res.json().catch(() => null)) ?? `Could not load the ${what} (${res.status})`);
  return (await res.json()) as T;
}
