-- A source's schedule is an ISO-8601 interval (PT15M) or a six-field cron expression
-- (0 */20 9-17 * * MON-FRI), which can be longer than 40 characters.
alter table collect_source alter column schedule set data type varchar(200);

-- The lag of a source (median of collected_at - published_at over what it stored in the last day)
-- reads its recent posts by source name.
create index post_source_name_ix on post (source_name, collected_at);
