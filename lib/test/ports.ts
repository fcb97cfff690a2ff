import { createHash } from "node:crypto";
import path from "node:path";

/**
 * Test ports derived from the checkout's path, so two checkouts on one machine (a developer's
 * tree and a CI clone, say) never share a test database or server.
 */
export function testPort(base: number, root = path.resolve(import.meta.dirname, "../..")): number {
  const offset = createHash("sha256").update(root).digest().readUInt16BE(0) % 400;
  return base + offset * 2;
}
