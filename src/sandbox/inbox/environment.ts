// The sandbox's world on one machine: the sample help desk (as Zendesk and as Freshdesk) and the Intercom
// emulator, each on its own 127.0.0.1 port, started in-process. The sample subdomain reaches the sample help
// desk of the migration's platform, so the whole flow runs offline; any other subdomain has no help desk
// there, so that a wrong subdomain can be tried.
import type { SourceBaseUrls } from '../../app/console/source-credentials.js';
import { createSampleAccount } from '../sample-account/index.js';
import { startFreshdeskEmulator, type RunningFreshdeskEmulator } from '../freshdesk/emulator.js';
import { startIntercomEmulator, type RunningIntercomEmulator } from '../intercom/index.js';
import { startZendeskEmulator, type RunningZendeskEmulator } from '../zendesk/index.js';
import { nextId } from '../intercom/state.js';
import type { SampleAccount } from '../sample-account/index.js';

/**
 * Teammates and teams for most of the sample help desk's agents and groups, so the mapping shows real
 * matches by e-mail and by name — and one of each left unmatched, as in a real workspace.
 */
function seedTeammates(intercom: RunningIntercomEmulator, account: SampleAccount): void {
  const agents = account.agents().filter((a) => a.email);
  for (const a of agents.slice(0, -1))
    intercom.state.admins.push({
      type: 'admin',
      id: nextId(),
      name: a.name,
      email: a.email,
      job_title: 'Support',
      away_mode_enabled: false,
      away_mode_reassign: false,
      has_inbox_seat: true,
      team_ids: [],
    });
  for (const g of account.groups().slice(0, -1))
    intercom.state.teams.push({ type: 'team', id: nextId(), name: g.name, admin_ids: [] });
}

/** What the sandbox's credentials page shows as a hint: the sample help desk's own credentials. */
export const SANDBOX_SOURCE = {
  subdomain: 'sample-support',
  zendesk: { email: 'admin@sample-support.test', token: 'sandbox-zendesk-token' },
  freshdesk: { apiKey: 'sandbox-freshdesk-key' },
} as const;

export interface SandboxEnvironment {
  zendesk: RunningZendeskEmulator;
  freshdesk: RunningFreshdeskEmulator;
  intercom: RunningIntercomEmulator;
  /** The sample subdomain of each platform answers at its emulator; any other has no help desk. */
  baseUrls: SourceBaseUrls;
  close(): Promise<void>;
}

export async function startSandboxEnvironment(
  o: { tickets?: number; clientId?: string; clientSecret?: string } = {},
): Promise<SandboxEnvironment> {
  const account = createSampleAccount({ seed: 'sandbox', tickets: o.tickets ?? 60 });
  const zendesk = await startZendeskEmulator({
    account,
    credentials: SANDBOX_SOURCE.zendesk,
    // A demo should not wait for Zendesk's 10 export calls a minute.
    exportLimitPerMinute: 600,
  });
  const freshdesk = await startFreshdeskEmulator({
    account,
    apiKey: SANDBOX_SOURCE.freshdesk.apiKey,
    exportPolls: 1,
  });
  const intercom = await startIntercomEmulator({
    workspaceId: 'sandbox',
    ...(o.clientId ? { clientId: o.clientId } : {}),
    ...(o.clientSecret ? { clientSecret: o.clientSecret } : {}),
  });
  seedTeammates(intercom, account);
  return {
    zendesk,
    freshdesk,
    intercom,
    baseUrls: { zendesk: zendesk.url, freshdesk: freshdesk.url, accounts: [SANDBOX_SOURCE.subdomain] },
    async close() {
      await Promise.allSettled([zendesk.close(), freshdesk.close(), intercom.close()]);
    },
  };
}
