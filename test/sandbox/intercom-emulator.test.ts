// The emulator itself: held to the description, Intercom's headers and error bodies, silence bookkeeping.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createIntercomEmulator, expectNoViolations } from '../../src/sandbox/intercom/index.js';

const auth = { Authorization: 'Bearer emulator-token', 'Intercom-Version': '2.16' };

describe('Intercom emulator', () => {
  it('when a request breaks the 2.16 description, then it is answered 400 and recorded as a violation', async () => {
    const emu = createIntercomEmulator();
    const res = await request(emu.app).post('/tickets').set(auth).send({ ticket_type_id: 1, contacts: [] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe('parameter_invalid');
    expect(emu.state.violations).toHaveLength(1);
    expect(emu.state.violations[0]!.errors.join()).toMatch(/ticket_type_id must be string/);
    expect(() => expectNoViolations(emu)).toThrow(/1 description violation/);
  });

  it('when GET /data_attributes asks for model=conversation, then the emulator answers 422 as 2.16 documents (conversation attributes moved to GET /conversations/attributes)', async () => {
    const emu = createIntercomEmulator();
    const res = await request(emu.app).get('/data_attributes').query({ model: 'conversation' }).set(auth);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({
      code: 'parameter_invalid',
      message: expect.stringContaining('GET /conversations/attributes'),
    });
    expect(emu.state.violations[0]!.errors.join()).toMatch(
      /query\/model must be equal to one of the allowed values/,
    );
    const contacts = await request(emu.app).get('/data_attributes').query({ model: 'contact' }).set(auth);
    expect(contacts.status).toBe(200);
    expect((await request(emu.app).get('/conversations/attributes').set(auth)).status).toBe(200);
  });

  it('when a conversation attribute is renamed and then deleted, then 2.16 archives it: listed only with include_archived, its new name taken, its old one free, and no way back out of the archive', async () => {
    const emu = createIntercomEmulator();
    const api = request(emu.app);
    const created = await api
      .post('/conversations/attributes')
      .set(auth)
      .send({ name: 'Product', data_type: 'string' });
    const path = `/conversations/attributes/${String(created.body.id)}`;
    const renamed = await api.put(path).set(auth).send({ name: 'Product (removed)' });
    expect(renamed.body).toMatchObject({ name: 'Product (removed)', archived: false });
    expect((await api.delete(path).set(auth)).body).toMatchObject({ archived: true });
    // update_conversation_attribute_request has no `archived`: no way back out of the archive.
    expect((await api.put(path).set(auth).send({ archived: false })).body).toMatchObject({ archived: true });
    expect((await api.get(path).set(auth)).body).toMatchObject({ name: 'Product (removed)', archived: true });
    expect((await api.get('/conversations/attributes').set(auth)).body.data).toEqual([]);
    const all = await api.get('/conversations/attributes').query({ include_archived: true }).set(auth);
    expect(all.body.data).toHaveLength(1);
    const again = { name: 'Product (removed)', data_type: 'string' };
    expect((await api.post('/conversations/attributes').set(auth).send(again)).status).toBe(400);
    const fresh = await api
      .post('/conversations/attributes')
      .set(auth)
      .send({ name: 'Product', data_type: 'string' });
    expect(fresh.status).toBe(200);
    const gone = await api.delete('/conversations/attributes/999999').set(auth);
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe('conversation_attribute_not_found');
    expect((await api.put('/conversations/attributes/999999').set(auth).send({ name: 'x' })).status).toBe(
      404,
    );
    expectNoViolations(emu);
  });

  it('when a query parameter is not declared, or a query or path value breaks its schema, then the emulator answers 400 as for a body', async () => {
    const emu = createIntercomEmulator();
    const unknown = await request(emu.app).get('/data_attributes').query({ modle: 'contact' }).set(auth);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toMatch(/'modle' is not a parameter of \/data_attributes/);
    const badType = await request(emu.app)
      .get('/data_attributes')
      .query({ include_archived: 'maybe' })
      .set(auth);
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].message).toMatch(/query\/include_archived must be boolean/);
    const badPath = await request(emu.app).get('/help_center/help_centers/not-a-number').set(auth);
    expect(badPath.status).toBe(400);
    expect(badPath.body.errors[0].message).toMatch(/path\/help_center_id must be integer/);
    expect(emu.state.violations).toHaveLength(3);
  });

  it('when conversations are searched by contact_ids and created_at (2.16 accepted fields), then the one that contact opened at that instant is found', async () => {
    const emu = createIntercomEmulator();
    const contact = await request(emu.app)
      .post('/contacts')
      .set(auth)
      .send({ role: 'user', email: 'c@example.test' });
    const other = await request(emu.app)
      .post('/contacts')
      .set(auth)
      .send({ role: 'user', email: 'o@example.test' });
    const open = (from: string, at: number) =>
      request(emu.app)
        .post('/conversations')
        .set(auth)
        .send({ from: { type: 'user', id: from }, body: 'Hi', created_at: at });
    const mine = await open(contact.body.id, 1_700_000_000);
    await open(other.body.id, 1_700_000_000);
    await open(contact.body.id, 1_700_000_500);
    const found = await request(emu.app)
      .post('/conversations/search')
      .set(auth)
      .send({
        query: {
          operator: 'AND',
          value: [
            { field: 'contact_ids', operator: '=', value: contact.body.id },
            { field: 'created_at', operator: '=', value: 1_700_000_000 },
          ],
        },
      });
    expect(found.status).toBe(200);
    expect(found.body.conversations.map((c: { id: string }) => c.id)).toEqual([mine.body.conversation_id]);
    expectNoViolations(emu);
  });

  it('when a call goes through, then it carries X-RateLimit-* headers; over the limit it gets the real 429 body', async () => {
    const emu = createIntercomEmulator({ rateLimit: { limit: 2, windowMs: 10_000 } });
    const first = await request(emu.app).get('/teams').set(auth);
    expect(first.headers['x-ratelimit-limit']).toBe('2');
    expect(first.headers['x-ratelimit-remaining']).toBe('1');
    expect(Number(first.headers['x-ratelimit-reset']) % 10).toBe(0);
    await request(emu.app).get('/teams').set(auth);
    const third = await request(emu.app).get('/teams').set(auth);
    expect(third.status).toBe(429);
    expect(third.body).toEqual({
      type: 'error.list',
      request_id: null,
      errors: [{ code: 'rate_limit_exceeded', message: 'Exceeded rate limit of 2 in 10_seconds' }],
    });
    expectNoViolations(emu);
  });

  it('when the emulator answers with a shape 2.16 rejects, then the response is recorded as a violation', async () => {
    const emu = createIntercomEmulator();
    emu.state.admins[0]!.team_ids = ['not-a-number'];
    await request(emu.app).get('/admins').set(auth);
    expect(emu.state.violations.map((v) => v.kind)).toEqual(['response']);
  });

  it('when the rate limit refuses a call, then its 429 is counted with the answered calls', async () => {
    const emu = createIntercomEmulator({ rateLimit: { limit: 1, windowMs: 60_000 } });
    expect((await request(emu.app).get('/admins').set(auth)).status).toBe(200);
    expect((await request(emu.app).get('/admins').set(auth)).status).toBe(429);
    expect(emu.stats().byStatus).toEqual({ 200: 1, 429: 1 });
  });

  it('when a ticket is written without skip_notifications, then the write is noted as unsilenced', async () => {
    const emu = createIntercomEmulator();
    const type = await request(emu.app).post('/ticket_types').set(auth).send({ name: 'T' });
    const contact = await request(emu.app)
      .post('/contacts')
      .set(auth)
      .send({ role: 'user', email: 'x@example.test' });
    await request(emu.app)
      .post('/tickets')
      .set(auth)
      .send({ ticket_type_id: type.body.id, contacts: [{ id: contact.body.id }] });
    expect(emu.state.unsilencedWrites).toEqual([{ method: 'POST', path: '/tickets' }]);
    expectNoViolations(emu);
  });

  it('when the OAuth code is traded with the right client credentials, then the token works', async () => {
    const emu = createIntercomEmulator({ clientId: 'cid', clientSecret: 'sec' });
    const code = emu.issueOAuthCode();
    const bad = await request(emu.app)
      .post('/auth/eagle/token')
      .send({ code, client_id: 'cid', client_secret: 'wrong' });
    expect(bad.status).toBe(401);
    const ok = await request(emu.app)
      .post('/auth/eagle/token')
      .send({ code, client_id: 'cid', client_secret: 'sec' });
    expect(ok.status).toBe(200);
    const me = await request(emu.app)
      .get('/me')
      .set({ Authorization: `Bearer ${ok.body.token}` });
    expect(me.body.app.id_code).toBe('emu12345');
  });

  it('when a list attribute is created, then each option is listed with the guid a ticket value names; an update keeps them', async () => {
    // 2.16 ticket_request_custom_attributes: a list value is "the guid of the list item", read by listing the type.
    const emu = createIntercomEmulator();
    const type = await request(emu.app).post('/ticket_types').set(auth).send({ name: 'T' });
    const created = await request(emu.app)
      .post(`/ticket_types/${type.body.id}/attributes`)
      .set(auth)
      .send({ name: 'Region', description: 'Region', data_type: 'list', list_items: 'EMEA,APAC' });
    const options = created.body.input_options.list_options as { id: string; label: string }[];
    expect(options.map((o) => o.label)).toEqual(['EMEA', 'APAC']);
    for (const o of options) expect(o.id).toMatch(/^[0-9a-f-]{36}$/);
    const updated = await request(emu.app)
      .put(`/ticket_types/${type.body.id}/attributes/${created.body.id}`)
      .set(auth)
      .send({ list_items: 'EMEA,APAC,Americas' });
    expect(updated.status).toBe(200);
    const after = updated.body.input_options.list_options as { id: string; label: string }[];
    expect(after.slice(0, 2)).toEqual(options.map((o) => ({ ...o, archived: false })));
    expect(after[2]!.label).toBe('Americas');
    const listed = await request(emu.app).get('/ticket_types').set(auth);
    const region = listed.body.data[0].ticket_type_attributes.ticket_type_attributes[0];
    expect(region.input_options.list_options).toHaveLength(3);
    expectNoViolations(emu);
  });
});
