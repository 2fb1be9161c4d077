CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text DEFAULT 'user' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "generated_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"conversation_id" text,
	"task_id" text,
	"prompt" text NOT NULL,
	"revised_prompt" text,
	"negative_prompt" text,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"size" text NOT NULL,
	"quality" text,
	"style" text,
	"seed" integer,
	"steps" integer,
	"cfg_scale" real,
	"sampler" text,
	"url" text,
	"storage_path" text,
	"thumbnail_path" text,
	"parent_image_id" uuid,
	"edit_type" text,
	"mask_storage_path" text,
	"strength" real,
	"width" integer,
	"height" integer,
	"format" text,
	"file_size" integer,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cost_usd" numeric(10, 6) DEFAULT 0 NOT NULL,
	"credits_used" numeric(10, 4),
	"status" text DEFAULT 'pending' NOT NULL,
	"error_message" text,
	"generation_time_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"prompt_search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce("generated_images"."prompt", '') || ' ' || coalesce("generated_images"."revised_prompt", ''))) STORED
);
--> statement-breakpoint
CREATE TABLE "collection_images" (
	"collection_id" uuid NOT NULL,
	"image_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_images_collection_id_image_id_pk" PRIMARY KEY("collection_id","image_id")
);
--> statement-breakpoint
CREATE TABLE "image_collections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"cover_image_id" uuid,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "image_favorites" (
	"user_id" uuid NOT NULL,
	"image_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_favorites_user_id_image_id_pk" PRIMARY KEY("user_id","image_id")
);
--> statement-breakpoint
CREATE TABLE "prompt_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"description" text,
	"template" text NOT NULL,
	"category" text,
	"variables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_provider" text,
	"default_model" text,
	"default_size" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"use_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "image_generation_stats" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"total_generations" integer DEFAULT 0 NOT NULL,
	"successful_generations" integer DEFAULT 0 NOT NULL,
	"failed_generations" integer DEFAULT 0 NOT NULL,
	"total_cost_usd" numeric(12, 6) DEFAULT 0 NOT NULL,
	"total_generation_time_ms" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "image_generation_stats_user_id_day_provider_model_pk" PRIMARY KEY("user_id","day","provider","model")
);
--> statement-breakpoint
ALTER TABLE "generated_images" ADD CONSTRAINT "generated_images_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generated_images" ADD CONSTRAINT "generated_images_parent_image_id_generated_images_id_fk" FOREIGN KEY ("parent_image_id") REFERENCES "public"."generated_images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_images" ADD CONSTRAINT "collection_images_collection_id_image_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."image_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_images" ADD CONSTRAINT "collection_images_image_id_generated_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."generated_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_collections" ADD CONSTRAINT "image_collections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_collections" ADD CONSTRAINT "image_collections_cover_image_id_generated_images_id_fk" FOREIGN KEY ("cover_image_id") REFERENCES "public"."generated_images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_favorites" ADD CONSTRAINT "image_favorites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_favorites" ADD CONSTRAINT "image_favorites_image_id_generated_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."generated_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_templates" ADD CONSTRAINT "prompt_templates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_generation_stats" ADD CONSTRAINT "image_generation_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generated_images_user_created_idx" ON "generated_images" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "generated_images_status_idx" ON "generated_images" USING btree ("status");--> statement-breakpoint
CREATE INDEX "generated_images_provider_idx" ON "generated_images" USING btree ("provider","created_at");--> statement-breakpoint
CREATE INDEX "generated_images_parent_idx" ON "generated_images" USING btree ("parent_image_id");--> statement-breakpoint
CREATE INDEX "generated_images_prompt_search_idx" ON "generated_images" USING gin ("prompt_search");--> statement-breakpoint
CREATE UNIQUE INDEX "image_collections_user_name_idx" ON "image_collections" USING btree ("user_id","name");--> statement-breakpoint
CREATE INDEX "prompt_templates_user_idx" ON "prompt_templates" USING btree ("user_id");--> statement-breakpoint
CREATE VIEW "public"."popular_prompt_templates" AS (select "prompt_templates"."id", "prompt_templates"."name", "prompt_templates"."description", "prompt_templates"."template", "prompt_templates"."category", "prompt_templates"."variables", "prompt_templates"."default_provider", "prompt_templates"."default_model", "prompt_templates"."default_size", "prompt_templates"."use_count", "users"."display_name" as "author_name", "prompt_templates"."created_at" from "prompt_templates" left join "users" on "users"."id" = "prompt_templates"."user_id" where "prompt_templates"."is_public" order by "prompt_templates"."use_count" desc, "prompt_templates"."name");--> statement-breakpoint
CREATE VIEW "public"."provider_performance" AS (select "provider", "model", count(*)::int as "total_images", (count(*) filter (where "status" = 'completed'))::int as "completed_images", (count(*) filter (where "status" = 'failed'))::int as "failed_images", (count(*) filter (where "status" = 'completed'))::float8
        / nullif(count(*) filter (where "status" in ('completed', 'failed')), 0) as "success_rate", (avg("generation_time_ms") filter (where "generated_images"."status" = 'completed'))::float8 as "avg_generation_time_ms", percentile_cont(0.5) within group (order by "generation_time_ms") filter (where "generated_images"."status" = 'completed') as "p50_generation_time_ms", percentile_cont(0.95) within group (order by "generation_time_ms") filter (where "generated_images"."status" = 'completed') as "p95_generation_time_ms", coalesce(sum("cost_usd"), 0) as "total_cost_usd" from "generated_images" group by "generated_images"."provider", "generated_images"."model");--> statement-breakpoint
CREATE VIEW "public"."recent_generations" AS (select "generated_images"."id", "generated_images"."user_id", "users"."display_name", "generated_images"."prompt", "generated_images"."provider", "generated_images"."model", "generated_images"."size", "generated_images"."url", "generated_images"."storage_path", "generated_images"."thumbnail_path", "generated_images"."width", "generated_images"."height", "generated_images"."cost_usd", "generated_images"."generation_time_ms", "generated_images"."created_at", "generated_images"."completed_at" from "generated_images" inner join "users" on "users"."id" = "generated_images"."user_id" where ("generated_images"."status" = 'completed' and coalesce("generated_images"."completed_at", "generated_images"."created_at") > now() - interval '7 days'));--> statement-breakpoint
CREATE VIEW "public"."user_generation_summary" AS (select "users"."id" as "user_id", "users"."display_name", count("generated_images"."id")::int as "total_images", (count("generated_images"."id") filter (where "generated_images"."status" = 'completed'))::int as "completed_images", (count("generated_images"."id") filter (where "generated_images"."status" = 'failed'))::int as "failed_images", coalesce(sum("generated_images"."cost_usd"), 0) as "total_cost_usd", (select count(*)::int from "image_favorites" where "image_favorites"."user_id" = "users"."id") as "favorites_count", max("generated_images"."created_at") as "last_generation_at" from "users" left join "generated_images" on "generated_images"."user_id" = "users"."id" group by "users"."id");