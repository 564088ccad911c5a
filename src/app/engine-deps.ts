// The server's wiring of the migration engine and the console: a migration's source connector from its
// sealed credentials, the workspace's Intercom client from its sealed token, signed attachment links on
// PUBLIC_URL. In the sandbox, `baseUrls` point sources at the sample help desk and `intercomUrl` at the
// Intercom emulator; in production both are the vendors' own hosts.
import type { Knex } from 'knex';
import type { Router } from 'express';
import type { Config } from '../config.js';
import { sealContext, type Cipher } from '../crypto.js';
import { ConfigurationError } from '../errors.js';
import { createIntercomClient, type IntercomClient } from '../intercom/index.js';
import { parseRegion } from '../intercom/regions.js';
import type { Logger } from '../logger.js';
import * as workspaces from '../db/repositories/workspaces.js';
import { attachmentLinkSigner } from '../engine/attachment-links.js';
import { attachmentRoutes } from '../engine/attachment-routes.js';
import type { EngineDeps } from '../engine/context.js';
import type { SourceConnector } from '../sources/connector.js';
import { storedAccount } from './console/credentials.js';
import { connectorForAccount, type SourceBaseUrls } from './console/source-credentials.js';
import type { ConsoleDeps } from './console/index.js';
import type { IntercomDirectoryPort, SourcePort } from './wizard/ports.js';
import { intercomDirectoryPort } from './wizard/intercom-directory.js';
import { connectorSourcePort } from './wizard/source-port.js';
import { sharedWorkspaceBudgets } from './shared-budgets.js';

export interface ServerWiring {
  engine: EngineDeps;
  console: ConsoleDeps;
  /** GET /files/<jwt>: the attachment links Intercom fetches. */
  attachmentRouter: Router;
}

export function serverWiring(o: {
  config: Config;
  logger: Logger;
  knex: Knex;
  cipher: Cipher;
  clientSecret: string;
  baseUrls: SourceBaseUrls;
  /** The Intercom API to call (the sandbox's emulator); default: INTERCOM_API_URL or the region's host. */
  intercomUrl?: string | undefined;
}): ServerWiring {
  const { config, logger, knex, cipher } = o;
  const intercomUrl = o.intercomUrl ?? config.intercom.apiUrl;
  const ports: { source: SourcePort; intercom: IntercomDirectoryPort } = {
    source: connectorSourcePort({ cipher, logger, baseUrls: o.baseUrls }),
    intercom: intercomDirectoryPort({ cipher, logger, ...(intercomUrl ? { apiUrl: intercomUrl } : {}) }),
  };
  // One budget per workspace for every worker process on this database.
  const budgetFor = sharedWorkspaceBudgets(knex);
  const intercomFor = (ws: workspaces.WorkspaceRow): IntercomClient => {
    if (!ws.access_token_enc || ws.uninstalled_at)
      throw new ConfigurationError(
        'Ferry is not installed on this workspace any more: install it again.',
        'intercom',
      );
    const baseUrl = intercomUrl;
    return createIntercomClient({
      accessToken: cipher.decrypt(ws.access_token_enc, sealContext.intercomToken(ws.intercom_workspace_id)),
      region: parseRegion(ws.region),
      ...(baseUrl ? { baseUrl } : {}),
      logger,
      budgetFor,
    });
  };
  const migrationById = async (id: string) => {
    const row = await knex('migrations').where({ id }).first<{
      id: string;
      workspace_id: string;
      source_platform: 'zendesk' | 'freshdesk';
      source_account: string | null;
      source_credentials_enc: string | null;
    }>();
    if (!row) throw new ConfigurationError(`Migration ${id} no longer exists.`, 'source');
    return row;
  };
  const connectorFor = async (migrationId: string): Promise<SourceConnector> =>
    connectorForAccount(storedAccount(cipher, await migrationById(migrationId)), o.baseUrls, logger);
  const links = attachmentLinkSigner({ publicUrl: config.publicUrl, secret: o.clientSecret });
  const engine: EngineDeps = {
    db: knex,
    logger,
    links,
    searchSettleMs: config.searchSettleMs,
    retentionDays: config.retention.days,
    ...(config.stageSliceMs ? { stageSliceMs: config.stageSliceMs } : {}),
    connectorFor: (m) => connectorFor(m.id),
    intercomFor: async (m) => {
      const ws = await workspaces.getById(knex, (await migrationById(m.id)).workspace_id);
      if (!ws) throw new ConfigurationError('The workspace of this migration is gone.', 'intercom');
      return intercomFor(ws);
    },
  };
  const attachmentRouter = attachmentRoutes({ signer: links, logger, db: knex });
  return {
    engine,
    attachmentRouter,
    console: {
      db: knex,
      logger,
      secret: o.clientSecret,
      publicUrl: config.publicUrl,
      cipher,
      source: ports.source,
      directory: ports.intercom,
      supportMessenger: config.supportMessenger,
      retentionDays: config.retention.days,
    },
  };
}
