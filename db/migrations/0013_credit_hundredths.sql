-- Credits are kept in hundredths so fractional prices (0.3 credits a studio scene) are exact:
-- the existing rows are whole credits, multiplied by 100. `amount` becomes the same value in
-- credits, computed by Postgres, for whoever reads the table with SQL.
ALTER TABLE "credit_ledger" RENAME COLUMN "amount" TO "amount_hundredths";--> statement-breakpoint
ALTER TABLE "credit_ledger" ALTER COLUMN "amount_hundredths" SET DATA TYPE bigint;--> statement-breakpoint
UPDATE "credit_ledger" SET "amount_hundredths" = "amount_hundredths" * 100;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD COLUMN "amount" numeric(14, 2) GENERATED ALWAYS AS (amount_hundredths / 100.0) STORED;--> statement-breakpoint
ALTER TABLE "video_jobs" ADD COLUMN "credits_reserved_hundredths" integer;
