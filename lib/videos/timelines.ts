import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { timelines } from "@/db/schema/videos";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";

export type TimelineRow = typeof timelines.$inferSelect;
export type TimelineBody = TimelineRow["body"];

/** The editor's saved timelines: created on the first edit, saved as the creator works, reopened, duplicated, renamed, deleted. */

export async function listTimelines(db: DbOrTx, workspaceId: string, limit = 200): Promise<Array<Omit<TimelineRow, "body"> & { scenes: number }>> {
  const rows = await db.select().from(timelines).where(eq(timelines.workspaceId, workspaceId)).orderBy(desc(timelines.updatedAt)).limit(limit);
  return rows.map(({ body, ...r }) => ({ ...r, scenes: Array.isArray(body.videoCreative.scenes) ? body.videoCreative.scenes.length : 0 }));
}

export async function getTimeline(db: DbOrTx, workspaceId: string, id: string): Promise<TimelineRow> {
  const [row] = isUuid(id)
    ? await db
        .select()
        .from(timelines)
        .where(and(eq(timelines.id, id), eq(timelines.workspaceId, workspaceId)))
    : [];
  if (!row) throw notFound("Timeline");
  return row;
}

/** Creates the timeline, or saves over it when `id` is given (another workspace's id is not found). */
export async function saveTimeline(db: DbOrTx, workspaceId: string, input: { id?: string; name: string; body: TimelineBody }): Promise<TimelineRow> {
  if (!input.id) {
    const [row] = await db.insert(timelines).values({ workspaceId, name: input.name, body: input.body }).returning();
    return row;
  }
  const [row] = isUuid(input.id)
    ? await db
        .update(timelines)
        .set({ name: input.name, body: input.body, updatedAt: new Date() })
        .where(and(eq(timelines.id, input.id), eq(timelines.workspaceId, workspaceId)))
        .returning()
    : [];
  if (!row) throw notFound("Timeline");
  return row;
}

export async function renameTimeline(db: DbOrTx, workspaceId: string, id: string, name: string): Promise<TimelineRow> {
  const row = await getTimeline(db, workspaceId, id);
  return saveTimeline(db, workspaceId, {
    id,
    name,
    body: { ...row.body, videoCreative: { ...row.body.videoCreative, settings: { ...(row.body.videoCreative.settings as object), name } } },
  });
}

export async function duplicateTimeline(db: DbOrTx, workspaceId: string, id: string): Promise<TimelineRow> {
  const row = await getTimeline(db, workspaceId, id);
  return saveTimeline(db, workspaceId, { name: `${row.name} (copy)`.slice(0, 120), body: row.body });
}

export async function deleteTimeline(db: DbOrTx, workspaceId: string, id: string): Promise<void> {
  await getTimeline(db, workspaceId, id);
  await db.delete(timelines).where(and(eq(timelines.id, id), eq(timelines.workspaceId, workspaceId)));
}
