-- The seed's "daily stats update": a job that reaches a final status (completed or failed) for the
-- first time is counted once in image_generation_stats, under the UTC day it finished. A row that
-- moves between final statuses afterwards is not counted again.
CREATE OR REPLACE FUNCTION update_daily_generation_stats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status NOT IN ('completed', 'failed') THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status IN ('completed', 'failed') THEN
    RETURN NULL;
  END IF;

  INSERT INTO image_generation_stats AS stats (
    user_id, day, provider, model,
    total_generations, successful_generations, failed_generations,
    total_cost_usd, total_generation_time_ms
  ) VALUES (
    NEW.user_id,
    (coalesce(NEW.completed_at, NEW.created_at) AT TIME ZONE 'UTC')::date,
    NEW.provider,
    NEW.model,
    1,
    CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END,
    CASE WHEN NEW.status = 'failed' THEN 1 ELSE 0 END,
    coalesce(NEW.cost_usd, 0),
    coalesce(NEW.generation_time_ms, 0)
  )
  ON CONFLICT (user_id, day, provider, model) DO UPDATE SET
    total_generations = stats.total_generations + 1,
    successful_generations = stats.successful_generations + EXCLUDED.successful_generations,
    failed_generations = stats.failed_generations + EXCLUDED.failed_generations,
    total_cost_usd = stats.total_cost_usd + EXCLUDED.total_cost_usd,
    total_generation_time_ms = stats.total_generation_time_ms + EXCLUDED.total_generation_time_ms;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER generated_images_daily_stats
AFTER INSERT OR UPDATE OF status ON generated_images
FOR EACH ROW EXECUTE FUNCTION update_daily_generation_stats();
