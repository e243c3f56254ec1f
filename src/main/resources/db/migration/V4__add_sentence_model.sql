-- Which model read each sentence: CoreNLP's sentence sentiment model (five classes) or the tweet
-- model that scores the post (three classes: very negative and very positive stay 0).
alter table analysis_sentence add column model varchar(64);
