import fs from "node:fs/promises";
import type { Stats } from "node:fs";

/**
 * A memo for what is costly to derive from a local file (a probe, a decode, a drawing) and changes
 * only when the file does: keyed by the file's path, size and mtime plus `extra` (JSON), it keeps
 * the `max` latest answers. Concurrent asks share one derivation; a failed one is forgotten. The
 * derivation is handed the file's stats, read once for the key.
 */
export function fileMemo<V>(max: number) {
  const memo = new Map<string, Promise<V>>();
  return async (file: string, extra: unknown, derive: (st: Stats) => Promise<V>): Promise<V> => {
    const st = await fs.stat(file);
    const key = JSON.stringify([file, st.size, st.mtimeMs, extra]);
    let known = memo.get(key);
    if (!known) {
      known = derive(st);
      known.catch(() => memo.delete(key));
      if (memo.size >= max) memo.delete(memo.keys().next().value!);
      memo.set(key, known);
    }
    return known;
  };
}
