CREATE TABLE "cache_hits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"image_id" uuid,
	"saved_usd" numeric(10, 6) DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "style_presets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"built_in_key" text,
	"based_on_id" uuid,
	"name" text NOT NULL,
	"description" text,
	"provider" text,
	"model" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prompt_prefix" text,
	"prompt_suffix" text,
	"preview_image_id" uuid,
	"preview_path" text,
	"use_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "style_presets_built_in_key_unique" UNIQUE("built_in_key")
);
--> statement-breakpoint
ALTER TABLE "generated_images" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generated_images" ADD COLUMN "cache_key" text;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "trash_retention_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "image_retention_days" integer;--> statement-breakpoint
ALTER TABLE "cache_hits" ADD CONSTRAINT "cache_hits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cache_hits" ADD CONSTRAINT "cache_hits_image_id_generated_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."generated_images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "style_presets" ADD CONSTRAINT "style_presets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "style_presets" ADD CONSTRAINT "style_presets_based_on_id_style_presets_id_fk" FOREIGN KEY ("based_on_id") REFERENCES "public"."style_presets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "style_presets" ADD CONSTRAINT "style_presets_preview_image_id_generated_images_id_fk" FOREIGN KEY ("preview_image_id") REFERENCES "public"."generated_images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cache_hits_user_created_idx" ON "cache_hits" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "style_presets_user_name_idx" ON "style_presets" USING btree ("user_id","name");--> statement-breakpoint
CREATE INDEX "generated_images_user_trash_idx" ON "generated_images" USING btree ("user_id","deleted_at") WHERE "generated_images"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "generated_images_user_cache_idx" ON "generated_images" USING btree ("user_id","cache_key","created_at" DESC NULLS LAST) WHERE "generated_images"."cache_key" is not null;--> statement-breakpoint
CREATE INDEX "collection_images_image_idx" ON "collection_images" USING btree ("image_id");--> statement-breakpoint
-- The daily stats update, once per statement instead of once per row, so bulk inserts (imports, the
-- library bench's 100 000 rows) cost one aggregate upsert. Same rule as 0001: a job counts once, under the
-- UTC day it first reached a final status (completed or failed).
DROP TRIGGER IF EXISTS generated_images_daily_stats ON generated_images;
--> statement-breakpoint
DROP FUNCTION IF EXISTS update_daily_generation_stats();
--> statement-breakpoint
CREATE FUNCTION count_inserted_generations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO image_generation_stats AS stats (
    user_id, day, provider, model,
    total_generations, successful_generations, failed_generations,
    total_cost_usd, total_generation_time_ms
  )
  SELECT
    finished.user_id,
    (coalesce(finished.completed_at, finished.created_at) AT TIME ZONE 'UTC')::date,
    finished.provider,
    finished.model,
    count(*),
    count(*) FILTER (WHERE finished.status = 'completed'),
    count(*) FILTER (WHERE finished.status = 'failed'),
    coalesce(sum(finished.cost_usd), 0),
    coalesce(sum(finished.generation_time_ms), 0)
  FROM new_rows AS finished
  WHERE finished.status IN ('completed', 'failed')
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (user_id, day, provider, model) DO UPDATE SET
    total_generations = stats.total_generations + EXCLUDED.total_generations,
    successful_generations = stats.successful_generations + EXCLUDED.successful_generations,
    failed_generations = stats.failed_generations + EXCLUDED.failed_generations,
    total_cost_usd = stats.total_cost_usd + EXCLUDED.total_cost_usd,
    total_generation_time_ms = stats.total_generation_time_ms + EXCLUDED.total_generation_time_ms;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION count_finished_generations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO image_generation_stats AS stats (
    user_id, day, provider, model,
    total_generations, successful_generations, failed_generations,
    total_cost_usd, total_generation_time_ms
  )
  SELECT
    finished.user_id,
    (coalesce(finished.completed_at, finished.created_at) AT TIME ZONE 'UTC')::date,
    finished.provider,
    finished.model,
    count(*),
    count(*) FILTER (WHERE finished.status = 'completed'),
    count(*) FILTER (WHERE finished.status = 'failed'),
    coalesce(sum(finished.cost_usd), 0),
    coalesce(sum(finished.generation_time_ms), 0)
  FROM new_rows AS finished
  WHERE finished.status IN ('completed', 'failed')
    AND EXISTS (
      SELECT 1 FROM old_rows
      WHERE old_rows.id = finished.id AND old_rows.status NOT IN ('completed', 'failed')
    )
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (user_id, day, provider, model) DO UPDATE SET
    total_generations = stats.total_generations + EXCLUDED.total_generations,
    successful_generations = stats.successful_generations + EXCLUDED.successful_generations,
    failed_generations = stats.failed_generations + EXCLUDED.failed_generations,
    total_cost_usd = stats.total_cost_usd + EXCLUDED.total_cost_usd,
    total_generation_time_ms = stats.total_generation_time_ms + EXCLUDED.total_generation_time_ms;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER generated_images_daily_stats_insert
AFTER INSERT ON generated_images
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_generations();
--> statement-breakpoint
CREATE TRIGGER generated_images_daily_stats_update
AFTER UPDATE ON generated_images
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION count_finished_generations();
