import fs from "node:fs/promises";

/**
 * A memo for what is costly to derive from a local file (a probe, a decode, a drawing) and changes
 * only when the file does: keyed by the file's path, size and mtime plus `extra` (JSON), it keeps
 * the `max` latest answers. Concurrent asks share one derivation; a failed one is forgotten.
 */
export function fileMemo<V>(max: number) {
  const memo = new Map<string, Promise<V>>();
  return async (file: string, extra: unknown, derive: () => Promise<V>): Promise<V> => {
    const st = await fs.stat(file);
    const key = JSON.stringify([file, st.size, st.mtimeMs, extra]);
    let known = memo.get(key);
    if (!known) {
      known = derive();
      known.catch(() => memo.delete(key));
      if (memo.size >= max) memo.delete(memo.keys().next().value!);
      memo.set(key, known);
    }
    return known;
  };
}
