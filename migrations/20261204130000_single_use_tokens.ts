// Single-use tokens: the OAuth state's nonce and the console link's jti are recorded when first used, so a
// second use of the same state or link is refused (login CSRF, a link replayed from history or a log).
// Rows are useless once the token has expired and are deleted then.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('used_tokens', (t) => {
    t.text('kind').notNullable();
    t.text('token_id').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['kind', 'token_id']);
    t.index(['expires_at'], 'used_tokens_expires_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('used_tokens');
}
