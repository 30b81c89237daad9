CREATE TABLE `sync_record_clock` (
	`table_name` text NOT NULL,
	`record_id` text NOT NULL,
	`clocks` text NOT NULL,
	PRIMARY KEY(`table_name`, `record_id`)
);
--> statement-breakpoint
ALTER TABLE `sync_outbox` ADD `actor` text;--> statement-breakpoint
ALTER TABLE `sync_outbox` ADD `rejected_at` text;--> statement-breakpoint
ALTER TABLE `sync_outbox` ADD `rejected_reason` text;--> statement-breakpoint
CREATE INDEX `sync_outbox_record_idx` ON `sync_outbox` (`table_name`,`record_id`,`seq`);