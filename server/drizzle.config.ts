import { defineConfig } from 'drizzle-kit';

// The hub's PostgreSQL schema, apart from the app's SQLite one (../drizzle.config.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/schema.ts',
  out: './server/migrations',
});
