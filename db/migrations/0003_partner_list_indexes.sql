CREATE INDEX `partner_list_name_idx` ON `partner` (`normalized_name`,`id`,`archived_at`,`is_aggregator`,`is_collaborator`,`entity_kind`,`verified`) WHERE deleted_at IS NULL AND merged_into_id IS NULL;--> statement-breakpoint
CREATE INDEX `partner_list_kind_idx` ON `partner` (`entity_kind`,`normalized_name`,`id`,`archived_at`,`is_aggregator`,`is_collaborator`,`verified`) WHERE deleted_at IS NULL AND merged_into_id IS NULL;--> statement-breakpoint
CREATE INDEX `partner_list_created_idx` ON `partner` (`created_at`,`id`,`archived_at`,`is_aggregator`,`is_collaborator`,`entity_kind`,`verified`) WHERE deleted_at IS NULL AND merged_into_id IS NULL;--> statement-breakpoint
CREATE INDEX `partner_hidden_idx` ON `partner` (`archived_at`) WHERE deleted_at IS NOT NULL OR merged_into_id IS NOT NULL OR archived_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `partner_program_program_idx` ON `partner_program` (`program_id`,`partner_id`);--> statement-breakpoint
CREATE INDEX `distribution_aggregator_idx` ON `distribution` (`aggregator_id`);--> statement-breakpoint
CREATE INDEX `fund_transfer_donor_idx` ON `fund_transfer` (`donor_id`);--> statement-breakpoint
CREATE INDEX `pledge_aggregator_idx` ON `pledge` (`aggregator_id`);--> statement-breakpoint
CREATE INDEX `pledge_target_idx` ON `pledge` (`target_id`);