ALTER TABLE "projects" ADD COLUMN "music" text;--> statement-breakpoint
ALTER TABLE "scenes" ADD COLUMN "hold_ms" integer;