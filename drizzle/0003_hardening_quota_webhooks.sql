CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instance_settings" ALTER COLUMN "sign_up_policy" SET DEFAULT 'invite';--> statement-breakpoint
UPDATE "instance_settings" SET "sign_up_policy" = 'invite' WHERE NOT EXISTS (SELECT 1 FROM "users" WHERE "email" <> 'local@atelier.invalid');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "storage_quota_bytes" bigint;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "default_storage_quota_bytes" bigint DEFAULT 2147483648;