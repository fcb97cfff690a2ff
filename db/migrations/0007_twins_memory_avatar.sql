CREATE TABLE "character_memories" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"character_id" integer NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "characters" ADD COLUMN "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "characters" ADD COLUMN "voice_id" text;--> statement-breakpoint
ALTER TABLE "characters" ADD COLUMN "platform_defaults" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "characters" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "video_jobs" ADD COLUMN "kind" text DEFAULT 'timeline' NOT NULL;--> statement-breakpoint
ALTER TABLE "character_memories" ADD CONSTRAINT "character_memories_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "character_memories" ADD CONSTRAINT "character_memories_character_id_characters_id_fk" FOREIGN KEY ("character_id") REFERENCES "public"."characters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "character_memories_character_idx" ON "character_memories" USING btree ("character_id","created_at");--> statement-breakpoint
ALTER TABLE "characters" ADD CONSTRAINT "characters_public_id_unique" UNIQUE("public_id");