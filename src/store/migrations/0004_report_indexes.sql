-- The reports (#5: rates and the due list over 50,000 graduates) read a cohort's members and
-- its destinations from these indexes alone, without visiting the wide table rows. Each
-- replaces the narrower index it extends, so writes keep the same number of indexes.
DROP INDEX members_branch;
CREATE INDEX members_branch ON members(branch_id, name);
DROP INDEX destinations_year;
CREATE INDEX destinations_year ON destinations(cohort_year, member_id, kind, retain_in_school);
