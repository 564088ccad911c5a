// What each changing command does, through the repositories and the runs API, always on the workspace's
// own migration. Each answers with the screen to show next and what to show on it.
import type { WizardScreen } from '../../../canvas/screens/index.js';
import { confirmationText, PLATFORMS } from '../../../canvas/screens/index.js';
import { translator } from '../../../canvas/i18n/index.js';
import { FerryError } from '../../errors.js';
import { platformSchema } from '../../model/canonical.js';
import { cancelRun, pauseRun, resumeRun, startRun } from '../runs.js';
import type { Command } from './flow.js';
import { parseChecklist, parseOptions, parsePost, parseScope, redirectsError } from './inputs.js';
import { applyMatches, verify } from './mapping.js';
import { checklistComplete, missingItems } from './progress.js';
import * as store from './store.js';
import { checkSubdomain } from './subdomain.js';
import { postpone, refusedAfterWipe } from './retention-actions.js';
import type { Overlay, WizardContext } from './view.js';

export interface Outcome {
  screen: WizardScreen;
  overlay?: Overlay;
}

type Inputs = Record<string, unknown>;
type Ready = WizardContext & { scoped: store.Scoped };

const failed = (err: unknown): Overlay => ({
  notice: {
    key: 'full.not_allowed',
    params: { reason: err instanceof FerryError ? err.message : 'an unexpected error (see the logs)' },
    error: true,
  },
});

async function withMigration(
  ctx: Ready,
  fn: (m: store.MigrationRow) => Promise<Outcome>,
  fallback: WizardScreen,
) {
  const m = await store.loadMigration(ctx.scoped);
  return m ? fn(m) : { screen: fallback };
}

export async function connect(ctx: Ready, inputs: Inputs): Promise<Outcome> {
  return withMigration(
    ctx,
    async (m) => {
      const platform = platformSchema.catch(m.source_platform).parse(inputs.connect_platform);
      const subdomain = typeof inputs.connect_subdomain === 'string' ? inputs.connect_subdomain : '';
      const checked = checkSubdomain(platform, subdomain);
      if (!checked.ok) {
        // Nothing is saved: the same screen, the typed value, the message at the field.
        return {
          screen: 'connect',
          overlay: { connect: { platform, subdomain, errors: { subdomain: checked.error } } },
        };
      }
      const progress = store.progressOf(m);
      const changed = m.source_platform !== platform || m.source_account !== checked.subdomain;
      if (changed) await store.saveSource(ctx.scoped, m, platform, checked.subdomain);
      const fresh = (await store.loadMigration(ctx.scoped)) ?? m;
      const result = await ctx.deps.source.test({
        platform,
        account: checked.subdomain,
        credentialsEnc: fresh.source_credentials_enc,
        migrationId: fresh.id,
      });
      if (!result.ok) {
        if (progress.source) await store.saveProgress(ctx.scoped, { ...progress, source: null });
        const name = PLATFORMS[platform];
        const key = `connect.error.${result.problem}` as const;
        const message = { key, params: { platform: name, account: `${checked.subdomain}` }, error: true };
        return {
          screen: 'connect',
          overlay: {
            connect: {
              platform,
              subdomain: checked.subdomain,
              errors: result.field === 'subdomain' ? { subdomain: message } : { credentials: message },
              ...(result.detail ? { detail: result.detail } : {}),
            },
          },
        };
      }
      await store.saveConnection(ctx.scoped, result);
      return { screen: 'connect' };
    },
    'home',
  );
}

export async function saveScope(ctx: Ready, inputs: Inputs): Promise<Outcome> {
  const parsed = parseScope(inputs);
  if (!parsed.ok) return { screen: 'scope', overlay: { scope: { ...parsed.value, errors: parsed.errors } } };
  return withMigration(
    ctx,
    async (m) => {
      const settings = store.settingsOf(m);
      const v = parsed.value;
      await store.saveSettings(ctx.scoped, {
        ...settings,
        entities: v.entities,
        target: v.target,
        filters: { ...settings.filters, createdFrom: v.createdFrom || null, createdTo: v.createdTo || null },
      });
      const progress = store.progressOf(m);
      await store.saveProgress(ctx.scoped, {
        ...progress,
        saved: [...new Set([...progress.saved, 'scope' as const])],
      });
      return progress.mapping
        ? { screen: 'mapping', overlay: { notice: { key: 'scope.saved' } } }
        : match(ctx, false, false);
    },
    'home',
  );
}

/**
 * Matches (filling only what is open: every choice the admin made stays), optionally turning on "create the
 * missing attributes". `pressed`: the admin asked for it (the screen then says so).
 */
