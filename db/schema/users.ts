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

/**
 * A signed-in session of the app window or the web host. Only the SHA-256 of the token is kept,
 * so reading the database does not let anyone take over a session; `lastSeenAt` ends it on idle.
 */
export const session = sqliteTable('session', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => user.id),
  createdAt: text('created_at').notNull(),
  lastSeenAt: text('last_seen_at').notNull(),
  endedAt: text('ended_at'),
});

/** Local preferences of this installation (UI language, secretariat name); not synced. */
export const setting = sqliteTable('setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
