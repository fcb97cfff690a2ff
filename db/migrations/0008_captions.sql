CREATE TABLE "captions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"source_media_id" uuid,
	"source_url" text,
	"generated_video_id" uuid,
	"method" text,
	"segments" jsonb,
	"burned_media_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generated_videos" ADD COLUMN "narration" jsonb;--> statement-breakpoint
ALTER TABLE "captions" ADD CONSTRAINT "captions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captions" ADD CONSTRAINT "captions_source_media_id_media_id_fk" FOREIGN KEY ("source_media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captions" ADD CONSTRAINT "captions_generated_video_id_generated_videos_id_fk" FOREIGN KEY ("generated_video_id") REFERENCES "public"."generated_videos"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captions" ADD CONSTRAINT "captions_burned_media_id_media_id_fk" FOREIGN KEY ("burned_media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "captions_ws_idx" ON "captions" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "captions_video_idx" ON "captions" USING btree ("generated_video_id");