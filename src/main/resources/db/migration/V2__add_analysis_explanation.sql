-- What moved a score most, one readable item per line ("negated 'great'", "😡"), and which version of
-- the analysis produced the row, so a new version can re-score stored posts.
alter table analysis add column drivers varchar(2000);
alter table analysis add column version varchar(32);
create index analysis_version_ix on analysis (version);
