import { ApplicationFailure } from '@temporalio/activity';
import { SIGNING_ERRORS, type Principal } from '@vanthu/shared';
import { signingActivities } from '../../src/activities/signing-activities';
import { PinTries } from '../../src/intent/pin-tries';
import { makeOutsideCa } from '../support/outside-ca';
import { as, DEVELOPMENT_PIN, principal, sha256, startSigningApi, type SigningApi } from '../support/signing-api';
import { makePdf, openSigningFixture, type SigningFixture } from '../support/signing-fixture';

/**
 * The signer's sole control of their key, on the real database: PINs, the attempt limit,
 * single-use authorisations bound to signer and content, the organisation's seal kept for
 * issuance, and certificate administration by the issuing CA's organisation.
 */
describe("the signer's intent and certificate administration rights", () => {
  let fx: SigningFixture;
  let api: SigningApi;

  beforeAll(async () => {
    fx = await openSigningFixture();
    api = await startSigningApi(fx.module);
  });
  afterAll(async () => {
    await api.close();
    await fx.close();
  });

  const form = (file: Buffer, fields: Record<string, string> = {}) => {
    const body = new FormData();
    body.append('file', new Blob([file]), 'file.bin');
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return body;
  };
  const signCms = (who: string | Principal, file: Buffer, authorisation?: string, fields: Record<string, string> = {}) =>
    fetch(`${api.base}/v1/sign/cms`, {
      method: 'POST',
      body: form(file, { timestamp: 'false', ...fields }),
      headers: as(who, authorisation ? { 'Signing-Authorisation': authorisation } : {}),
    });
  const reasonOf = async (response: Response) => ((await response.json()) as { reason: string }).reason;
  const signatures = () => fx.module.authority.uses.countDocuments({ purpose: { $in: ['pades', 'cades'] } });
  const audit = (userId: string, outcome?: string) => fx.module.intent.audit.model.find({ userId, ...(outcome && { outcome }) }).lean().exec();
  /** A signer of our own, with a person certificate (issued by BS-TU's CA) and a PIN set through the API. */
  async function newSigner(userId: string, pin = '24681357'): Promise<Principal> {
    const who: Principal = { userId, orgCode: 'BS-TU', role: 'leader' };
    await fx.module.authority.issueNew(await fx.module.authority.personRequest({ userId, fullName: `Người ký ${userId}`, position: 'Ủy viên', orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' }));
    expect((await api.json('PUT', '/v1/me/signing-pin', who, { pin })).status).toBe(201);
    return who;
  }

  it('refuses a direct person signature without the confirmation, or with one for other content, and signs with the right one', async () => {
    const before = await signatures();
    const file = Buffer.from('công văn 12-CV/TU');
    const missing = await signCms('bs-secretary', file);
    expect(missing.status).toBe(403);
    expect(await reasonOf(missing)).toBe('signing-authorisation-required');
    const forOther = await api.authorise('bs-secretary', { sha256: sha256('another file') });
    expect(await reasonOf(await signCms('bs-secretary', file, forOther))).toBe('signing-authorisation-other-content');
    const forDocument = await api.authorise('bs-secretary', { documentId: 'doc-x' });
    expect(await reasonOf(await signCms('bs-secretary', file, forDocument))).toBe('signing-authorisation-not-for-this-file');
    expect(await reasonOf(await signCms('bs-secretary', file, 'not-an-authorisation'))).toBe('signing-authorisation-unknown');
    expect(await signatures()).toBe(before);
    const ok = await signCms('bs-secretary', file, await api.authorise('bs-secretary', { sha256: sha256(file) }));
    expect(ok.status).toBe(200);
    expect(await signatures()).toBe(before + 1);
  });

  it("signs only as the caller: another person's key, another person's authorisation, and the organisation's seal are refused", async () => {
    const file = Buffer.from('tờ trình');
    const deputys = await api.authorise('bs-deputy', { sha256: sha256(file) });
    const asOther = await signCms('bs-secretary', file, deputys, { userId: 'bs-deputy' });
    expect(asOther.status).toBe(403);
    expect(await reasonOf(asOther)).toBe('not-your-key');
    const borrowed = await signCms('bs-secretary', file, deputys);
    expect(borrowed.status).toBe(403);
    expect(await reasonOf(borrowed)).toBe('signing-authorisation-not-yours');
    for (const path of ['/v1/sign/cms', '/v1/sign/pdf']) {
      const seal = await fetch(`${api.base}${path}`, { method: 'POST', body: form(await makePdf('x'), { orgCode: 'BS-TU' }), headers: as('bs-clerk') });
      expect(seal.status).toBe(403);
      expect(await reasonOf(seal)).toBe('seal-only-at-issuance');
    }
    // No credentials at all: the edge answers 401 before anything else.
    expect((await fetch(`${api.base}/v1/sign/cms`, { method: 'POST', body: form(file, { userId: 'bs-secretary' }) })).status).toBe(401);
  });

  it('spends an authorisation once, also when ten requests race with it', async () => {
    const file = Buffer.from('quyết định');
    const once = await api.authorise('bs-secretary', { sha256: sha256(file) });
    expect((await signCms('bs-secretary', file, once)).status).toBe(200);
    expect(await reasonOf(await signCms('bs-secretary', file, once))).toBe('signing-authorisation-used');

    const raced = await api.authorise('bs-secretary', { sha256: sha256(file) });
    const before = await signatures();
    const answers = await Promise.all(Array.from({ length: 10 }, () => signCms('bs-secretary', file, raced)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 403, 403, 403, 403, 403, 403, 403, 403, 403]);
    for (const a of answers.filter((x) => x.status === 403)) expect(await reasonOf(a)).toBe('signing-authorisation-used');
    expect(await signatures()).toBe(before + 1);
  });

  it('logs a wrong PIN (never the PIN) and locks after five, however many attempts race', async () => {
    const signer = await newSigner('bs-pin-tester');
    const wrong = await api.json('POST', '/v1/signing-authorisations', signer, { pin: '11111111', documentId: 'd' });
    expect(wrong.status).toBe(403);
    expect(await reasonOf(wrong)).toBe('wrong-pin');
    const entries = await audit(signer.userId, 'wrong-pin');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'authorise', documentId: 'd' });
    expect(JSON.stringify(await audit(signer.userId))).not.toMatch(/11111111|24681357/);

    // Twenty wrong PINs at once: four more are checked (five in all), the rest meet the lock.
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.json('POST', '/v1/signing-authorisations', signer, { pin: '22222222', documentId: 'd' })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 403)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(16);
    expect(await audit(signer.userId, 'wrong-pin')).toHaveLength(5);
    // Locked even for the right PIN, with the time to wait.
    const locked = await api.json('POST', '/v1/signing-authorisations', signer, { pin: '24681357', documentId: 'd' });
    expect(locked.status).toBe(423);
    expect(await reasonOf(locked)).toBe('signing-pin-locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect((await audit(signer.userId, 'locked')).length).toBeGreaterThanOrEqual(17);

    // An admin of another organisation cannot reset it; BS-TU's can, and that is logged too.
    expect((await api.json('DELETE', `/v1/users/${signer.userId}/signing-pin`, { userId: 'tl-admin', orgCode: 'BS-TL-DU', role: 'admin' })).status).toBe(403);
    expect((await api.json('DELETE', `/v1/users/${signer.userId}/signing-pin`, 'bs-admin')).status).toBe(204);
    expect(await audit(signer.userId, 'reset')).toEqual([expect.objectContaining({ action: 'reset-pin', actor: 'bs-admin' })]);
    expect((await api.json('PUT', '/v1/me/signing-pin', signer, { pin: '75310864' })).status).toBe(201);
    await api.authorise(signer, { documentId: 'd' }, '75310864');
  });

  it('changes a PIN only with the current one', async () => {
    const signer = await newSigner('bs-pin-changer');
    expect(await reasonOf(await api.json('PUT', '/v1/me/signing-pin', signer, { pin: '99990000' }))).toBe('pin-already-set');
    expect(await reasonOf(await api.json('PUT', '/v1/me/signing-pin', signer, { pin: '99990000', currentPin: '00000000' }))).toBe('wrong-pin');
    expect((await api.json('PUT', '/v1/me/signing-pin', signer, { pin: '99990000', currentPin: '24681357' })).status).toBe(200);
    await api.authorise(signer, { documentId: 'd' }, '99990000');
  });

  it('unlocks after the lock time, counting from the last wrong PIN', async () => {
    let now = new Date('2026-11-23T08:00:00Z');
    const tries = new PinTries(fx.connection, { maxFailures: 2, lockMs: 60_000 }, () => now);
    const user = `clock-${Date.now()}`;
    await tries.failed(await tries.claim(user));
    now = new Date(now.getTime() + 30_000);
    await tries.failed(await tries.claim(user));
    await expect(tries.claim(user)).rejects.toMatchObject({ name: 'PinLocked', retryAfterSeconds: 60 });
    now = new Date(now.getTime() + 59_000);
    await expect(tries.claim(user)).rejects.toMatchObject({ name: 'PinLocked', retryAfterSeconds: 1 });
    now = new Date(now.getTime() + 1_000);
    const slot = await tries.claim(user);
    await tries.succeeded(slot);
    expect(await tries.remaining(user)).toBe(2);
  });

  describe('in the lifecycle (the signAsPerson activity)', () => {
    const secretary = { userId: 'bs-secretary', fullName: 'Hoàng Văn Sơn', position: 'Bí thư Tỉnh ủy', orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' };
    async function refusal(work: Promise<unknown>): Promise<string | undefined> {
      const error = await work.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect((error as ApplicationFailure).type).toBe(SIGNING_ERRORS.signerIntentMissing);
      expect((error as ApplicationFailure).nonRetryable).toBe(true);
      return ((error as ApplicationFailure).details?.[0] as { reason?: string } | undefined)?.reason;
    }

    it("signs only with the workflow's signer's confirmation for that document", async () => {
      const activities = signingActivities(fx.module);
      const content = await fx.module.blobs.put(await makePdf('Nghi quyet 20-NQ/TU'), 'application/pdf');
      const input = { documentId: 'doc-intent', content, signer: secretary, orgCode: 'BS-TU', authority: 'none' as const };
      expect(await refusal(activities.signAsPerson(input))).toBe('signing-authorisation-required');
      const deputys = await api.authorise('bs-deputy', { documentId: 'doc-intent' });
      expect(await refusal(activities.signAsPerson({ ...input, signingAuthorisation: deputys }))).toBe('signing-authorisation-not-yours');
      const otherDocument = await api.authorise('bs-secretary', { documentId: 'doc-other' });
      expect(await refusal(activities.signAsPerson({ ...input, signingAuthorisation: otherDocument }))).toBe('signing-authorisation-other-document');
      const otherContent = await api.authorise('bs-secretary', { documentId: 'doc-intent', sha256: sha256('other') });
      expect(await refusal(activities.signAsPerson({ ...input, signingAuthorisation: otherContent }))).toBe('signing-authorisation-other-content');

      const right = await api.authorise('bs-secretary', { documentId: 'doc-intent', sha256: content.sha256 });
      const signed = await activities.signAsPerson({ ...input, signingAuthorisation: right });
      expect(signed.signature.signerName).toBe('Hoàng Văn Sơn');
      // Temporal retrying the same step gets the same result; another step cannot reuse it.
      expect(await activities.signAsPerson({ ...input, signingAuthorisation: right })).toEqual(signed);
      const other = await fx.module.blobs.put(await makePdf('khac'), 'application/pdf');
      const reused = await refusal(activities.signAsPerson({ ...input, documentId: 'doc-intent', content: other, signingAuthorisation: right }));
      expect(reused).toBe('signing-authorisation-other-content');
    });
  });

  describe('certificate administration', () => {
    const tlAdmin: Principal = { userId: 'tl-admin', orgCode: 'BS-TL-DU', role: 'admin' };
    const issue = (body: object, who: string | Principal) => api.json('POST', '/v1/certificates', who, body);

    it("belongs to admins of the issuing CA's organisation or above it, not to another branch", async () => {
      const person = { kind: 'person', userId: 'tl-new', fullName: 'Người mới', position: 'Ủy viên', orgCode: 'BS-TL-DU', orgName: 'Đảng ủy xã Tân Lập' };
      // A commune's admin issues in the commune; the province's admin may too; a sibling's may not.
      expect((await issue(person, tlAdmin)).status).toBe(201);
      const sibling = await issue({ ...person, userId: 'tl-new-2' }, { userId: 'hb-admin', orgCode: 'BS-HB-DU', role: 'admin' });
      expect(sibling.status).toBe(403);
      expect(await reasonOf(sibling)).toBe('not-your-organisation');
      expect((await issue({ ...person, userId: 'tl-new-3' }, 'bs-admin')).status).toBe(201);
      // Nothing in the province for the commune's admin, and nothing under the root through the API.
      expect(await reasonOf(await issue({ kind: 'person', userId: 'bs-x', fullName: 'x', position: 'x', orgCode: 'BS-TU', orgName: 'x' }, tlAdmin))).toBe('not-your-organisation');
      expect(await reasonOf(await issue({ kind: 'issuing-ca', orgCode: 'NEW-TOP', orgName: 'x' }, 'bs-admin'))).toBe('root-ca-not-administered');
      expect(await reasonOf(await issue({ kind: 'person', userId: 'bs-y', fullName: 'x', position: 'x', orgCode: 'BS-TU', orgName: 'x' }, 'bs-secretary'))).toBe('forbidden');

      const province = (await fx.module.authority.active('person:bs-deputy'))!;
      for (const action of ['renew', 'revoke']) {
        const refused = await api.json('POST', `/v1/certificates/${province._id}/${action}`, tlAdmin, {});
        expect(refused.status).toBe(403);
        expect(await reasonOf(refused)).toBe('not-your-organisation');
      }
      expect((await fx.module.authority.active('person:bs-deputy'))!._id).toBe(province._id);
    });

    it('imports a PKCS#12 only when it chains to a trusted CA and names the user', async () => {
      const unrelated = makeOutsideCa(fx.dir, 'Unrelated');
      const p12 = unrelated.issuePkcs12('stranger', '/C=VN/O=Unrelated/UID=bs-stranger/CN=Người Lạ');
      const importAs = (who: string | Principal, file: Buffer, fields: Record<string, string>) => {
        const body = form(file, { password: 'secret', ...fields });
        return fetch(`${api.base}/v1/certificates/import`, { method: 'POST', body, headers: as(who) });
      };
      const untrusted = await importAs('bs-admin', p12, { kind: 'person', userId: 'bs-stranger', orgCode: 'BS-TU' });
      expect(untrusted.status).toBe(422);
      expect(await reasonOf(untrusted)).toBe('untrusted-issuer');

      // Trusted by configuration, but naming someone else.
      const trusted = makeOutsideCa(fx.dir, 'Trusted');
      const withTrust = await startSigningApi({ ...fx.module, trustedImportCas: [trusted.certificate] });
      try {
        const misnamed = trusted.issuePkcs12('misnamed', '/C=VN/O=Trusted/UID=someone-else/CN=Người Khác');
        const body = form(misnamed, { password: 'secret', kind: 'person', userId: 'bs-named', orgCode: 'BS-TU' });
        const answer = await fetch(`${withTrust.base}/v1/certificates/import`, { method: 'POST', body, headers: as('bs-admin') });
        expect(answer.status).toBe(422);
        expect(await reasonOf(answer)).toBe('certificate-names-another-subject');
        const byOther = await fetch(`${withTrust.base}/v1/certificates/import`, {
          method: 'POST',
          body: form(trusted.issuePkcs12('named', '/C=VN/O=Trusted/serialNumber=bs-named/CN=Người Đúng Tên'), { password: 'secret', kind: 'person', userId: 'bs-named', orgCode: 'BS-TU' }),
          headers: as(tlAdmin),
        });
        expect(byOther.status).toBe(403);
      } finally {
        await withTrust.close();
      }
      expect(await fx.module.authority.active('person:bs-stranger')).toBeNull();
      expect(await fx.module.authority.active('person:bs-named')).toBeNull();
    });
  });

  it('gives the demo leaders the development PIN, and no one else a PIN', async () => {
    const pins = await fx.module.intent.pins.model.find({ development: true }).lean().exec();
    expect(pins.map((p) => p._id).sort()).toEqual(['bs-deputy', 'bs-secretary', 'hb-secretary', 'tl-secretary', 'tl-vp-chief', 'tl-xdd-head']);
    await api.authorise(principal('hb-secretary'), { documentId: 'demo' }, DEVELOPMENT_PIN);
  });
});
