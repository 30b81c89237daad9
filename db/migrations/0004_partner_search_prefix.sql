-- A PKS is found by its partner's name: keep agreement_search in step when a partner is renamed
-- (agreement_search_update only fires when the agreement itself changes). Made first, so that the
-- renaming below already goes through it.
CREATE TRIGGER `agreement_search_partner_rename` AFTER UPDATE OF `name`, `normalized_name` ON `partner`
WHEN old.name IS NOT new.name OR old.normalized_name IS NOT new.normalized_name
BEGIN
  DELETE FROM `agreement_search` WHERE rowid IN (SELECT rowid FROM `agreement` WHERE partner_id = new.id);
  INSERT INTO `agreement_search` (rowid, `text`)
  SELECT a.rowid, a.number || ' ' || new.normalized_name || ' ' || new.name || ' ' || coalesce(a.notes, '')
  FROM `agreement` a WHERE a.partner_id = new.id;
END;
--> statement-breakpoint
-- Partner names: "Yayasan" is now a legal form like PT, CV and Tbk (normalizePartnerName drops it),
-- so "Yayasan Kasih Bangsa" and "Kasih Bangsa" are one partner. Stored normalised names follow.
-- Twice, because " yayasan yayasan " shares the space between two matches.
UPDATE `partner`
SET `normalized_name` = trim(replace(replace(' ' || `normalized_name` || ' ', ' yayasan ', ' '), ' yayasan ', ' '))
WHERE ' ' || `normalized_name` || ' ' LIKE '% yayasan %';
--> statement-breakpoint
-- The partner search box searches as the user types: one and two-letter prefixes ("b", "ba") get
-- their own index so the first keystrokes over 100,000 partners stay fast. FTS5 options cannot be
-- altered, so the index is made again (its triggers, on `partner`, name it and keep working).
DROP TABLE `partner_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `partner_search` USING fts5(`text`, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');
--> statement-breakpoint
INSERT INTO `partner_search` (rowid, `text`)
SELECT rowid, normalized_name || ' ' || name || ' ' || coalesce(contact_name, '') || ' ' || coalesce(email, '') FROM `partner`;
