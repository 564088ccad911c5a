// The wizard's own record of a migration, kept in migrations.checklist (jsonb): which steps were saved, the
// last successful connection test, the mapping summary, what Ferry verified and what the admin ticked.
// Parsed leniently (each part falls back to its default), so an older or damaged value never breaks a canvas.
import { z } from 'zod';
import type { MessageKey } from '../../../canvas/i18n/index.js';
import { ADMIN_ITEMS, POST_ITEMS, type WizardStep } from '../../../canvas/screens/index.js';

const count = z.object({ matched: z.number().int(), total: z.number().int() });

export const wizardProgressSchema = z.object({
  /** Steps whose form was saved at least once. */
  saved: z.array(z.enum(['scope', 'mapping', 'options'])).catch([]),
  /** The last successful Test connection (cleared when the account changes or a test fails). */
  source: z
    .object({
      account: z.string(),
      user: z.string(),
      available: z.record(z.string(), z.number().nullable()),
      /** The counts that are estimates ("about N"); absent in tests saved before there were any. */
      estimated: z.array(z.string()).optional().catch(undefined),
      checkedAt: z.string(),
    })
    .nullable()
    .catch(null),
  mapping: z
    .object({
      agents: count,
      groups: count,
      fields: count,
      fallback: z.string().nullable(),
      missingAttributes: z.number().int(),
      /** What the matching saw (absent in values saved before it was kept): the summary is redone from it. */
      snapshot: z
        .object({
          agentIds: z.array(z.string()),
          groupIds: z.array(z.string()),
          fieldIds: z.array(z.string()),
          attributes: z.array(z.string()),
          admins: z.record(z.string(), z.string()),
        })
        .optional()
        .catch(undefined),
    })
    .nullable()
    .catch(null),
  /** What Ferry verified through Intercom's API (null: not checked since the mappings last changed). */
  verified: z
    .object({ teammates: z.boolean().nullable(), attributes: z.boolean().nullable() })
    .catch({ teammates: null, attributes: null }),
  ticked: z.array(z.enum(ADMIN_ITEMS)).catch([]),
  agreed: z.boolean().catch(false),
  post: z.array(z.enum(POST_ITEMS)).catch([]),
});
export type WizardProgress = z.infer<typeof wizardProgressSchema>;

export function parseProgress(value: unknown): WizardProgress {
  return wizardProgressSchema.parse(typeof value === 'object' && value !== null ? value : {});
}

export interface RunFacts {
  demoDone: boolean;
  fullDone: boolean;
}

/** The checklist's items still open, as the message keys that name them (empty: complete). */
export function missingItems(p: WizardProgress, runs: RunFacts): MessageKey[] {
  const out: MessageKey[] = [];
  if (p.verified.teammates !== true) out.push('checklist.teammates');
  if (p.verified.attributes !== true) out.push('checklist.attributes');
  if (!runs.demoDone) out.push('checklist.demo_done');
  for (const i of ADMIN_ITEMS) if (!p.ticked.includes(i)) out.push(`checklist.item.${i}`);
  if (!p.agreed) out.push('checklist.agree');
  return out;
}

export function checklistComplete(p: WizardProgress, runs: RunFacts): boolean {
  return missingItems(p, runs).length === 0;
}

/** The step the admin takes next: the first one not done, in the wizard's order. */
export function nextStep(p: WizardProgress, runs: RunFacts): WizardStep {
  if (!p.source) return 'connect';
  for (const step of ['scope', 'mapping', 'options'] as const) if (!p.saved.includes(step)) return step;
  if (!p.agreed) return 'checklist';
  if (!runs.demoDone) return 'demo';
  if (!checklistComplete(p, runs)) return 'checklist';
  return runs.fullDone ? 'post' : 'full';
}
