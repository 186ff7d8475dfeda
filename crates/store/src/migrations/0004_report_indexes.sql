-- The reports (#5: rates and the due list over 50,000 graduates) read a cohort from indexes
-- alone, without visiting the wide table rows: the members of the year's branches (by branch
-- and name, the reports' order), the year's destinations, and the year's transfer steps in
-- (transfer, seq) order. The first two replace the narrower indexes they extend, so member
-- and destination writes keep the same number of indexes.
DROP INDEX members_branch;
CREATE INDEX members_branch ON members(branch_id, name);
DROP INDEX destinations_year;
CREATE INDEX destinations_year ON destinations(cohort_year, member_id, kind, retain_in_school);
CREATE INDEX transfer_event_timeline
    ON transfer_event(transfer_id, seq, on_date, kind, node, branch, reason, actor, note);
