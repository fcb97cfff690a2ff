ALTER TABLE "characters" DROP COLUMN "voice_error";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "progress";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "current_step";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "error_message";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "upscale_error";--> statement-breakpoint
ALTER TABLE "video_jobs" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "video_jobs" DROP COLUMN "progress";--> statement-breakpoint
ALTER TABLE "video_jobs" DROP COLUMN "error_message";