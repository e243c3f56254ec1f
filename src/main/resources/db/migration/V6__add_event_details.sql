-- A tracked event in full: the parties to the deal (one per line), a query per language beside the
-- default one (each matches posts in its own language; the event stands for all of them joined by
-- OR), and the colour the charts draw it in (#rrggbb).
alter table tracked_event add column parties varchar(2000);
alter table tracked_event add column query_en varchar(4000);
alter table tracked_event add column query_fr varchar(4000);
alter table tracked_event add column query_es varchar(4000);
alter table tracked_event add column query_de varchar(4000);
alter table tracked_event add column colour varchar(7);