export async function match(ctx: Ready, createMissing: boolean, pressed = true): Promise<Outcome> {
  return withMigration(
    ctx,
    async (m) => {
      if (!m.source_account) return { screen: 'connect' };
      try {
        let settings = store.settingsOf(m);
        if (createMissing)
          settings = { ...settings, options: { ...settings.options, createMissingAttributes: true } };
        const access = {
          platform: m.source_platform,
          account: m.source_account ?? '',
          credentialsEnc: m.source_credentials_enc,
          migrationId: m.id,
        };
        const [catalogue, directory] = await Promise.all([
          ctx.deps.source.catalogue(access),
          ctx.deps.intercom.directory(ctx.actor.workspace),
        ]);
        const matched = applyMatches(settings, catalogue, directory);
        await store.saveSettings(ctx.scoped, matched.settings);
        const progress = store.progressOf(m);
        // The mappings changed: what Ferry verified before no longer holds.
        await store.saveProgress(ctx.scoped, {
          ...progress,
          mapping: matched.summary,
          verified: { teammates: null, attributes: null },
        });
        return pressed
          ? { screen: 'mapping', overlay: { notice: { key: 'mapping.matched' } } }
          : { screen: 'mapping' };
      } catch (err) {
        return { screen: 'mapping', overlay: failed(err) };
      }
    },
    'home',
  );
}

export async function markSaved(ctx: Ready, step: 'mapping', next: WizardScreen): Promise<Outcome> {
  return withMigration(
    ctx,
    async (m) => {
      const progress = store.progressOf(m);
      await store.saveProgress(ctx.scoped, { ...progress, saved: [...new Set([...progress.saved, step])] });
      return { screen: next };
    },
    'home',
  );
}

export async function saveOptions(ctx: Ready, inputs: Inputs): Promise<Outcome> {
  const v = parseOptions(inputs);
  const redirects = redirectsError(v.redirects);
  if (redirects)
    return {
      screen: 'options',
      overlay: { options: { tagName: v.tagName, redirects: v.redirects, errors: { redirects } } },
    };
  return withMigration(
    ctx,
    async (m) => {
      const settings = store.settingsOf(m);
      const on = (f: (typeof v.flags)[number]) => v.flags.includes(f);
      await store.saveSettings(ctx.scoped, {
        ...settings,
        options: {
          ...settings.options,
          tagMigrated: on('tag_migrated'),
          migratedTagName: v.tagName || null,
          oldIdInSubject: on('old_id_in_subject'),
          translations: on('translations'),
          eventsAsNotes: on('events_as_notes'),
          requesterFieldsAsNote: on('requester_fields_as_note'),
          rewriteCommentLinks: on('rewrite_comment_links'),
          inactiveAgents: v.inactiveAgents,
          attachmentsPerPart: v.attachmentsPerPart,
          helpCenterRedirects: v.redirects || null,
        },
      });
      const progress = store.progressOf(m);
      await store.saveProgress(ctx.scoped, {
        ...progress,
        saved: [...new Set([...progress.saved, 'options' as const])],
      });
      return verifyChecklist(ctx, { notice: { key: 'options.saved' } });
    },
    'home',
  );
}

/** Every button of the checklist submits its boxes: they are saved before anything else happens. */
export async function keepTicks(ctx: Ready, inputs: Inputs): Promise<void> {
  if (!('checklist_items' in inputs) && !('checklist_agree' in inputs)) return;
  const m = await store.loadMigration(ctx.scoped);
  if (!m) return;
  const v = parseChecklist(inputs);
  await store.saveProgress(ctx.scoped, { ...store.progressOf(m), ticked: v.ticked, agreed: v.agreed });
}

export async function saveChecklist(ctx: Ready, inputs: Inputs): Promise<Outcome> {
  await keepTicks(ctx, inputs);
  return { screen: 'checklist', overlay: { notice: { key: 'checklist.saved' } } };
}

/**
 * "Next" on the checklist: the boxes are saved, then the demo (before the first one) or the full run; a
 * step that cannot be taken yet keeps the checklist on screen with what is still missing.
 */
export async function checklistNext(ctx: Ready, inputs: Inputs): Promise<Outcome> {
  await keepTicks(ctx, inputs);
  const m = await store.loadMigration(ctx.scoped);
  if (!m) return { screen: 'home' };
  const progress = store.progressOf(m);
  const facts = await store.runFacts(ctx.scoped);
  const missing = missingItems(progress, facts);
  const next = facts.demoDone ? 'full' : 'demo';
  // The demo needs only the agreement; the full run needs every item.
  const blocking = next === 'demo' ? missing.filter((k) => k === 'checklist.agree') : missing;
  if (blocking.length === 0) return { screen: next };
  const tx = translator(ctx.locale);
  return {
    screen: 'checklist',
    overlay: {
      notice: {
        key: next === 'demo' ? 'checklist.refused_demo' : 'checklist.refused_full',
        params: { items: blocking.map((k) => tx.t(k)).join(', ') },
        error: true,
      },
    },
  };
}

/** Re-checks what Ferry verifies itself against the workspace's Intercom (the boxes are kept first). */
export async function verifyChecklist(
  ctx: Ready,
  overlay: Overlay = {},
  inputs: Inputs = {},
): Promise<Outcome> {
  await keepTicks(ctx, inputs);
  return withMigration(
    ctx,
    async (m) => {
      try {
        const verified = verify(store.settingsOf(m), await ctx.deps.intercom.directory(ctx.actor.workspace));
        await store.saveProgress(ctx.scoped, { ...store.progressOf(m), verified });
        return { screen: 'checklist', overlay };
      } catch (err) {
        return { screen: 'checklist', overlay: failed(err) };
      }
    },
    'home',
  );
}

