// Every route Intercom talks to, built from one set of dependencies, for main.ts to mount with createApp.
import type { Router } from 'express';
import type {
  Cipher,
  IntercomAuthPort,
  MigrationsPort,
  UsedTokensPort,
  WebhookEventsPort,
  WorkspacesPort,
} from '../../app/ports.js';
import type { WizardDeps } from '../../app/wizard/ports.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { canvasRoutes } from './canvas.js';
import { oauthRoutes } from './oauth.js';
import { uninstallRoutes } from './uninstall.js';
import { webhookRoutes } from './webhooks.js';

/** The client id the sandbox's emulator is given when no Intercom app is configured. */
export const SANDBOX_CLIENT_ID = 'ferry-sandbox';

export interface IntercomRoutesDeps {
  config: Config;
  logger: Logger;
  /** INTERCOM_CLIENT_SECRET, or in the sandbox loadOrCreateSecret(dataDir, 'intercom-client-secret'). */
  clientSecret: string;
  workspaces: WorkspacesPort;
  migrations: MigrationsPort;
  webhookEvents: WebhookEventsPort;
  usedTokens: UsedTokensPort;
  cipher: Cipher;
  intercomAuth: IntercomAuthPort;
  /** Where the OAuth authorize page is: INTERCOM_APP_URL, the sandbox's emulator, else Intercom's. */
  intercomAppUrl?: string | undefined;
  /** Ends live catch-up of a workspace's migrations at uninstall. */
  endLiveMode?: (workspaceId: string) => Promise<unknown>;
  /** The wizard's database handle and its source and Intercom directory adapters. */
  wizard: Pick<WizardDeps, 'knex' | 'source' | 'intercom' | 'live'>;
}

export function intercomRoutes(d: IntercomRoutesDeps): Router[] {
  return [
    canvasRoutes({
      ...d.wizard,
      workspaces: d.workspaces,
      migrations: d.migrations,
      clientSecret: d.clientSecret,
      publicUrl: d.config.publicUrl,
      // Console links are signed with the secret the install's console link uses (src/app/install.ts).
      consoleSecret: d.clientSecret,
    }),
    oauthRoutes({
      clientId: d.config.intercom.clientId ?? SANDBOX_CLIENT_ID,
      clientSecret: d.clientSecret,
      appUrl: d.intercomAppUrl ?? d.config.intercom.appUrl,
      publicUrl: d.config.publicUrl,
      logger: d.logger,
      intercomAuth: d.intercomAuth,
      workspaces: d.workspaces,
      cipher: d.cipher,
      usedTokens: d.usedTokens,
    }),
    uninstallRoutes(d),
    webhookRoutes(d),
  ];
}
