-- 0018: the enterprise's rating of its service commissioner (S5): each
-- project's investor rates the commissioner's service on 0-100 (a
-- satisfaction survey of the enterprise, e.g. at the start of
-- construction); a commissioner's mean rating can be pulled into a cycle
-- as an indicator value (app/projects).
ALTER TABLE project ADD COLUMN rating INTEGER;
ALTER TABLE project ADD COLUMN rated_on TEXT;
