import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import yazl from "yazl";
import type { Db, DbOrTx } from "@/db/client";
import { tasks } from "@/db/schema/jobs";
import { withTransaction } from "@/db/transaction";
import { sendJob } from "@/lib/jobs/boss";
import { accountExportJob } from "@/lib/jobs/definitions";
import { storage } from "@/lib/storage/local";
import { saveMedia, signedDownloadUrl } from "@/lib/storage/media";
import { createTask, subjects, type TaskRow } from "@/lib/tasks/service";
import { accountRows, accountTables, secretColumns, type AccountScope } from "./export-tables";

/** How long an export's download link works. */
export const ACCOUNT_EXPORT_URL_TTL_SECONDS = 24 * 3600;
/** Exports are stored as zips; earlier exports are not packed into later ones. */
const EXPORT_MIME = "application/zip";

/**
 * Queues an export of the account's workspace, or returns the one already queued or running:
 * pressing the button twice makes one zip.
 */
export async function startAccountExport(scope: AccountScope, origin: string): Promise<TaskRow> {
  const exportId = randomUUID();
  return withTransaction(async ({ tx, executeSql }) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`account-export:${scope.workspaceId}`}))`);
    const [open] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.workspaceId, scope.workspaceId), eq(tasks.kind, "account-export"), inArray(tasks.status, ["queued", "running"])))
      .limit(1);
    if (open) return open;
    const task = await createTask(tx, { workspaceId: scope.workspaceId, kind: "account-export", subject: subjects.accountExport(exportId) });
    await sendJob(accountExportJob, { exportId, ...scope, origin }, { executeSql, singletonKey: exportId });
    return task;
  });
}

/** The workspace's newest export (what Settings shows on load), or null. */
export async function latestAccountExport(db: DbOrTx, workspaceId: string): Promise<TaskRow | null> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.kind, "account-export")))
    .orderBy(desc(tasks.createdAt))
    .limit(1);
  return row ?? null;
}

export interface ExportProgress {
  signal?: AbortSignal;
  /** 0..1 of the whole export, with the step in words. */
  report?: (fraction: number, step: string) => void;
}

interface MediaFile {
  id: string;
  storageKey: string;
  size: number;
}

const extOf = (storageKey: string) => storageKey.split(".").pop() ?? "bin";

function readme(tables: Record<string, number>, files: number, missing: string[]) {
  const secrets = Object.entries(secretColumns).map(([t, cols]) => `  ${t}: ${cols.join(", ")}`);
  return [
    "Cinetwin account export",
    "",
    "One JSON file per table: every row of your workspace, with Postgres's column names.",
    `media/ holds the ${files} stored file(s), named <media id>.<ext> after media.json's rows (earlier exports are not included).`,
    "",
    "Rows per table:",
    ...Object.entries(tables).map(([t, n]) => `  ${t}.json: ${n}`),
    "",
    "Left out, as secrets:",
    ...secrets,
    ...(missing.length ? ["", "Files missing from storage when the export ran:", ...missing.map((id) => `  ${id}`)] : []),
    "",
  ].join("\n");
}

/** Adds every table's rows; returns the media files to pack (they are counted, not read, here). */
async function addTables(db: DbOrTx, zip: yazl.ZipFile, scope: AccountScope, p: ExportProgress) {
  const tables: Record<string, number> = {};
  const files: MediaFile[] = [];
  const list = accountTables();
  for (const [i, t] of list.entries()) {
    p.signal?.throwIfAborted();
    const rows = await accountRows(db, t, scope);
    tables[t.name] = rows.length;
    zip.addBuffer(Buffer.from(JSON.stringify(rows, null, 2)), `${t.name}.json`);
    if (t.name === "media") {
      for (const r of rows) if (r.mime !== EXPORT_MIME) files.push({ id: String(r.id), storageKey: String(r.storage_key), size: Number(r.size_bytes) });
    }
    p.report?.((0.1 * (i + 1)) / list.length, "collecting rows");
  }
  return { tables, files };
}

/** Adds the files still in storage, each read when the zip reaches it; returns the ids of those that are gone. */
async function addFiles(zip: yazl.ZipFile, files: MediaFile[]): Promise<string[]> {
  const missing: string[] = [];
  for (const f of files) {
    if ((await storage().size(f.storageKey)) === null) {
      missing.push(f.id);
      continue;
    }
    zip.addReadStreamLazy(`media/${f.id}.${extOf(f.storageKey)}`, { compress: false }, (cb) => {
      storage()
        .read(f.storageKey)
        .then((body) =>
          cb(
            body ? null : new Error(`media ${f.id} vanished from storage during the export`),
            body ? Readable.fromWeb(body as NodeReadableStream<Uint8Array>) : Readable.from([]),
          ),
        )
        .catch((e: unknown) => cb(e as Error, Readable.from([])));
    });
  }
  return missing;
}

/**
 * Writes the zip to `file`: one JSON file per table (rows of the workspace, secrets left out), the
 * workspace's media files under media/, and a README. Progress follows the bytes written.
 */
export async function writeAccountZip(db: DbOrTx, scope: AccountScope, file: string, p: ExportProgress = {}) {
  const zip = new yazl.ZipFile();
  const { tables, files } = await addTables(db, zip, scope, p);
  const missing = await addFiles(zip, files);
  zip.addBuffer(Buffer.from(readme(tables, files.length - missing.length, missing)), "README.txt");
  zip.end();
  const total = Math.max(
    1,
    files.reduce((n, f) => n + f.size, 0),
  );
  let written = 0;
  const out = zip.outputStream as Readable;
  out.on("data", (chunk: Buffer) => {
    written += chunk.length;
    p.report?.(0.1 + 0.85 * Math.min(1, written / total), "packing files");
  });
  await pipeline(out, createWriteStream(file), { signal: p.signal });
  return { tables, files: files.length - missing.length, missing };
}

/**
 * Writes the export, stores it as the workspace's media and makes its download link. media has no
 * kind for a document: like the analytics CSV it is stored as "captions" with its own mime type.
 */
export async function saveAccountExport(db: Db, scope: AccountScope, origin: string, p: ExportProgress = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "cinetwin-export-"));
  try {
    const file = path.join(dir, "export.zip");
    const written = await writeAccountZip(db, scope, file, p);
    p.report?.(0.97, "storing the zip");
    const media = await saveMedia(db, { workspaceId: scope.workspaceId, kind: "captions", mime: EXPORT_MIME, source: { path: file } });
    return { mediaId: media.id, sizeBytes: media.sizeBytes, ...written, ...signedDownloadUrl(media.id, origin, ACCOUNT_EXPORT_URL_TTL_SECONDS) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
