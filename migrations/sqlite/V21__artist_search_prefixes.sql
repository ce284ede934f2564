-- V21: the artist search answers a broad word as fast as a narrow one.
--
-- A search is typed word by word, so every typed word is a prefix
-- ("budg" finds "budget"). FTS5 answers a prefix from a prefix index when
-- it keeps one for that length, and otherwise gathers every word that
-- starts with it into one list first, which cannot be skipped through: a
-- common word of the exchanges, on nine cards in ten, then cost twice its
-- own list, and two such words eight times (the `artist_search`
-- benchmark). The index now keeps prefixes of 2 to 8 letters, which covers
-- what people type, and only which cards hold a word, not where
-- (`detail = none`): the list reads the matching keys only, and
-- `search_hints` finds the passage in the texts themselves.
--
-- An FTS5 table's options are fixed when it is made, so it is made again
-- and filled from the view that says what a card's index row holds (V20).
-- The triggers that keep it are on the list and read it by name: they stay.

DROP TABLE artists_fts;

CREATE VIRTUAL TABLE artists_fts USING fts5(
    name,
    legal_name,
    city,
    genres,
    handles,
    notes,
    exchanges,
    content = '',
    contentless_delete = 1,
    detail = none,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4 5 6 7 8'
);

INSERT INTO artists_fts (rowid, name, legal_name, city, genres, handles, notes, exchanges)
SELECT fts_rowid, name, legal_name, city, genres, handles, notes, exchanges FROM artist_search_text;
