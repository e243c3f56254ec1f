-- Edits and deletions reported by a platform.
-- deleted_at: when a collector learned the post was deleted (or removed by moderators). Its text is then
-- emptied and its analysis dropped; the row stays as a tombstone so the post leaves searches and figures
-- and is never stored again. edited_at: when a changed text was last stored over the old one.
alter table post add column deleted_at timestamp with time zone;
alter table post add column edited_at timestamp with time zone;
