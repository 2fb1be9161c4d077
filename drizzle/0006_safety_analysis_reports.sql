CREATE TABLE "assistant_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"source" text NOT NULL,
	"model" text,
	"status" text NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"latency_ms" integer NOT NULL,
	"error_kind" text,
	"image_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "image_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"image_id" uuid NOT NULL,
	"reporter_user_id" uuid,
	"reason" text NOT NULL,
	"details" text,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generated_images" ADD COLUMN "analysis" jsonb;--> statement-breakpoint
ALTER TABLE "generated_images" ADD COLUMN "safety" jsonb;--> statement-breakpoint
ALTER TABLE "generated_images" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
-- The search column is a generated column: PostgreSQL cannot change its expression, so it is recreated (with its GIN index) after "analysis" exists.
ALTER TABLE "generated_images" drop column "prompt_search";--> statement-breakpoint
ALTER TABLE "generated_images" ADD COLUMN "prompt_search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce("generated_images"."prompt", '') || ' ' || coalesce("generated_images"."revised_prompt", '') || ' ' || coalesce("generated_images"."analysis" ->> 'description', '') || ' ' || coalesce("generated_images"."analysis" ->> 'subjects', '') || ' ' || coalesce("generated_images"."analysis" ->> 'style', '') || ' ' || coalesce("generated_images"."analysis" ->> 'tags', ''))) STORED;--> statement-breakpoint
CREATE INDEX "generated_images_prompt_search_idx" ON "generated_images" USING gin ("prompt_search");--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "content_policy" text DEFAULT 'block' NOT NULL;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "nsfw_classifier_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "nsfw_threshold" real DEFAULT 0.7 NOT NULL;--> statement-breakpoint
ALTER TABLE "assistant_calls" ADD CONSTRAINT "assistant_calls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_calls" ADD CONSTRAINT "assistant_calls_image_id_generated_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."generated_images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_reports" ADD CONSTRAINT "image_reports_image_id_generated_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."generated_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_reports" ADD CONSTRAINT "image_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_reports" ADD CONSTRAINT "image_reports_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistant_calls_user_created_idx" ON "assistant_calls" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "assistant_calls_created_idx" ON "assistant_calls" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "image_reports_image_reporter_idx" ON "image_reports" USING btree ("image_id","reporter_user_id");--> statement-breakpoint
CREATE INDEX "image_reports_status_created_idx" ON "image_reports" USING btree ("status","created_at" DESC NULLS LAST);