ALTER TABLE "characters" ADD COLUMN "voice_status" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "characters" ADD COLUMN "voice_provider" text;--> statement-breakpoint
ALTER TABLE "characters" ADD COLUMN "voice_sample_media_id" uuid;--> statement-breakpoint
ALTER TABLE "characters" ADD COLUMN "voice_error" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "run_kind" text DEFAULT 'generate' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "regenerate_scene_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "upscale_status" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "upscaled_video_media_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "upscale_error" text;--> statement-breakpoint
ALTER TABLE "scenes" ADD COLUMN "previous_media" jsonb;--> statement-breakpoint
ALTER TABLE "characters" ADD CONSTRAINT "characters_voice_sample_media_id_media_id_fk" FOREIGN KEY ("voice_sample_media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_upscaled_video_media_id_media_id_fk" FOREIGN KEY ("upscaled_video_media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;