/** The full run starts only when the operator typed the workspace's name (or the confirmation word). */
async function confirmed(ctx: Ready, inputs: Inputs): Promise<boolean> {
  const typed = typeof inputs.full_confirm === 'string' ? inputs.full_confirm.trim().toLowerCase() : '';
  const expected = confirmationText(translator(ctx.locale), await store.workspaceName(ctx.scoped));
  return typed !== '' && typed === expected.toLowerCase();
}

export async function run(
  ctx: Ready,
  kind: 'demo' | 'full' | 'delta',
  inputs: Inputs = {},
): Promise<Outcome> {
  const screen: WizardScreen = kind === 'demo' ? 'demo' : 'full';
  return withMigration(
    ctx,
    async (m) => {
      const wiped = refusedAfterWipe(ctx, m);
      if (wiped) return wiped;
      const progress = store.progressOf(m);
      if (!progress.source)
        return {
          screen: 'connect',
          overlay: { notice: { key: 'connect.error.missing_credentials', error: true } },
        };
      // The full run (and its deltas) only once the pre-flight checklist is complete.
      if (kind !== 'demo' && !checklistComplete(progress, await store.runFacts(ctx.scoped))) {
        return { screen: 'full', overlay: { notice: { key: 'full.refused', error: true } } };
      }
      if (kind === 'full' && !(await confirmed(ctx, inputs))) {
        const name = confirmationText(translator(ctx.locale), await store.workspaceName(ctx.scoped));
        return {
          screen: 'full',
          overlay: { notice: { key: 'full.confirm_missing', params: { name }, error: true } },
        };
      }
      try {
        await startRun(ctx.deps.knex, m.id, kind);
      } catch (err) {
        return { screen, overlay: failed(err) };
      }
      const started = { demo: 'demo.started', full: 'full.started', delta: 'full.delta_started' } as const;
      return { screen, overlay: { notice: { key: started[kind] } } };
    },
    'home',
  );
}

export async function control(ctx: Ready, action: 'pause' | 'resume' | 'cancel'): Promise<Outcome> {
  const latest = await store.latestRunOf(ctx.scoped, ['demo', 'full', 'delta']);
  const screen: WizardScreen = latest?.kind === 'demo' ? 'demo' : 'full';
  if (!latest) return { screen };
  try {
    if (action === 'pause') await pauseRun(ctx.deps.knex, latest.runId);
    else if (action === 'resume') await resumeRun(ctx.deps.knex, latest.runId);
    else await cancelRun(ctx.deps.knex, latest.runId);
  } catch (err) {
    return { screen, overlay: failed(err) };
  }
  const done = { pause: 'full.pause_done', resume: 'full.resume_done', cancel: 'full.cancel_done' } as const;
  return { screen, overlay: { notice: { key: done[action] } } };
}

export async function savePost(ctx: Ready, inputs: Inputs): Promise<Outcome> {
  return withMigration(
    ctx,
    async (m) => {
      await store.saveProgress(ctx.scoped, { ...store.progressOf(m), post: parsePost(inputs) });
      return { screen: 'post', overlay: { notice: { key: 'post.saved' } } };
    },
    'home',
  );
}

export async function execute(ctx: Ready, command: Command, inputs: Inputs): Promise<Outcome> {
  switch (command.kind) {
    case 'connect':
      return connect(ctx, inputs);
    case 'save_scope':
      return saveScope(ctx, inputs);
    case 'match':
      return match(ctx, command.createMissing);
    case 'mapping_done':
      return markSaved(ctx, 'mapping', 'options');
    case 'save_options':
      return saveOptions(ctx, inputs);
    case 'save_checklist':
      return saveChecklist(ctx, inputs);
    case 'verify':
      return verifyChecklist(ctx, {}, inputs);
    case 'checklist_next':
      return checklistNext(ctx, inputs);
    case 'run':
      return run(ctx, command.run, inputs);
    case 'control':
      return control(ctx, command.action);
    case 'save_post':
      return savePost(ctx, inputs);
    case 'postpone':
      return postpone(ctx);
    case 'live':
      return followOrCutover(ctx, command.action);
    case 'start':
    case 'language':
    case 'show':
      return { screen: 'home' };
  }
}

/** Live catch-up from the post-migration screen: follow the source until cutover, or cut over. */
export async function followOrCutover(ctx: Ready, action: 'follow' | 'cutover'): Promise<Outcome> {
  const live = ctx.deps.live;
  if (!live) return { screen: 'post', overlay: { notice: { key: 'post.live_unavailable', error: true } } };
  return withMigration(
    ctx,
    async (m) => {
      try {
        if (action === 'follow') await live.start(m.id);
        else await live.stop(m.id);
      } catch (err) {
        return { screen: 'post', overlay: failed(err) };
      }
      return {
        screen: 'post',
        overlay: { notice: { key: action === 'follow' ? 'post.follow_started' : 'post.cutover_done' } },
      };
    },
    'home',
  );
}
