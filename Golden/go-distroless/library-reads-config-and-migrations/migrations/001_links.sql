CREATE TABLE links (code text PRIMARY KEY, target text NOT NULL);
