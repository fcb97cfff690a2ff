ALTER TABLE "projects" ADD COLUMN "recaption_scene_ids" jsonb;--> statement-breakpoint
ALTER TABLE "scenes" ADD COLUMN "caption_edits" jsonb;