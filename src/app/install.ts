// Installing Ferry on a workspace through OAuth: check the state (signed, this browser's, unused), trade the code for a token, learn the
// workspace and the installing admin from GET /me, and store the workspace with its token encrypted.
import { ConfigurationError, InputError } from '../errors.js';
import { timingSafeEqual } from 'node:crypto';
import { sealContext } from '../crypto.js';
import { readState } from '../intercom/oauth.js';
import { consoleLink } from './console-link.js';
import type {
  Cipher,
  IntercomAuthPort,
  IntercomMe,
  UsedTokensPort,
  WorkspaceRecord,
  WorkspacesPort,
} from './ports.js';

export interface InstallDeps {
  intercomAuth: IntercomAuthPort;
  workspaces: WorkspacesPort;
  cipher: Cipher;
  usedTokens: UsedTokensPort;
  /** Signs the OAuth state and the console link (the app's client secret). */
  secret: string;
  publicUrl: string;
}

export interface Installed {
  workspace: WorkspaceRecord;
  me: IntercomMe;
  consoleUrl: string;
}

const sameNonce = (a: string, b: string | undefined): boolean =>
  b !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * `browserNonce` is the nonce cookie /oauth/install set: the state must carry the same one (the install was
 * started in this browser, not planted by someone else: login CSRF), and it works once.
 */
export async function installWorkspace(
  deps: InstallDeps,
  query: { code?: unknown; state?: unknown; error?: unknown },
  browserNonce: string | undefined,
): Promise<Installed> {
  const { region, nonce, expiresAt } = readState(deps.secret, query.state);
  if (!sameNonce(nonce, browserNonce))
    throw new InputError(
      'This install was not started in this browser. Start the install again from Intercom.',
      'state',
    );
  if (!(await deps.usedTokens.useOnce('oauth-state', nonce, expiresAt)))
    throw new InputError(
      'This install link was already used. Start the install again from Intercom.',
      'state',
    );
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
    timeZone: me.timeZone,
  });
  const consoleUrl = consoleLink(deps.publicUrl, deps.secret, {
    workspaceId: workspace.id,
    adminId: me.adminId,
  });
  return { workspace, me, consoleUrl };
}
