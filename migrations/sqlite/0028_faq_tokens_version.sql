-- Which tokenizer made an entry's stored tokens (tokenize::fingerprint: jieba's extra
-- words, the stop words, the thesaurus). 0 = made before this column existed. At start
-- an entry whose number differs from the running program's is tokenized again, so
-- what is indexed and what is asked are always cut alike.
ALTER TABLE faq_entries ADD COLUMN tokens_version BIGINT NOT NULL DEFAULT 0;
