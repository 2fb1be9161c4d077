CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instance_settings" ALTER COLUMN "sign_up_policy" SET DEFAULT 'invite';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "storage_quota_bytes" bigint;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "default_storage_quota_bytes" bigint DEFAULT 2147483648;