-- 0010: results linked to the next year (S12). A subject of a cycle may
-- be a person on record (a dispatched employee, a cadre): the person's
-- confirmed annual results then count toward a pay-grade step.
ALTER TABLE cycle_subject ADD COLUMN person_id BIGINT REFERENCES person (id);
CREATE INDEX cycle_subject_person ON cycle_subject (person_id);
