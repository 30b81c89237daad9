-- activity_total (migration 0007) kept in step with every write to pledge and distribution, in the
-- writer's own transaction: an insert adds a counted record, a delete takes it away, an update
-- takes the old row away and adds the new one (a soft delete, a verification status, a moved
-- place or a changed quantity). Counted as the recaps count (db/queries/distributions.ts
-- countedDistribution; every live pledge, one with no place under region code '').
CREATE TRIGGER `pledge_total_insert` AFTER INSERT ON `pledge`
WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO `activity_total` (`source`, `region_code`, `item_type_id`, `via_aggregator`, `records`, `quantity`, `value_rupiah`)
  VALUES ('pledge', coalesce(new.region_code, ''), new.item_type_id, new.aggregator_id IS NOT NULL, 1, new.quantity, coalesce(new.value_rupiah, 0))
  ON CONFLICT (`source`, `region_code`, `item_type_id`, `via_aggregator`)
  DO UPDATE SET `records` = `records` + 1, `quantity` = `quantity` + excluded.`quantity`, `value_rupiah` = `value_rupiah` + excluded.`value_rupiah`;
END;
--> statement-breakpoint
CREATE TRIGGER `pledge_total_delete` AFTER DELETE ON `pledge`
WHEN old.deleted_at IS NULL
BEGIN
  UPDATE `activity_total`
  SET `records` = `records` - 1, `quantity` = `quantity` - old.quantity, `value_rupiah` = `value_rupiah` - coalesce(old.value_rupiah, 0)
  WHERE `source` = 'pledge' AND `region_code` = coalesce(old.region_code, '') AND `item_type_id` = old.item_type_id AND `via_aggregator` = (old.aggregator_id IS NOT NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `pledge_total_update_old` AFTER UPDATE OF `deleted_at`, `region_code`, `item_type_id`, `aggregator_id`, `quantity`, `value_rupiah` ON `pledge`
WHEN old.deleted_at IS NULL
BEGIN
  UPDATE `activity_total`
  SET `records` = `records` - 1, `quantity` = `quantity` - old.quantity, `value_rupiah` = `value_rupiah` - coalesce(old.value_rupiah, 0)
  WHERE `source` = 'pledge' AND `region_code` = coalesce(old.region_code, '') AND `item_type_id` = old.item_type_id AND `via_aggregator` = (old.aggregator_id IS NOT NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `pledge_total_update_new` AFTER UPDATE OF `deleted_at`, `region_code`, `item_type_id`, `aggregator_id`, `quantity`, `value_rupiah` ON `pledge`
WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO `activity_total` (`source`, `region_code`, `item_type_id`, `via_aggregator`, `records`, `quantity`, `value_rupiah`)
  VALUES ('pledge', coalesce(new.region_code, ''), new.item_type_id, new.aggregator_id IS NOT NULL, 1, new.quantity, coalesce(new.value_rupiah, 0))
  ON CONFLICT (`source`, `region_code`, `item_type_id`, `via_aggregator`)
  DO UPDATE SET `records` = `records` + 1, `quantity` = `quantity` + excluded.`quantity`, `value_rupiah` = `value_rupiah` + excluded.`value_rupiah`;
END;
--> statement-breakpoint
CREATE TRIGGER `distribution_total_insert` AFTER INSERT ON `distribution`
WHEN new.deleted_at IS NULL AND new.verification_status <> 'ditolak'
BEGIN
  INSERT INTO `activity_total` (`source`, `region_code`, `item_type_id`, `via_aggregator`, `records`, `quantity`, `value_rupiah`)
  VALUES ('distribution', new.region_code, new.item_type_id, new.aggregator_id IS NOT NULL, 1, new.quantity, coalesce(new.value_rupiah, 0))
  ON CONFLICT (`source`, `region_code`, `item_type_id`, `via_aggregator`)
  DO UPDATE SET `records` = `records` + 1, `quantity` = `quantity` + excluded.`quantity`, `value_rupiah` = `value_rupiah` + excluded.`value_rupiah`;
END;
--> statement-breakpoint
CREATE TRIGGER `distribution_total_delete` AFTER DELETE ON `distribution`
WHEN old.deleted_at IS NULL AND old.verification_status <> 'ditolak'
BEGIN
  UPDATE `activity_total`
  SET `records` = `records` - 1, `quantity` = `quantity` - old.quantity, `value_rupiah` = `value_rupiah` - coalesce(old.value_rupiah, 0)
  WHERE `source` = 'distribution' AND `region_code` = old.region_code AND `item_type_id` = old.item_type_id AND `via_aggregator` = (old.aggregator_id IS NOT NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `distribution_total_update_old` AFTER UPDATE OF `deleted_at`, `verification_status`, `region_code`, `item_type_id`, `aggregator_id`, `quantity`, `value_rupiah` ON `distribution`
WHEN old.deleted_at IS NULL AND old.verification_status <> 'ditolak'
BEGIN
  UPDATE `activity_total`
  SET `records` = `records` - 1, `quantity` = `quantity` - old.quantity, `value_rupiah` = `value_rupiah` - coalesce(old.value_rupiah, 0)
  WHERE `source` = 'distribution' AND `region_code` = old.region_code AND `item_type_id` = old.item_type_id AND `via_aggregator` = (old.aggregator_id IS NOT NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `distribution_total_update_new` AFTER UPDATE OF `deleted_at`, `verification_status`, `region_code`, `item_type_id`, `aggregator_id`, `quantity`, `value_rupiah` ON `distribution`
WHEN new.deleted_at IS NULL AND new.verification_status <> 'ditolak'
BEGIN
  INSERT INTO `activity_total` (`source`, `region_code`, `item_type_id`, `via_aggregator`, `records`, `quantity`, `value_rupiah`)
  VALUES ('distribution', new.region_code, new.item_type_id, new.aggregator_id IS NOT NULL, 1, new.quantity, coalesce(new.value_rupiah, 0))
  ON CONFLICT (`source`, `region_code`, `item_type_id`, `via_aggregator`)
  DO UPDATE SET `records` = `records` + 1, `quantity` = `quantity` + excluded.`quantity`, `value_rupiah` = `value_rupiah` + excluded.`value_rupiah`;
END;
--> statement-breakpoint
-- The records already there.
INSERT INTO `activity_total` (`source`, `region_code`, `item_type_id`, `via_aggregator`, `records`, `quantity`, `value_rupiah`)
SELECT 'pledge', coalesce(region_code, ''), item_type_id, aggregator_id IS NOT NULL, count(*), sum(quantity), coalesce(sum(value_rupiah), 0)
FROM `pledge` WHERE deleted_at IS NULL
GROUP BY 2, 3, 4;
--> statement-breakpoint
INSERT INTO `activity_total` (`source`, `region_code`, `item_type_id`, `via_aggregator`, `records`, `quantity`, `value_rupiah`)
SELECT 'distribution', region_code, item_type_id, aggregator_id IS NOT NULL, count(*), sum(quantity), coalesce(sum(value_rupiah), 0)
FROM `distribution` WHERE deleted_at IS NULL AND verification_status <> 'ditolak'
GROUP BY 2, 3, 4;
