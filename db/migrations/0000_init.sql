CREATE TABLE `region` (
	`code` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	FOREIGN KEY (`parent_code`) REFERENCES `region`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `region_parent_idx` ON `region` (`parent_code`);--> statement-breakpoint
CREATE TABLE `agency` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `item_type` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`measure` text NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`program_id`) REFERENCES `program`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `item_type_program_idx` ON `item_type` (`program_id`);--> statement-breakpoint
CREATE TABLE `program` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`agency_id` text NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `partner` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`normalized_name` text NOT NULL,
	`entity_kind` text NOT NULL,
	`is_collaborator` integer NOT NULL,
	`is_aggregator` integer NOT NULL,
	`legal_entity_number` text,
	`licence_number` text,
	`licence_issuer` text,
	`licence_valid_until` text,
	`npwp` text,
	`contact_name` text,
	`phone` text,
	`email` text,
	`address` text,
	`region_code` text,
	`verified` integer DEFAULT false NOT NULL,
	`notes` text,
	`archived_at` text,
	`import_batch_id` text,
	`source_row` integer,
	`created_by` text NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `region`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batch`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_normalized_name_idx` ON `partner` (`normalized_name`);--> statement-breakpoint
CREATE TABLE `agreement` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`number` text NOT NULL,
	`partner_id` text NOT NULL,
	`agency_id` text,
	`signed_on` text,
	`valid_from` text,
	`valid_until` text,
	`status` text NOT NULL,
	`parent_agreement_id` text,
	`notes` text,
	`import_batch_id` text,
	`source_row` integer,
	`created_by` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partner`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_agreement_id`) REFERENCES `agreement`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batch`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_partner_idx` ON `agreement` (`partner_id`);--> statement-breakpoint
CREATE TABLE `agreement_document` (
	`agreement_id` text NOT NULL,
	`document_id` text NOT NULL,
	PRIMARY KEY(`agreement_id`, `document_id`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreement`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreement_program` (
	`agreement_id` text NOT NULL,
	`program_id` text NOT NULL,
	PRIMARY KEY(`agreement_id`, `program_id`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreement`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `program`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `document` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `document_sha256_idx` ON `document` (`sha256`);--> statement-breakpoint
CREATE TABLE `target` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`region_code` text NOT NULL,
	`vulnerable_families` integer,
	`pic_name` text,
	`pic_phone` text,
	`notes` text,
	`import_batch_id` text,
	`source_row` integer,
	`created_by` text NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `region`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batch`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `target_region_idx` ON `target` (`region_code`);--> statement-breakpoint
CREATE TABLE `distribution` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`partner_id` text NOT NULL,
	`aggregator_id` text,
	`item_type_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`value_rupiah` integer,
	`target_id` text,
	`region_code` text NOT NULL,
	`distributed_on` text NOT NULL,
	`verification_status` text NOT NULL,
	`notes` text,
	`import_batch_id` text,
	`source_row` integer,
	`created_by` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partner`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`aggregator_id`) REFERENCES `partner`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_type_id`) REFERENCES `item_type`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_id`) REFERENCES `target`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `region`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batch`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `distribution_partner_idx` ON `distribution` (`partner_id`);--> statement-breakpoint
CREATE INDEX `distribution_item_date_idx` ON `distribution` (`item_type_id`,`distributed_on`);--> statement-breakpoint
CREATE INDEX `distribution_region_idx` ON `distribution` (`region_code`);--> statement-breakpoint
CREATE INDEX `distribution_target_idx` ON `distribution` (`target_id`);--> statement-breakpoint
CREATE INDEX `distribution_batch_idx` ON `distribution` (`import_batch_id`,`source_row`);--> statement-breakpoint
CREATE TABLE `fund_transfer` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`donor_id` text NOT NULL,
	`aggregator_id` text NOT NULL,
	`program_id` text,
	`amount_rupiah` integer NOT NULL,
	`transferred_on` text NOT NULL,
	`reference` text,
	`notes` text,
	`import_batch_id` text,
	`source_row` integer,
	`created_by` text NOT NULL,
	FOREIGN KEY (`donor_id`) REFERENCES `partner`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`aggregator_id`) REFERENCES `partner`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `program`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batch`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fund_transfer_aggregator_idx` ON `fund_transfer` (`aggregator_id`);--> statement-breakpoint
CREATE TABLE `need` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`target_id` text NOT NULL,
	`item_type_id` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`quantity` integer NOT NULL,
	`notes` text,
	`import_batch_id` text,
	`source_row` integer,
	`created_by` text NOT NULL,
	FOREIGN KEY (`target_id`) REFERENCES `target`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_type_id`) REFERENCES `item_type`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batch`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `need_target_idx` ON `need` (`target_id`,`item_type_id`);--> statement-breakpoint
CREATE TABLE `pledge` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`partner_id` text NOT NULL,
	`aggregator_id` text,
	`item_type_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`value_rupiah` integer,
	`target_id` text,
	`region_code` text,
	`pledged_on` text NOT NULL,
	`notes` text,
	`import_batch_id` text,
	`source_row` integer,
	`created_by` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partner`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`aggregator_id`) REFERENCES `partner`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_type_id`) REFERENCES `item_type`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_id`) REFERENCES `target`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `region`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batch`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pledge_partner_idx` ON `pledge` (`partner_id`);--> statement-breakpoint
CREATE INDEX `pledge_item_date_idx` ON `pledge` (`item_type_id`,`pledged_on`);--> statement-breakpoint
CREATE TABLE `import_batch` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`sheet_name` text,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL,
	`rows_total` integer NOT NULL,
	`rows_imported` integer NOT NULL,
	`rows_rejected` integer NOT NULL,
	`rows_duplicate` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `setting` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`agency_id` text,
	`password_hash` text NOT NULL,
	`password_salt` text NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`created_at` text NOT NULL,
	`disabled_at` text,
	FOREIGN KEY (`agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_username_unique` ON `user` (`username`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`table_name` text NOT NULL,
	`record_id` text NOT NULL,
	`changes` text NOT NULL,
	`import_batch_id` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_record_idx` ON `audit_log` (`table_name`,`record_id`);--> statement-breakpoint
CREATE TABLE `sync_conflict` (
	`id` text PRIMARY KEY NOT NULL,
	`table_name` text NOT NULL,
	`record_id` text NOT NULL,
	`field` text NOT NULL,
	`local_value` text,
	`remote_value` text,
	`local_hlc` text NOT NULL,
	`remote_hlc` text NOT NULL,
	`local_device` text NOT NULL,
	`remote_device` text NOT NULL,
	`local_user` text,
	`remote_user` text,
	`winner` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text
);
--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mutation_id` text NOT NULL,
	`table_name` text NOT NULL,
	`record_id` text NOT NULL,
	`op` text NOT NULL,
	`payload` text NOT NULL,
	`hlc` text NOT NULL,
	`created_at` text NOT NULL,
	`pushed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_outbox_mutation_id_unique` ON `sync_outbox` (`mutation_id`);--> statement-breakpoint
CREATE INDEX `sync_outbox_pending_idx` ON `sync_outbox` (`pushed_at`,`seq`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
