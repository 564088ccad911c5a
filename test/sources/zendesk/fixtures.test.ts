// Vendor example responses (go-zendesk's fixtures, MIT: test/fixtures/zendesk/go-zendesk) against both
// sides: the connector's raw schemas and mappers read them, and the emulator's objects carry the same
// keys with the same JSON types wherever the connector reads them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  commentSchema,
  companySchema,
  contactSchema,
  groupSchema,
  ticketSchema,
} from '../../../src/model/canonical.js';
import { toComment, toCompany, toContact, toGroup, toTicket } from '../../../src/sources/zendesk/map.js';
import {
  rawComment,
  rawGroup,
  rawOrganization,
  rawTicket,
  rawUser,
} from '../../../src/sources/zendesk/raw.js';
import { ADMIN, startHarness, type Harness } from './harness.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/zendesk/go-zendesk');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>;
type Obj = Record<string, unknown>;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tickets: 20 });
});
afterAll(() => h.close());
const emulated = async (p: string): Promise<Obj> =>
  (await (
    await fetch(`${h.emulator.url}${p}`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${ADMIN.email}/token:${ADMIN.token}`).toString('base64')}`,
      },
    })
  ).json()) as Obj;

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Keys the raw schema reads that the vendor's example carries must be in the emulator's object, same type. */
function sameShape(schema: z.ZodObject, vendor: Obj, ours: Obj): void {
  for (const key of Object.keys(schema.shape)) {
    if (!(key in vendor)) continue;
    expect(ours, `emulator lacks "${key}"`).toHaveProperty(key);
    const [v, o] = [kind(vendor[key]), kind(ours[key])];
    if (v !== 'null' && o !== 'null') expect(o, `"${key}" type`).toBe(v);
  }
}

describe('go-zendesk fixtures', () => {
  it('when the vendor ticket is read, then it maps, and the emulator ticket has its shape', async () => {
    const vendor = fixture('ticket.json')['ticket'] as Obj;
    ticketSchema.parse(toTicket(rawTicket.parse(vendor)));
    sameShape(rawTicket, vendor, (await emulated('/api/v2/tickets/1.json'))['ticket'] as Obj);
  });

  it('when the vendor users are read, then they map, and the emulator users have their shape', async () => {
    const users = fixture('users.json')['users'] as Obj[];
    for (const u of users) contactSchema.parse(toContact(rawUser.parse(u)));
    const ours = (await emulated('/api/v2/users.json?page[size]=100'))['users'] as Obj[];
    sameShape(
      rawUser,
      users[0]!,
      ours.find((u) => u['role'] === 'end-user')!,
    );
    sameShape(
      rawUser,
      users[1]!,
      ours.find((u) => u['role'] === 'admin')!,
    );
  });

  it('when the vendor comments are read, then they map, and the emulator comments have their shape', async () => {
    const comments = fixture('ticket_comments.json')['comments'] as Obj[];
    for (const c of comments) commentSchema.parse(toComment('2', rawComment.parse(c), new Set()));
    const ours = (await emulated('/api/v2/tickets/2/comments.json?page[size]=100'))['comments'] as Obj[];
    sameShape(rawComment, comments[0]!, ours[0]!);
  });

  it('when the vendor organizations and groups are read, then they map, and the emulator has their shape', async () => {
    const orgs = fixture('organizations.json')['organizations'] as Obj[];
    for (const o of orgs) companySchema.parse(toCompany(rawOrganization.parse(o)));
    sameShape(
      rawOrganization,
      orgs[0]!,
      ((await emulated('/api/v2/organizations.json'))['organizations'] as Obj[])[0]!,
    );
    const groups = fixture('groups.json')['groups'] as Obj[];
    groupSchema.parse(toGroup(rawGroup.parse(groups[0])));
    sameShape(rawGroup, groups[0]!, ((await emulated('/api/v2/groups.json'))['groups'] as Obj[])[0]!);
  });
});
