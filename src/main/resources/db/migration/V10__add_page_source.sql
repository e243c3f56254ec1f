-- Collectors: union and guild newsroom pages without a feed, read from their list pages and sitemaps.
insert into source (id, name, kind) values ('page', 'Newsroom pages', 'statement');
