// Credentials sealed before v2 (`v1:` tokens, no additional authenticated data) rewritten as v2, bound to
// their row and purpose (src/crypto.ts). Runs at every start, after the migrations, so a database keeps v1
// tokens only until the first start of this version (and a v1 token an older process writes during a
// rolling deploy, until the next start). A row is rewritten only if it still holds the token that was read
// (another process may have resealed or replaced it meanwhile). A token that does not open (another key) is
// left as it is: reading it fails as before, and the admin enters the credentials again.
import type { Knex } from 'knex';
import { z } from 'zod';
import { isLegacyToken, sealContext, type Cipher } from '../crypto.js';

const workspaceRow = z.object({ id: z.string(), intercom_workspace_id: z.string(), sealed: z.string() });
const migrationRow = z.object({ id: z.string(), sealed: z.string() });

export interface Resealed {
  workspaces: number;
  migrations: number;
  /** Tokens that did not open with this key (left as they were). */
  unreadable: number;
}

export async function resealLegacyCredentials(db: Knex, cipher: Cipher): Promise<Resealed> {
  const out: Resealed = { workspaces: 0, migrations: 0, unreadable: 0 };
  /** The plain text of a v1 token (v1 has no context to check), or null when it does not open. */
  const open = (token: string): string | null => {
    try {
      return isLegacyToken(token) ? cipher.decrypt(token, '') : null;
    } catch {
      out.unreadable += 1;
      return null;
    }
  };

  const workspaces = z
    .array(workspaceRow)
    .parse(
      await db('workspaces')
        .where('access_token_enc', 'like', 'v1:%')
        .select('id', 'intercom_workspace_id', { sealed: 'access_token_enc' }),
    );
  for (const w of workspaces) {
    const plain = open(w.sealed);
    if (plain === null) continue;
    out.workspaces += await db('workspaces')
      .where({ id: w.id, access_token_enc: w.sealed })
      .update({
        access_token_enc: cipher.encrypt(plain, sealContext.intercomToken(w.intercom_workspace_id)),
      });
  }

  const migrations = z
    .array(migrationRow)
    .parse(
      await db('migrations')
        .where('source_credentials_enc', 'like', 'v1:%')
        .select('id', { sealed: 'source_credentials_enc' }),
    );
  for (const m of migrations) {
    const plain = open(m.sealed);
    if (plain === null) continue;
    out.migrations += await db('migrations')
      .where({ id: m.id, source_credentials_enc: m.sealed })
      .update({ source_credentials_enc: cipher.encrypt(plain, sealContext.sourceCredentials(m.id)) });
  }
  return out;
}
