// Single-use tokens (OAuth state nonces, console link ids): the first use records the id, every later one is
// refused. One INSERT decides, so two requests racing with the same token cannot both win.
import type { Db } from './shared.js';

export type TokenKind = 'oauth-state' | 'console-link';

/** true the first time (kind, id) is used; false ever after (until the row is swept past expiry). */
export async function useOnce(db: Db, kind: TokenKind, tokenId: string, expiresAt: Date): Promise<boolean> {
  // Expired rows can go: their tokens are refused by their own expiry.
  await db('used_tokens').where('expires_at', '<', new Date()).delete();
  const inserted = await db('used_tokens')
    .insert({ kind, token_id: tokenId, expires_at: expiresAt })
    .onConflict(['kind', 'token_id'])
    .ignore()
    .returning('token_id');
  return inserted.length === 1;
}
