/** What a promise rejected with, or null when it resolved: lets a test look at an error's fields. */
export const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (e: unknown) => e,
  );
