// Installing Ferry on a workspace through OAuth: check the state, trade the code for a token, learn the
// workspace and the installing admin from GET /me, and store the workspace with its token encrypted.
import { ConfigurationError, InputError } from '../errors.js';
import { sealContext } from '../crypto.js';
import { verifyState } from '../intercom/oauth.js';
import { consoleLink } from './console-link.js';
import type { Cipher, IntercomAuthPort, IntercomMe, WorkspaceRecord, WorkspacesPort } from './ports.js';

export interface InstallDeps {
  intercomAuth: IntercomAuthPort;
  workspaces: WorkspacesPort;
  cipher: Cipher;
  /** Signs the OAuth state and the console link (the app's client secret). */
  secret: string;
  publicUrl: string;
}

export interface Installed {
  workspace: WorkspaceRecord;
  me: IntercomMe;
  consoleUrl: string;
}

export async function installWorkspace(
  deps: InstallDeps,
  query: { code?: unknown; state?: unknown; error?: unknown },
): Promise<Installed> {
  const region = verifyState(deps.secret, query.state);
  if (typeof query.code !== 'string' || query.code === '') {
    // Intercom sends the admin back without a code when they decline the install.
    throw new InputError('Intercom did not authorise the install, so nothing was changed.', 'code');
  }
  const token = await deps.intercomAuth.exchangeCode(query.code);
  const me = await deps.intercomAuth.me(token, region);
  if (me === 'unauthorized') {
    throw new ConfigurationError(
      'Intercom refused the token it had just issued. Try the install again.',
      'intercom',
    );
  }
  const workspace = await deps.workspaces.saveInstall({
    intercomWorkspaceId: me.workspaceId,
    region: me.region,
    name: me.workspaceName,
    accessTokenEnc: deps.cipher.encrypt(token, sealContext.intercomToken(me.workspaceId)),
    installedByAdminId: me.adminId,
  });
  const consoleUrl = consoleLink(deps.publicUrl, deps.secret, {
    workspaceId: workspace.id,
    adminId: me.adminId,
  });
  return { workspace, me, consoleUrl };
}
