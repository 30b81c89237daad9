CREATE TABLE `partner_program` (
	`partner_id` text NOT NULL,
	`program_id` text NOT NULL,
	PRIMARY KEY(`partner_id`, `program_id`),
	FOREIGN KEY (`partner_id`) REFERENCES `partner`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `program`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `partner` ADD `collects_money` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `partner` ADD `licence_kind` text;--> statement-breakpoint
ALTER TABLE `partner` ADD `merged_into_id` text REFERENCES partner(id);