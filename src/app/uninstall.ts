// Intercom posts { app_id } to the uninstall URL, and anyone could post that (app_id is public). So only a
// request signed with the app's client secret (X-Body-Signature) is acted on: the workspace is marked
// uninstalled, its token wiped and its runs stopped. An unsigned request is refused before anything is read:
// it gets the same answer whether or not the workspace is installed, and causes no call to Intercom (an
// earlier version checked GET /me with the workspace's token, which let anyone spend its rate limit).
// A workspace uninstalled without a signed call is found out the next time its token is used: Intercom
// answers 401 and the run pauses with a reason (src/intercom/errors.ts).
// Payload: "The uninstall request does pass the app_id in the payload" (Intercom, community.intercom.com
// "What should we do for uninstall follow?").
import { z } from 'zod';
import { InputError, SignatureError } from '../errors.js';
import { verifyBodySignature } from '../intercom/signature.js';
import type { WorkspacesPort } from './ports.js';

export interface UninstallDeps {
  workspaces: WorkspacesPort;
  clientSecret: string | undefined;
  /** Ends live catch-up of the workspace's migrations (src/app/live/follow.ts endLiveModeOfWorkspace). */
  endLiveMode?: (workspaceId: string) => Promise<unknown>;
}

export const UNINSTALL_REASON = 'Ferry was uninstalled from Intercom.';

const uninstallBody = z.looseObject({ app_id: z.union([z.string().min(1), z.number().transform(String)]) });

export type UninstallOutcome = 'uninstalled' | 'unknown_workspace' | 'already_uninstalled';

export async function uninstallWorkspace(
  deps: UninstallDeps,
  request: { rawBody: Buffer; signature: string | undefined; body: unknown },
): Promise<UninstallOutcome> {
  if (!verifyBodySignature(request.rawBody, request.signature, deps.clientSecret))
    throw new SignatureError('Missing or invalid X-Body-Signature.');
  const parsed = uninstallBody.safeParse(request.body);
  if (!parsed.success) throw new InputError('app_id is required', 'app_id');
  const workspace = await deps.workspaces.findByIntercomId(parsed.data.app_id);
  if (!workspace) return 'unknown_workspace';
  if (workspace.uninstalledAt) return 'already_uninstalled';
  await deps.workspaces.uninstall(workspace.id, UNINSTALL_REASON);
  await deps.endLiveMode?.(workspace.id);
  return 'uninstalled';
}
