// The Intercom emulator finds contacts by email and external_id without scanning them all (a 100,000-ticket
// run creates 50,000): its answers must stay those of a scan after updates, deletes and tag changes.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createIntercomEmulator, expectNoViolations } from '../../src/sandbox/intercom/index.js';

const auth = { Authorization: 'Bearer emulator-token', 'Intercom-Version': '2.16' };

async function contact(emu: ReturnType<typeof createIntercomEmulator>, body: object) {
  return request(emu.app).post('/contacts').set(auth).send(body);
}

describe('Intercom emulator: contacts by email and external_id', () => {
  it('when a contact changes its email, then the new email is taken (409 naming it) and the old one is free', async () => {
    const emu = createIntercomEmulator();
    const a = await contact(emu, { role: 'user', email: 'old@example.test' });
    const put = await request(emu.app)
      .put(`/contacts/${a.body.id}`)
      .set(auth)
      .send({ email: 'new@example.test' });
    expect(put.status).toBe(200);
    const taken = await contact(emu, { role: 'user', email: 'new@example.test' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].message).toContain(`id=${a.body.id}`);
    const free = await contact(emu, { role: 'user', email: 'old@example.test' });
    expect(free.status).toBe(200);
    expect(free.body.id).not.toBe(a.body.id);
    expectNoViolations(emu);
  });

  it('when a lead has the email, then a user may still take it; an external_id is taken whatever the role', async () => {
    const emu = createIntercomEmulator();
    await contact(emu, { role: 'lead', email: 'shared@example.test', external_id: 'x-1' });
    expect((await contact(emu, { role: 'user', email: 'shared@example.test' })).status).toBe(200);
    expect((await contact(emu, { role: 'user', external_id: 'x-1' })).status).toBe(409);
  });

  it('when a contact is deleted, then its external_id is free and find_by_external_id answers 404', async () => {
    const emu = createIntercomEmulator();
    const a = await contact(emu, { role: 'user', external_id: 'zendesk:7' });
    const found = await request(emu.app).get('/contacts/find_by_external_id/zendesk:7').set(auth);
    expect(found.body.id).toBe(a.body.id);
    await request(emu.app).delete(`/contacts/${a.body.id}`).set(auth);
    expect((await request(emu.app).get('/contacts/find_by_external_id/zendesk:7').set(auth)).status).toBe(
      404,
    );
    expect((await contact(emu, { role: 'user', external_id: 'zendesk:7' })).status).toBe(200);
  });

  it('when a ticket names its contact by external_id or by email, then it is that contact', async () => {
    const emu = createIntercomEmulator();
    const type = await request(emu.app).post('/ticket_types').set(auth).send({ name: 'T' });
    const a = await contact(emu, { role: 'user', email: 'a@example.test', external_id: 'ext-a' });
    const b = await contact(emu, { role: 'user', email: 'b@example.test' });
    const ticketFor = (ref: object) =>
      request(emu.app)
        .post('/tickets')
        .set(auth)
        .send({ ticket_type_id: type.body.id, contacts: [ref] });
    expect((await ticketFor({ external_id: 'ext-a' })).body.contacts.contacts[0].id).toBe(a.body.id);
    expect((await ticketFor({ email: 'b@example.test' })).body.contacts.contacts[0].id).toBe(b.body.id);
    expect((await ticketFor({ email: 'nobody@example.test' })).status).toBe(404);
  });

  it('when a tag is deleted or its contact is, then no view lists it any more', async () => {
    const emu = createIntercomEmulator();
    const a = await contact(emu, { role: 'user', email: 'a@example.test' });
    const [vip, gold] = await Promise.all(
      ['VIP', 'Gold'].map((name) => request(emu.app).post('/tags').set(auth).send({ name })),
    );
    for (const tag of [vip!, gold!])
      await request(emu.app).post(`/contacts/${a.body.id}/tags`).set(auth).send({ id: tag.body.id });
    await request(emu.app).delete(`/tags/${vip!.body.id}`).set(auth);
    const shown = await request(emu.app).get(`/contacts/${a.body.id}`).set(auth);
    expect(shown.body.tags.data.map((t: { id: string }) => t.id)).toEqual([gold!.body.id]);
    await request(emu.app).delete(`/contacts/${a.body.id}`).set(auth);
    expect(emu.state.taggings.all()).toEqual([]);
  });
});
