// Intercom posts { app_id } to the uninstall URL, and anyone could post that. So the workspace is marked
// uninstalled, its token wiped and its runs stopped only once the call is proven: a valid X-Body-Signature,
// or GET /me with the stored token answering 401 (Intercom revokes the token on uninstall).
// Payload: "The uninstall request does pass the app_id in the payload" (Intercom, community.intercom.com
// "What should we do for uninstall follow?").
import { z } from 'zod';
import { InputError, SignatureError } from '../errors.js';
import { sealContext } from '../crypto.js';
import { verifyBodySignature } from '../intercom/signature.js';
import type { Cipher, IntercomAuthPort, WorkspacesPort } from './ports.js';

export interface UninstallDeps {
  workspaces: WorkspacesPort;
  intercomAuth: IntercomAuthPort;
  cipher: Cipher;
  clientSecret: string | undefined;
}

export const UNINSTALL_REASON = 'Ferry was uninstalled from Intercom.';

const uninstallBody = z.looseObject({ app_id: z.union([z.string().min(1), z.number().transform(String)]) });

export type UninstallOutcome = 'uninstalled' | 'unknown_workspace' | 'already_uninstalled';

export async function uninstallWorkspace(
  deps: UninstallDeps,
  request: { rawBody: Buffer; signature: string | undefined; body: unknown },
): Promise<UninstallOutcome> {
  const parsed = uninstallBody.safeParse(request.body);
  if (!parsed.success) throw new InputError('app_id is required', 'app_id');
  const workspace = await deps.workspaces.findByIntercomId(parsed.data.app_id);
  if (!workspace) return 'unknown_workspace';
  if (workspace.uninstalledAt) return 'already_uninstalled';

  let proven = verifyBodySignature(request.rawBody, request.signature, deps.clientSecret);
  if (!proven && workspace.accessTokenEnc) {
    const token = deps.cipher.decrypt(
      workspace.accessTokenEnc,
      sealContext.intercomToken(workspace.intercomWorkspaceId),
    );
    proven = (await deps.intercomAuth.me(token, workspace.region)) === 'unauthorized';
  }
  if (!proven) throw new SignatureError('The uninstall is not signed and the workspace token still works.');
  await deps.workspaces.uninstall(workspace.id, UNINSTALL_REASON);
  return 'uninstalled';
}
