// The mappings and filters pages' use cases: read the migration's settings, apply a posted form. A form
// changes only what it posted (a search shows some rows; saving keeps the others), and a wrong value gets its
// message at its field with nothing stored.
import type { Knex } from 'knex';
import * as migrations from '../../db/repositories/migrations.js';
import { parseSettings, type MigrationSettings, type TicketFilters } from '../../settings/settings.js';
import { requireOperator, type ConsoleActor } from './access.js';
import type { MappingCatalog } from './catalog.js';
import { FieldErrors } from './field-errors.js';

export function settingsOf(actor: ConsoleActor): MigrationSettings {
  return parseSettings(actor.migration?.settings ?? {});
}

async function store(db: Knex, actor: ConsoleActor, settings: MigrationSettings): Promise<MigrationSettings> {
  const op = requireOperator(actor);
  const checked = parseSettings(settings);
  await migrations.updateSettings(db, op.workspace.id, op.migration.id, checked);
  return checked;
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Form keys: agent:<id>, group:<id>, field:<scope>:<key> (attribute name), create:<scope>:<key>, fallbackAdminId. */
export async function saveMappings(
  db: Knex,
  actor: ConsoleActor,
  catalog: MappingCatalog,
  form: Record<string, unknown>,
): Promise<MigrationSettings> {
  requireOperator(actor);
  const settings = settingsOf(actor);
  const errors = new FieldErrors();
  const admins = new Set(catalog.admins.map((a) => a.id));
  const teams = new Set(catalog.teams.map((t) => t.id));
  const agents = { ...settings.mappings.agents };
  const groups = { ...settings.mappings.groups };
  const fields = new Map(settings.mappings.fields.map((f) => [`${f.scope}:${f.key}`, f]));
  const leftOut = new Set(settings.mappings.leftOut);
  for (const a of catalog.agents) {
    const key = `agent:${a.id}`;
    if (!(key in form)) continue;
    const v = str(form[key]);
    if (v !== '' && !admins.has(v)) errors.add(key, 'refused.choose_teammate');
    agents[a.id] = v === '' ? null : v;
  }
  for (const g of catalog.groups) {
    const key = `group:${g.id}`;
    if (!(key in form)) continue;
    const v = str(form[key]);
    if (v !== '' && !teams.has(v)) errors.add(key, 'refused.choose_team');
    groups[g.id] = v === '' ? null : v;
  }
  for (const f of catalog.fields) {
    const id = `${f.scope}:${f.key}`;
    if (!(`field:${id}` in form)) continue;
    const attribute = str(form[`field:${id}`]);
    if (attribute.length > 190) errors.add(`field:${id}`, 'refused.attribute_too_long');
    // A field left out stays out, even when the wizard matches again.
    if (attribute === '') {
      fields.delete(id);
      leftOut.add(id);
    } else {
      leftOut.delete(id);
      fields.set(id, { scope: f.scope, key: f.key, attribute, create: str(form[`create:${id}`]) === 'on' });
    }
  }
  let fallbackAdminId = settings.mappings.fallbackAdminId;
  if ('fallbackAdminId' in form) {
    const v = str(form.fallbackAdminId);
    if (v !== '' && !admins.has(v)) errors.add('fallbackAdminId', 'refused.choose_teammate');
    fallbackAdminId = v === '' ? null : v;
  }
  errors.throwIfAny();
  return store(db, actor, {
    ...settings,
    mappings: { agents, groups, fields: [...fields.values()], leftOut: [...leftOut], fallbackAdminId },
  });
}

/** Comma- or line-separated text, or the repeated values of ticked boxes. */
const list = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.flatMap(list)
    : str(v)
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Dates (YYYY-MM-DD), comma- or line-separated tags and ids, custom fields as "key = value, value" lines. */
export async function saveFilters(
  db: Knex,
  actor: ConsoleActor,
  form: Record<string, unknown>,
): Promise<MigrationSettings> {
  requireOperator(actor);
  const settings = settingsOf(actor);
  const errors = new FieldErrors();
  const date = (field: 'createdFrom' | 'createdTo') => {
    const v = str(form[field]);
    if (v === '') return null;
    if (!DATE.test(v) || Number.isNaN(Date.parse(v))) errors.add(field, 'refused.date');
    return v;
  };
  const createdFrom = date('createdFrom');
  const createdTo = date('createdTo');
  if (createdFrom && createdTo && createdFrom >= createdTo) errors.add('createdTo', 'refused.date_order');
  const customFieldValues: TicketFilters['customFieldValues'] = [];
  for (const line of str(form.customFieldValues)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [key, values] = line.split('=', 2).map((s) => s?.trim() ?? '');
    const parsed = list(values);
    if (!key || parsed.length === 0) errors.add('customFieldValues', 'refused.custom_field_line', { line });
    else customFieldValues.push({ key, values: parsed });
  }
  errors.throwIfAny();
  const filters: TicketFilters = {
    createdFrom,
    createdTo,
    tags: list(form.tags),
    groupIds: list(form.groupIds),
    organizationIds: list(form.organizationIds),
    assigneeIds: list(form.assigneeIds),
    customFieldValues,
  };
  return store(db, actor, { ...settings, filters });
}
