-- Edits and deletions reported by a platform.
-- deleted_at: when a collector learned the post was deleted (or removed by moderators). Its text is then
-- emptied and its analysis dropped; the row stays as a tombstone so the post leaves searches and figures
-- and is never stored again. edited_at: when a changed text was last stored over the old one.
alter table post add column deleted_at timestamp with time zone;
alter table post add column edited_at timestamp with time zone;

-- A fingerprint of the text (lower-cased letters and digits, links left out), so the same text posted
-- again by the same author on the same platform (a cross-post to another community, a re-post of one's
-- own words) is recognised and counted once. Null for posts stored before this column existed.
alter table post add column text_hash varchar(64);
create index post_author_text_ix on post (author_handle, text_hash);
