CREATE TABLE "credit_allowances" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"credits" integer NOT NULL,
	"mode" text DEFAULT 'add' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"capability" text NOT NULL,
	"provider_id" text NOT NULL,
	"model" text,
	"base_url" text,
	"sealed_key" text,
	"key_last4" text,
	"fallback_to_offline" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD COLUMN "actor_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "recaption_scene_ids" jsonb;--> statement-breakpoint
ALTER TABLE "scenes" ADD COLUMN "provider_note" text;--> statement-breakpoint
ALTER TABLE "scenes" ADD COLUMN "caption_edits" jsonb;--> statement-breakpoint
ALTER TABLE "credit_allowances" ADD CONSTRAINT "credit_allowances_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_providers" ADD CONSTRAINT "workspace_providers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_providers_capability_idx" ON "workspace_providers" USING btree ("workspace_id","capability");--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;