CREATE TABLE `import_mapping` (
	`submitter_key` text NOT NULL,
	`kind` text NOT NULL,
	`header_signature` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`submitter_key`, `kind`, `header_signature`)
);
--> statement-breakpoint
ALTER TABLE `agreement` ADD `natural_key` text;--> statement-breakpoint
CREATE INDEX `agreement_natural_key_idx` ON `agreement` (`natural_key`) WHERE natural_key IS NOT NULL AND deleted_at IS NULL;--> statement-breakpoint
ALTER TABLE `distribution` ADD `natural_key` text;--> statement-breakpoint
CREATE INDEX `distribution_natural_key_idx` ON `distribution` (`natural_key`) WHERE natural_key IS NOT NULL AND deleted_at IS NULL;--> statement-breakpoint
ALTER TABLE `fund_transfer` ADD `natural_key` text;--> statement-breakpoint
CREATE INDEX `fund_transfer_natural_key_idx` ON `fund_transfer` (`natural_key`) WHERE natural_key IS NOT NULL AND deleted_at IS NULL;--> statement-breakpoint
ALTER TABLE `need` ADD `natural_key` text;--> statement-breakpoint
CREATE INDEX `need_natural_key_idx` ON `need` (`natural_key`) WHERE natural_key IS NOT NULL AND deleted_at IS NULL;--> statement-breakpoint
ALTER TABLE `pledge` ADD `natural_key` text;--> statement-breakpoint
CREATE INDEX `pledge_natural_key_idx` ON `pledge` (`natural_key`) WHERE natural_key IS NOT NULL AND deleted_at IS NULL;--> statement-breakpoint
ALTER TABLE `import_batch` ADD `rolled_back_at` text;--> statement-breakpoint
ALTER TABLE `import_batch` ADD `rolled_back_by` text;--> statement-breakpoint
CREATE INDEX `import_batch_sha256_idx` ON `import_batch` (`file_sha256`);