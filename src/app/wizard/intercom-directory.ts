// The IntercomDirectoryPort on the workspace's own token: teammates, teams and the attributes a source
// field can map to (data attributes of contacts, companies and conversations; ticket-type attributes).
import { sealContext, type Cipher } from '../../crypto.js';
import { ConfigurationError } from '../../errors.js';
import { createIntercomClient } from '../../intercom/client.js';
import type { Logger } from '../../logger.js';
import type { IntercomAttribute } from '../../transform/reference.js';
import type { IntercomDirectoryPort } from './ports.js';

export interface IntercomDirectoryOptions {
  cipher: Cipher;
  logger: Logger;
  /** INTERCOM_API_URL (the emulator in the sandbox and tests). */
  apiUrl?: string;
}

export function intercomDirectoryPort(o: IntercomDirectoryOptions): IntercomDirectoryPort {
  return {
    async directory(workspace) {
      if (!workspace.accessTokenEnc)
        throw new ConfigurationError(
          'Ferry has no Intercom token for this workspace: install it again',
          'intercom',
        );
      const client = createIntercomClient({
        accessToken: o.cipher.decrypt(
          workspace.accessTokenEnc,
          sealContext.intercomToken(workspace.intercomWorkspaceId),
        ),
        region: workspace.region,
        ...(o.apiUrl ? { baseUrl: o.apiUrl } : {}),
        logger: o.logger,
      });
      // 2.16 GET /data_attributes takes model=contact|company only (the description's enum); conversation
      // attributes (tickets migrated as conversations) come from GET /conversations/attributes.
      const [admins, teams, contact, company, types, conversation] = await Promise.all([
        client.listAdmins(),
        client.listTeams(),
        client.listDataAttributes('contact'),
        client.listDataAttributes('company'),
        client.listTicketTypes(),
        client.listConversationAttributes(),
      ]);
      const data = (model: IntercomAttribute['model'], list: typeof contact): IntercomAttribute[] =>
        list
          .filter((a) => !a.archived)
          .map((a) => ({ name: a.name, label: a.label ?? null, model, dataType: a.data_type }));
      const ticket: IntercomAttribute[] = types
        .filter((t) => !t.archived)
        .flatMap((t) => t.ticket_type_attributes?.ticket_type_attributes ?? [])
        .filter((a) => !a.archived)
        .map((a) => ({ name: a.name, model: 'ticket', dataType: a.data_type }));
      return {
        admins: admins.map((a) => ({ id: a.id, name: a.name ?? '', email: a.email ?? null })),
        teams: teams.map((t) => ({
          id: t.id,
          name: t.name,
          ...(t.admin_ids ? { memberCount: t.admin_ids.length } : {}),
        })),
        attributes: [
          ...data('contact', contact),
          ...data('company', company),
          ...ticket,
          ...conversation
            .filter((a) => !a.archived)
            .map((a): IntercomAttribute => ({
              name: a.name,
              label: null,
              model: 'conversation',
              dataType: a.data_type,
            })),
        ],
      };
    },
  };
}
