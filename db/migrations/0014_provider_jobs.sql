CREATE TABLE "provider_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"vendor" text NOT NULL,
	"model" text NOT NULL,
	"request_hash" text NOT NULL,
	"vendor_job_id" text,
	"status" text DEFAULT 'submitting' NOT NULL,
	"result" jsonb,
	"error" text,
	"submits" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(12, 6),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "provider_jobs" ADD CONSTRAINT "provider_jobs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "provider_jobs_request_idx" ON "provider_jobs" USING btree ("subject","request_hash");--> statement-breakpoint
CREATE INDEX "provider_jobs_ws_idx" ON "provider_jobs" USING btree ("workspace_id","created_at");