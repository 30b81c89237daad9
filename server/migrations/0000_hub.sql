CREATE TABLE "device" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "device_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "enrolment_code" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"device_id" text
);
--> statement-breakpoint
CREATE TABLE "hub_blob" (
	"sha256" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"device_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_conflict" (
	"id" text PRIMARY KEY NOT NULL,
	"mutation_id" text NOT NULL,
	"table_name" text NOT NULL,
	"record_id" text NOT NULL,
	"field" text NOT NULL,
	"winner" text NOT NULL,
	"hub_value" jsonb,
	"hub_hlc" text NOT NULL,
	"hub_device" text NOT NULL,
	"hub_user" text,
	"incoming_value" jsonb,
	"incoming_hlc" text NOT NULL,
	"incoming_device" text NOT NULL,
	"incoming_user" text,
	"detected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_mutation" (
	"mutation_id" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"table_name" text NOT NULL,
	"record_id" text NOT NULL,
	"hlc" text NOT NULL,
	"status" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_record" (
	"table_name" text NOT NULL,
	"record_id" text NOT NULL,
	"fields" jsonb NOT NULL,
	"clocks" jsonb NOT NULL,
	"hlc" text NOT NULL,
	"deleted_at" text,
	"seq" bigint NOT NULL,
	CONSTRAINT "hub_record_table_name_record_id_pk" PRIMARY KEY("table_name","record_id")
);
--> statement-breakpoint
CREATE INDEX "hub_conflict_record_idx" ON "hub_conflict" USING btree ("table_name","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hub_record_seq_idx" ON "hub_record" USING btree ("seq");