import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agency } from './programs';

export const userRoles = ['sekretariat', 'skpd', 'auditor'] as const;
export type UserRole = (typeof userRoles)[number];

/** A local account; SKPD users are scoped to their agency's programs. */
export const user = sqliteTable('user', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: userRoles }).notNull(),
  agencyId: text('agency_id').references(() => agency.id),
  passwordHash: text('password_hash').notNull(),
  passwordSalt: text('password_salt').notNull(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: text('locked_until'),
  createdAt: text('created_at').notNull(),
  disabledAt: text('disabled_at'),
});

/** Local preferences of this installation (UI language, secretariat name); not synced. */
export const setting = sqliteTable('setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
