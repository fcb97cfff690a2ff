import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { ffmpegVersion } from "@/lib/media/ffmpeg";

export const dynamic = "force-dynamic";

/** 200 when the database, a live job worker and ffmpeg are all there; 503 naming what is not. */
export async function GET() {
  const checks: Record<string, { ok: boolean; detail?: string }> = {};
  try {
    const db = getDb();
    const res = await db.execute<{ version: string }>(sql`select version()`);
    checks.database = { ok: true, detail: res.rows[0]?.version.split(" on ")[0] };
    const w = await db.execute<{ n: number }>(sql`select count(*)::int as n from workers where heartbeat_at > now() - interval '20 seconds'`);
    const n = w.rows[0]?.n ?? 0;
    checks.worker = n > 0 ? { ok: true, detail: `${n} live` } : { ok: false, detail: "no live job worker" };
  } catch (e) {
    checks.database = { ok: false, detail: e instanceof Error ? e.message.split("\n")[0] : "unreachable" };
    checks.worker = { ok: false, detail: "unknown (database unreachable)" };
  }
  try {
    checks.ffmpeg = { ok: true, detail: await ffmpegVersion() };
  } catch {
    checks.ffmpeg = { ok: false, detail: "ffmpeg not found" };
  }
  const ok = Object.values(checks).every((c) => c.ok);
  const failing = Object.entries(checks)
    .filter(([, c]) => !c.ok)
    .map(([k]) => k);
  return Response.json({ status: ok ? "ok" : "unavailable", failing, checks }, { status: ok ? 200 : 503 });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
