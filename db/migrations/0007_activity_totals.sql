CREATE TABLE `activity_total` (
	`source` text NOT NULL,
	`region_code` text NOT NULL,
	`item_type_id` text NOT NULL,
	`via_aggregator` integer NOT NULL,
	`records` integer NOT NULL,
	`quantity` integer NOT NULL,
	`value_rupiah` integer NOT NULL,
	PRIMARY KEY(`source`, `region_code`, `item_type_id`, `via_aggregator`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `distribution_rejected_idx` ON `distribution` (`distributed_on`) WHERE deleted_at IS NULL AND verification_status = 'ditolak';