// The Intercom emulator's tagging of contacts and companies, held to 2.16 (POST /contacts/{id}/tags,
// POST /tags with `companies` or `users`).
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createIntercomEmulator, expectNoViolations } from '../../src/sandbox/intercom/index.js';
import { createSpecValidator, ERRATA, validateSchema } from '../../src/sandbox/openapi/index.js';

const auth = { Authorization: 'Bearer emulator-token', 'Intercom-Version': '2.16' };

async function withCompanyAndContact() {
  const emu = createIntercomEmulator();
  const company = await request(emu.app)
    .post('/companies')
    .set(auth)
    .send({ company_id: 'zendesk:1', name: 'Acme' });
  const contact = await request(emu.app)
    .post('/contacts')
    .set(auth)
    .send({ role: 'user', email: 'a@b.test' });
  return { emu, companyId: String(company.body.id), contactId: String(contact.body.id) };
}

describe('Intercom emulator: tags on contacts and companies', () => {
  it('when POST /tags names companies, then the tag is created once (names without case) and each company carries it', async () => {
    const { emu, companyId } = await withCompanyAndContact();
    const first = await request(emu.app)
      .post('/tags')
      .set(auth)
      .send({ name: 'VIP', companies: [{ id: companyId }] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      type: 'tag',
      name: 'VIP',
      companies: [{ id: companyId, tagged: true }],
    });
    const again = await request(emu.app)
      .post('/tags')
      .set(auth)
      .send({ name: 'vip', companies: [{ company_id: 'zendesk:1' }] });
    expect(again.body.id).toBe(first.body.id);
    expect(emu.state.companies.get(companyId)!.tags).toEqual({
      type: 'tag.list',
      tags: [{ type: 'tag', id: first.body.id, name: 'VIP' }],
    });
    expectNoViolations(emu);
  });

  it('when POST /tags names a company Intercom does not have, then it is refused and nothing is tagged', async () => {
    const { emu } = await withCompanyAndContact();
    const res = await request(emu.app)
      .post('/tags')
      .set(auth)
      .send({ name: 'VIP', companies: [{ id: 'nope' }] });
    expect(res.status).toBe(404);
    expect(res.body.errors[0].code).toBe('company_not_found');
    expect(emu.state.taggings.all()).toEqual([]);
  });

  it('when a contact is tagged by tag id, then the contact lists the tag; an unknown tag is 404', async () => {
    const { emu, contactId } = await withCompanyAndContact();
    const tag = await request(emu.app).post('/tags').set(auth).send({ name: 'newsletter' });
    const ok = await request(emu.app)
      .post(`/contacts/${contactId}/tags`)
      .set(auth)
      .send({ id: String(tag.body.id) });
    expect(ok.status).toBe(200);
    const contact = await request(emu.app).get(`/contacts/${contactId}`).set(auth);
    expect(contact.body.tags.data.map((t: { id: string }) => t.id)).toEqual([String(tag.body.id)]);
    const missing = await request(emu.app)
      .post(`/contacts/${contactId}/tags`)
      .set(auth)
      .send({ id: '999999' });
    expect(missing.status).toBe(404);
    expectNoViolations(emu);
  });

  it('when a tagging body breaks 2.16 (no name), then it is a 400 description violation', async () => {
    const { emu, companyId } = await withCompanyAndContact();
    const res = await request(emu.app)
      .post('/tags')
      .set(auth)
      .send({ companies: [{ id: companyId }] });
    expect(res.status).toBe(400);
    expect(emu.state.violations).toHaveLength(1);
  });

  it('when a contact lists its tags (type "tag"), then only the raw description rejects it (erratum 10: addressable_list.type is no URI)', () => {
    const tags = {
      data: [{ type: 'tag', id: '81', url: 'https://api.intercom.io/tags/81' }],
      url: 'https://api.intercom.io/contacts/1/tags',
      total_count: 1,
      has_more: false,
    };
    const raw = createSpecValidator('2.16', { errata: ERRATA.filter((e) => e.id !== 10) });
    expect(raw.validateSchema('contact_tags', tags).ok).toBe(false);
    expect(validateSchema('2.16', 'contact_tags', tags).ok).toBe(true);
  });
});
