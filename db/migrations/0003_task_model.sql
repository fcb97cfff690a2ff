ALTER TABLE "tasks" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "video_jobs" ADD COLUMN "credits_reserved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "tasks_subject_created_idx" ON "tasks" USING btree ("subject","created_at");--> statement-breakpoint
-- Progress and errors move from the domain rows into their tasks (0004 drops the old columns).
UPDATE "tasks" SET "status" = 'succeeded', "finished_at" = "updated_at" WHERE "status" = 'completed';--> statement-breakpoint
UPDATE "tasks" SET "finished_at" = "updated_at" WHERE "status" = 'failed';--> statement-breakpoint
INSERT INTO "tasks" ("workspace_id", "kind", "subject", "status", "progress", "step", "error", "created_at", "updated_at", "finished_at")
SELECT "workspace_id", 'timeline-render', 'video-job:' || "id",
  CASE "status" WHEN 'in_queue' THEN 'queued' WHEN 'rendering' THEN 'running' WHEN 'finished' THEN 'succeeded' ELSE 'failed' END,
  "progress", "status", "error_message", "created_at", "updated_at", "finished_at"
FROM "video_jobs";--> statement-breakpoint
UPDATE "tasks" t SET "error" = p."error_message"
FROM "projects" p
WHERE t."subject" = 'project:' || p."id" AND t."error" IS NULL AND p."error_message" IS NOT NULL
  AND t."id" = (SELECT "id" FROM "tasks" WHERE "subject" = t."subject" ORDER BY "created_at" DESC LIMIT 1);--> statement-breakpoint
UPDATE "tasks" t SET "error" = p."upscale_error"
FROM "projects" p
WHERE t."subject" = 'project:' || p."id" || ':upscale' AND t."error" IS NULL AND p."upscale_error" IS NOT NULL;--> statement-breakpoint
INSERT INTO "tasks" ("workspace_id", "kind", "subject", "status", "progress", "error", "created_at", "updated_at")
SELECT "workspace_id", 'voice-clone', 'character:' || "id" || ':voice',
  CASE "voice_status" WHEN 'processing' THEN 'queued' WHEN 'ready' THEN 'succeeded' ELSE 'failed' END,
  CASE "voice_status" WHEN 'ready' THEN 100 ELSE 0 END, "voice_error", "updated_at", "updated_at"
FROM "characters" WHERE "voice_status" <> 'none';
