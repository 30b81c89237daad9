CREATE TABLE `festival_report` (
	`id` text PRIMARY KEY NOT NULL,
	`params` text NOT NULL,
	`figures` text NOT NULL,
	`pdf_sha256` text NOT NULL,
	`pdf_file_name` text NOT NULL,
	`xlsx_sha256` text NOT NULL,
	`xlsx_file_name` text NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `festival_report_issued_idx` ON `festival_report` (`issued_at`);