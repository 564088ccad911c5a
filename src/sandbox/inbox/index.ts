// `npm start` with no configuration: the sample help desk and the Intercom emulator start in-process, a
// sandbox workspace is installed (its token sealed like any other, its first teammate as the installer), and
// the Inbox preview is served at /. main.ts mounts this only when isSandbox(config); production never does.
import type { Knex } from 'knex';
import type { Router } from 'express';
import { sealContext, type Cipher } from '../../crypto.js';
import * as workspaces from '../../db/repositories/workspaces.js';
import type { CredentialsView } from '../../console/pages/credentials.js';
import type { Platform } from '../../model/canonical.js';
import { inboxRoutes, type SandboxAdmin } from './routes.js';
import { SANDBOX_SOURCE, startSandboxEnvironment, type SandboxEnvironment } from './environment.js';

export { SANDBOX_SOURCE, startSandboxEnvironment, type SandboxEnvironment };

export interface Sandbox {
  env: SandboxEnvironment;
  router: Router;
  admins: SandboxAdmin[];
  /** The Intercom emulator's base URL: the sandbox's INTERCOM_API_URL and INTERCOM_APP_URL (OAuth). */
  intercomUrl: string;
  /** The credentials the console shows as a hint for the migration's platform. */
  sampleCredentials(platform: Platform): CredentialsView['sample'];
  close(): Promise<void>;
}

export async function startSandbox(o: {
  knex: Knex;
  cipher: Cipher;
  /** The app's OAuth client (SANDBOX_CLIENT_ID): the emulator's authorize page and token exchange know it. */
  clientId: string;
  clientSecret: string;
  selfUrl(): string;
  tickets?: number;
}): Promise<Sandbox> {
  const env = await startSandboxEnvironment({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    ...(o.tickets ? { tickets: o.tickets } : {}),
  });
  const admins: SandboxAdmin[] = env.intercom.state.admins.map((a) => ({
    id: String(a.id),
    name: String(a.name ?? a.id),
    email: String(a.email ?? ''),
  }));
  const installer = admins[0]!;
  await workspaces.upsertInstalled(o.knex, {
    intercom_workspace_id: env.intercom.state.app.id_code,
    region: 'us',
    name: 'Sandbox workspace',
    access_token_enc: o.cipher.encrypt(
      env.intercom.accessToken,
      sealContext.intercomToken(env.intercom.state.app.id_code),
    ),
    installed_by_admin_id: installer.id,
  });
  const router = inboxRoutes({
    clientSecret: o.clientSecret,
    workspaceId: env.intercom.state.app.id_code,
    admins,
    selfUrl: o.selfUrl,
  });
  return {
    env,
    router,
    admins,
    intercomUrl: env.intercom.url,
    sampleCredentials: (platform) =>
      platform === 'zendesk'
        ? { subdomain: SANDBOX_SOURCE.subdomain, ...SANDBOX_SOURCE.zendesk }
        : { subdomain: SANDBOX_SOURCE.subdomain, ...SANDBOX_SOURCE.freshdesk },
    close: () => env.close(),
  };
}
