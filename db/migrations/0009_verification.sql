CREATE TABLE `pledge_assignment` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`pledge_id` text NOT NULL,
	`target_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`beyond_need` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`pledge_id`) REFERENCES `pledge`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_id`) REFERENCES `target`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pledge_assignment_pledge_idx` ON `pledge_assignment` (`pledge_id`);--> statement-breakpoint
CREATE INDEX `pledge_assignment_target_idx` ON `pledge_assignment` (`target_id`);--> statement-breakpoint
CREATE TABLE `verification` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted_at` text,
	`action` text NOT NULL,
	`to_status` text NOT NULL,
	`actor` text NOT NULL,
	`reason` text,
	`override` integer NOT NULL,
	`evidence` text NOT NULL,
	`rows` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `verification_row` (
	`distribution_id` text NOT NULL,
	`verification_id` text NOT NULL,
	`from_status` text NOT NULL,
	PRIMARY KEY(`distribution_id`, `verification_id`),
	FOREIGN KEY (`distribution_id`) REFERENCES `distribution`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verification_id`) REFERENCES `verification`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `target` ADD `pic_role` text;--> statement-breakpoint
ALTER TABLE `distribution` ADD `replaces_id` text REFERENCES distribution(id);--> statement-breakpoint
CREATE INDEX `distribution_replaces_idx` ON `distribution` (`replaces_id`) WHERE replaces_id IS NOT NULL;