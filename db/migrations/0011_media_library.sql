ALTER TABLE "media" ADD COLUMN "in_library" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "thumbnail_media_id" uuid;--> statement-breakpoint
CREATE INDEX "media_library_idx" ON "media" USING btree ("workspace_id","in_library","created_at");