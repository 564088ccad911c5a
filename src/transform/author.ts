// Who writes a part in Intercom. Teammates cannot be created through the API (DESIGN), so an agent is the
// mapped teammate, else the teammate with the same e-mail; an unmapped or deactivated agent's words go out as
// the fallback teammate with "Originally written by NAME" kept in the part.
import type { ReferenceData } from './reference.js';
import { escapeHtml } from './source-ref.js';
import { matchKey } from './matching.js';

export type AuthorResolution =
  | { kind: 'admin'; adminId: string; via: 'mapping' | 'email' }
  | { kind: 'fallback'; adminId: string; originalName: string; reason: string }
  | { kind: 'skip'; reason: string };

type AuthorRef = Pick<ReferenceData, 'agents' | 'admins' | 'fallbackAdminId' | 'settings'>;

/** Resolves a source agent id to the Intercom teammate that writes for it. */
export function resolveAgent(agentId: string | null, ref: AuthorRef): AuthorResolution {
  const agent = agentId === null ? undefined : ref.agents.get(agentId);
  const fallback = (originalName: string, reason: string): AuthorResolution => ({
    kind: 'fallback',
    adminId: ref.fallbackAdminId,
    originalName,
    reason,
  });
  if (!agent) return fallback(agentId === null ? 'an unknown agent' : `agent ${agentId}`, 'unknown agent');
  const mapped = ref.settings.mappings.agents[agent.id];
  if (mapped) return { kind: 'admin', adminId: mapped, via: 'mapping' };
  if (mapped === null) return fallback(agent.name, 'mapped to the fallback teammate');
  if (!agent.active) {
    return ref.settings.options.inactiveAgents === 'skip'
      ? { kind: 'skip', reason: `written by the deactivated agent ${agent.name}` }
      : fallback(agent.name, 'deactivated agent');
  }
  const email = matchKey(agent.email);
  const admin = email === '' ? undefined : ref.admins.find((a) => matchKey(a.email) === email);
  if (admin) return { kind: 'admin', adminId: admin.id, via: 'email' };
  return fallback(agent.name, 'no teammate with this e-mail');
}

/** The Intercom admin id that becomes an assignee: mapped or matched only (a fallback would misattribute). */
export function assigneeAdminId(agentId: string | null, ref: AuthorRef): string | null {
  if (agentId === null) return null;
  const r = resolveAgent(agentId, ref);
  return r.kind === 'admin' ? r.adminId : null;
}

/** "<p><i>Originally written by NAME</i></p>" — the visible attribution a fallback part carries. */
export function originallyWrittenBy(name: string): string {
  return `<p><i>Originally written by ${escapeHtml(name)}</i></p>`;
}
