-- The last line of defence for the Free plan's limit (lib/plans: FREE_LISTED_RELEASES = 1).
-- lib/plans' checkCanList gives the band the human message first; this trigger refuses whatever
-- bypasses it: a future scheduled release, a script, a re-publish after a downgrade, a bug.
-- It fires only when a row becomes counted (published, listed, not taken down), so edits to an
-- already listed release, drafts, and unlisting are never refused, and bands that had several
-- releases before this migration keep them until they unlist or unpublish one.
-- The band's row is locked first, as checkCanList does (same order: artist, then releases), so two
-- transactions publishing for one band at once are counted one after the other.
CREATE OR REPLACE FUNCTION releases_plan_limit() RETURNS trigger AS $$
DECLARE
  band_plan plan;
  others integer;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'published' AND OLD.listed AND OLD.taken_down_at IS NULL
    AND OLD.artist_id = NEW.artist_id THEN
    RETURN NEW;
  END IF;
  SELECT a.plan INTO band_plan FROM artists a WHERE a.id = NEW.artist_id FOR UPDATE;
  IF band_plan IS DISTINCT FROM 'free' THEN
    RETURN NEW;
  END IF;
  SELECT count(*) INTO others FROM releases r
    WHERE r.artist_id = NEW.artist_id AND r.id <> NEW.id
      AND r.status = 'published' AND r.listed AND r.taken_down_at IS NULL;
  IF others >= 1 THEN
    RAISE EXCEPTION 'A Free shop lists one published release; band % already has one', NEW.artist_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'releases_plan_limit';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER releases_plan_limit BEFORE INSERT OR UPDATE ON releases
  FOR EACH ROW WHEN (NEW.status = 'published' AND NEW.listed AND NEW.taken_down_at IS NULL)
  EXECUTE FUNCTION releases_plan_limit();
