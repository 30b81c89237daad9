-- Full-text search (FTS5) over partners, agreements and targets, kept in step by triggers so that
-- every write path (forms, imports, demo, sync) indexes alike. Each index shares its table's rowid,
-- so an update or delete touches one index row. Partners are indexed by their normalised name
-- (legal forms and punctuation dropped) as well as the name as written.
CREATE VIRTUAL TABLE `partner_search` USING fts5(`text`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `partner_search_insert` AFTER INSERT ON `partner` BEGIN
  INSERT INTO `partner_search` (rowid, `text`)
  VALUES (new.rowid, new.normalized_name || ' ' || new.name || ' ' || coalesce(new.contact_name, '') || ' ' || coalesce(new.email, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `partner_search_update` AFTER UPDATE OF `name`, `normalized_name`, `contact_name`, `email` ON `partner` BEGIN
  DELETE FROM `partner_search` WHERE rowid = old.rowid;
  INSERT INTO `partner_search` (rowid, `text`)
  VALUES (new.rowid, new.normalized_name || ' ' || new.name || ' ' || coalesce(new.contact_name, '') || ' ' || coalesce(new.email, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `partner_search_delete` AFTER DELETE ON `partner` BEGIN
  DELETE FROM `partner_search` WHERE rowid = old.rowid;
END;
--> statement-breakpoint
INSERT INTO `partner_search` (rowid, `text`)
SELECT rowid, normalized_name || ' ' || name || ' ' || coalesce(contact_name, '') || ' ' || coalesce(email, '') FROM `partner`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `agreement_search` USING fts5(`text`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `agreement_search_insert` AFTER INSERT ON `agreement` BEGIN
  INSERT INTO `agreement_search` (rowid, `text`)
  VALUES (new.rowid, new.number || ' ' || coalesce((SELECT normalized_name || ' ' || name FROM partner WHERE id = new.partner_id), '') || ' ' || coalesce(new.notes, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `agreement_search_update` AFTER UPDATE OF `number`, `partner_id`, `notes` ON `agreement` BEGIN
  DELETE FROM `agreement_search` WHERE rowid = old.rowid;
  INSERT INTO `agreement_search` (rowid, `text`)
  VALUES (new.rowid, new.number || ' ' || coalesce((SELECT normalized_name || ' ' || name FROM partner WHERE id = new.partner_id), '') || ' ' || coalesce(new.notes, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `agreement_search_delete` AFTER DELETE ON `agreement` BEGIN
  DELETE FROM `agreement_search` WHERE rowid = old.rowid;
END;
--> statement-breakpoint
INSERT INTO `agreement_search` (rowid, `text`)
SELECT a.rowid, a.number || ' ' || coalesce(p.normalized_name || ' ' || p.name, '') || ' ' || coalesce(a.notes, '')
FROM `agreement` a LEFT JOIN `partner` p ON p.id = a.partner_id;
--> statement-breakpoint
CREATE VIRTUAL TABLE `target_search` USING fts5(`text`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `target_search_insert` AFTER INSERT ON `target` BEGIN
  INSERT INTO `target_search` (rowid, `text`)
  VALUES (new.rowid, new.name || ' ' || coalesce(new.pic_name, '') || ' ' || coalesce((SELECT name FROM region WHERE code = new.region_code), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `target_search_update` AFTER UPDATE OF `name`, `pic_name`, `region_code` ON `target` BEGIN
  DELETE FROM `target_search` WHERE rowid = old.rowid;
  INSERT INTO `target_search` (rowid, `text`)
  VALUES (new.rowid, new.name || ' ' || coalesce(new.pic_name, '') || ' ' || coalesce((SELECT name FROM region WHERE code = new.region_code), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `target_search_delete` AFTER DELETE ON `target` BEGIN
  DELETE FROM `target_search` WHERE rowid = old.rowid;
END;
--> statement-breakpoint
INSERT INTO `target_search` (rowid, `text`)
SELECT t.rowid, t.name || ' ' || coalesce(t.pic_name, '') || ' ' || coalesce(r.name, '') FROM `target` t LEFT JOIN `region` r ON r.code = t.region_code;
