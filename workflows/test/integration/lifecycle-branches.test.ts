import { ActivityFailure, type ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { DocumentAttributes, LIFECYCLE_ERRORS, SERVICE_NAMES, SIGNING_ERRORS, TASK_QUEUES, type ProbeReport } from '@vanthu/shared';
import {
  approveUpdate,
  assignUpdate,
  completeUpdate,
  issueUpdate,
  lifecycleStateQuery,
  recallUpdate,
  refuseUpdate,
  rejectUpdate,
  returnUpdate,
  reviseUpdate,
  signUpdate,
  startProcessingUpdate,
  submitUpdate,
  systemProbeWorkflow,
} from '@vanthu/workflows';
import { useLifecycleEnv, type LifecycleTestEnv } from '../support/lifecycle-env';
import { copyHandle, copyWhen, documentInput, documentWhen, issueDocument, PEOPLE, sign, startDocument, toSigning } from '../support/lifecycle-steps';
import { refusal } from '../support/refusal';
import { ref } from '../support/service-fakes';
import { eventually } from '../support/time-skipping';

/**
 * Every branch of a document's workflow on the time-skipping test server, the services'
 * activities answered in memory: what each Update answers, what the workflow asks each service,
 * what it records, what it refuses (before recording anything), and how it ends.
 */
describe('the intake worker\'s workflows (time-skipping, services faked)', () => {
  let t: LifecycleTestEnv;
  useLifecycleEnv((env) => (t = env));
  const client = () => t.env.client;
  /** A transition once its record is written (the workflow's own state runs ahead of it). */
  const recorded = (id: string, action: string) => eventually(() => t.fakes.of(id).find((r) => r.action === action), `${id}: ${action} recorded`);

  describe('a document\'s lifecycle', () => {
    it('is reviewed by each approver in turn, signed, issued with its number to its recipients, and archived once each has finished with it', async () => {
      const id = 'branch-whole';
      const input = documentInput(id, { approvers: ['bs-deputy', 'bs-secretary'], recipients: ['BS-TL-DU', 'BS-HB-DU'], attachments: [ref(2)] });
      const handle = await startDocument(client(), input);
      const submitted = await handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] });
      expect(submitted).toMatchObject({ status: 'in_review', currentApprover: 'bs-deputy', approvalIndex: 0 });
      const first = await handle.executeUpdate(approveUpdate, { args: [PEOPLE.deputy, 'Đồng ý'] });
      expect(first).toMatchObject({ status: 'in_review', currentApprover: 'bs-secretary', approvalIndex: 1 });
      const last = await handle.executeUpdate(approveUpdate, { args: [PEOPLE.secretary, null] });
      expect(last.status).toBe('signing');
      expect(last.currentApprover).toBeUndefined();

      const signed = await sign(handle);
      const [[personInput]] = t.fakes.callsOf('signAsPerson', id);
      expect(personInput).toMatchObject({
        documentId: id,
        content: ref(1),
        signer: { userId: 'bs-secretary', orgCode: 'BS-TU' },
        orgCode: 'BS-TU',
        authority: 'T/M',
        onBehalfOf: 'Ban Thường vụ',
        visibleStamp: true,
        signingAuthorisation: 'auth-1',
      });
      expect(signed).toMatchObject({ status: 'signing', personSigned: true, signatures: [{ signerName: 'Hoàng Văn Sơn' }] });
      expect(signed.content).not.toEqual(ref(1));

      const issued = await handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] });
      const [[allocation]] = t.fakes.callsOf('allocateDocumentNumber', id);
      const [[sealing]] = t.fakes.callsOf('signAsOrganisation', id);
      expect(allocation).toEqual({ documentId: id, issuer: 'BS-TU', type: 'NQ', secrecy: 'none', issuedAt: issued.issuedAt });
      expect(issued.issuedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      // The organisation seals what the signer signed, with the number it was just given.
      expect(sealing).toMatchObject({ content: signed.content, attachments: [ref(2)], notation: issued.notation, issuedAt: issued.issuedAt, orgName: 'Tỉnh ủy Bắc Sơn' });
      // The clerk's answer comes once the document is numbered and sealed; distribution follows it.
      expect(issued).toMatchObject({ status: 'issued', signatures: [{ signerName: 'Hoàng Văn Sơn' }, { signerName: 'Tỉnh ủy Bắc Sơn' }] });
      expect(issued.attachmentSignatures.map((a) => a.attachment)).toEqual([ref(2)]);
      const distributed = await recorded(id, 'distributed');
      expect(distributed.patch.recipients).toEqual([
        expect.objectContaining({ org: 'BS-TL-DU', status: 'arrived' }),
        expect.objectContaining({ org: 'BS-HB-DU', status: 'arrived' }),
      ]);
      expect(t.fakes.of(id).find((r) => r.action === 'distributed')).toMatchObject({ data: { recipients: ['BS-TL-DU', 'BS-HB-DU'] } });
      // Set by the workflow task after the record: operators find it distributed in the Temporal UI.
      const attributes = await eventually(async () => {
        const found = (await handle.describe()).typedSearchAttributes;
        return found.get(DocumentAttributes.status) === 'distributed' ? found : undefined;
      }, 'the status attribute distributed');
      expect(attributes.get(DocumentAttributes.number)).toBe(issued.notation);

      // Each recipient finishes in its own way: one processes it, one refuses it.
      await copyWhen(client(), id, 'BS-TL-DU', (s) => s.status === 'accepted', 'accepted');
      await copyWhen(client(), id, 'BS-HB-DU', (s) => s.status === 'accepted', 'accepted');
      await copyHandle(client(), id, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', null] });
      await copyHandle(client(), id, 'BS-TL-DU').executeUpdate(completeUpdate, { args: [PEOPLE.tanLapSpecialist, 'Đã quán triệt'] });
      await copyHandle(client(), id, 'BS-HB-DU').executeUpdate(refuseUpdate, { args: [PEOPLE.hoaBinhClerk, 'Không thuộc phạm vi'] });

      const final = await handle.result();
      expect(final).toMatchObject({ status: 'archived', archive: { packageId: `pkg-document-${id}` } });
      expect(final.recipients.map((r) => [r.org, r.status])).toEqual([
        ['BS-TL-DU', 'done'],
        ['BS-HB-DU', 'rejected'],
      ]);
      expect(t.fakes.actions(id)).toEqual(['created', 'registered', 'review-started', 'approved', 'approved', 'signed', 'issued', 'distributed', 'archived']);
      const [, , reviewStarted, firstApproval, secondApproval] = t.fakes.of(id);
      expect(reviewStarted).toMatchObject({ status: 'in_review', data: { approvers: ['bs-deputy', 'bs-secretary'], currentApprover: 'bs-deputy' } });
      expect(firstApproval).toMatchObject({ actor: 'bs-deputy', note: 'Đồng ý', status: 'in_review', data: { nextApprover: 'bs-secretary' }, patch: { currentApprover: 'bs-secretary' } });
      expect(secondApproval).toMatchObject({ actor: 'bs-secretary', status: 'signing', data: { nextApprover: null }, patch: { currentApprover: null } });
      expect(secondApproval.note).toBeUndefined();

      // Archived: the final content checked with its material kept, the package holding both signatures.
      const verifications = t.fakes.callsOf('verifyDocument', id).map(([v]) => v);
      expect(verifications.map((v) => [v.content, v.keepMaterial ?? false])).toEqual([
        [issued.content, false],
        [issued.content, false],
        [issued.content, true],
      ]);
      const [[archived]] = t.fakes.callsOf('archiveDocument', id);
      expect(archived).toMatchObject({
        workflowId: `document-${id}`,
        metadata: { documentId: id, finalStatus: 'distributed' },
        content: issued.content,
        signatures: issued.signatures,
        attachments: issued.attachmentSignatures,
        validation: { valid: true },
      });
      expect(archived.validationMaterial.certificates).toHaveLength(1);
      expect(t.fakes.of(id).at(-1)).toMatchObject({ action: 'archived', data: { finalStatus: 'distributed', packageId: `pkg-document-${id}` }, patch: { archive: final.archive } });
      // What the sender's record last showed of its recipients.
      const views = t.fakes.callsOf('recordRecipients', id);
      expect(views.at(-1)?.[1].map((r) => [r.org, r.status])).toEqual([
        ['BS-TL-DU', 'done'],
        ['BS-HB-DU', 'rejected'],
      ]);
      expect((await handle.describe()).typedSearchAttributes.get(DocumentAttributes.status)).toBe('archived');
    });

    it('refuses, before recording anything, what the document\'s state or the person does not allow', async () => {
      const id = 'branch-guarded';
      const handle = await startDocument(client(), documentInput(id));
      const refused = async (update: Promise<unknown>) => (await refusal(update)).type;

      // A draft: only its author or the issuer's clerk submits it; nothing else applies yet.
      expect(await refused(handle.executeUpdate(approveUpdate, { args: [PEOPLE.deputy, null] }))).toBe(LIFECYCLE_ERRORS.invalidTransition);
      expect(await refused(handle.executeUpdate(submitUpdate, { args: [PEOPLE.hoaBinhSpecialist] }))).toBe(LIFECYCLE_ERRORS.forbidden);
      expect(await refused(handle.executeUpdate(submitUpdate, { args: [PEOPLE.archivist] }))).toBe(LIFECYCLE_ERRORS.forbidden);
      expect(await refused(handle.executeUpdate(signUpdate, { args: [PEOPLE.secretary, { signingAuthorisation: 'auth-1' }] }))).toBe(LIFECYCLE_ERRORS.invalidTransition);
      expect(await refused(handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] }))).toBe(LIFECYCLE_ERRORS.invalidTransition);
      expect(await refused(handle.executeUpdate(recallUpdate, { args: [PEOPLE.clerk, 'Thu hồi'] }))).toBe(LIFECYCLE_ERRORS.invalidTransition);

      await handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] });
      expect(await refused(handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] }))).toBe(LIFECYCLE_ERRORS.invalidTransition);
      expect(await refused(handle.executeUpdate(reviseUpdate, { args: [PEOPLE.author, { content: ref(9) }] }))).toBe(LIFECYCLE_ERRORS.invalidTransition);
      const notYours = await refusal(handle.executeUpdate(approveUpdate, { args: [PEOPLE.secretary, null] }));
      expect(notYours).toMatchObject({ type: LIFECYCLE_ERRORS.notYourTurn, nonRetryable: true });
      expect(notYours.message).toContain('bs-deputy');
      expect(await refused(handle.executeUpdate(rejectUpdate, { args: [PEOPLE.secretary, 'Không'] }))).toBe(LIFECYCLE_ERRORS.notYourTurn);

      await handle.executeUpdate(approveUpdate, { args: [PEOPLE.deputy, null] });
      // Signing: the signer's signature, with the confirmation the signing service gave, comes first.
      expect(await refused(handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] }))).toBe(LIFECYCLE_ERRORS.invalidTransition);
      expect(await refused(handle.executeUpdate(signUpdate, { args: [PEOPLE.deputy, { signingAuthorisation: 'auth-1' }] }))).toBe(LIFECYCLE_ERRORS.notYourTurn);
      expect(await refused(handle.executeUpdate(signUpdate, { args: [PEOPLE.secretary] }))).toBe(SIGNING_ERRORS.signerIntentMissing);
      await sign(handle);
      expect(await refused(sign(handle))).toBe(LIFECYCLE_ERRORS.invalidTransition);
      // Issued by the issuer's clerk only.
      expect(await refused(handle.executeUpdate(issueUpdate, { args: [PEOPLE.author] }))).toBe(LIFECYCLE_ERRORS.forbidden);
      expect(await refused(handle.executeUpdate(issueUpdate, { args: [PEOPLE.tanLapClerk] }))).toBe(LIFECYCLE_ERRORS.forbidden);

      expect(t.fakes.actions(id)).toEqual(['created', 'registered', 'review-started', 'approved', 'signed']);
      expect(t.fakes.callsOf('signAsPerson', id)).toHaveLength(1);
      expect(t.fakes.callsOf('allocateDocumentNumber', id)).toHaveLength(0);
      expect(await handle.query(lifecycleStateQuery)).toMatchObject({ status: 'signing', personSigned: true, seq: 5 });
    });

    it('revised as a draft stays a draft; without approvers, goes from its submission (by the issuer\'s clerk) straight to signing', async () => {
      const id = 'branch-draft';
      const handle = await startDocument(client(), documentInput(id));
      expect(await refusal(handle.executeUpdate(reviseUpdate, { args: [PEOPLE.clerk, { approvers: [] }] }))).toMatchObject({ type: LIFECYCLE_ERRORS.forbidden });
      const revised = await handle.executeUpdate(reviseUpdate, { args: [PEOPLE.author, { approvers: [], content: ref(7) }] });
      expect(revised).toMatchObject({ status: 'draft', content: ref(7) });
      const submitted = await handle.executeUpdate(submitUpdate, { args: [PEOPLE.clerk] });
      expect(submitted.status).toBe('signing');
      expect(t.fakes.actions(id)).toEqual(['created', 'revised', 'registered', 'ready-for-signing']);
      const [, revision, registered, ready] = t.fakes.of(id);
      expect(revision).toMatchObject({ status: 'draft', actor: 'bs-specialist', patch: { content: ref(7), approvers: [], addressees: ['BS-TL-DU'], dueDate: '2026-12-31' } });
      expect(revision.patch.participants).toBeUndefined();
      expect(registered.actor).toBe('bs-clerk');
      expect(ready).toMatchObject({ status: 'signing', data: { approvers: [] } });
      await sign(handle);
      expect(t.fakes.callsOf('signAsPerson', id)[0][0].content).toEqual(ref(7));
    });

    it('is returned with a reason, revised by its author, reviewed again from the first approver, and goes to the recipients and due date of its revision', async () => {
      const id = 'branch-returned';
      const input = documentInput(id, { approvers: ['bs-deputy', 'bs-secretary'] });
      const handle = await startDocument(client(), input);
      await handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] });
      await handle.executeUpdate(approveUpdate, { args: [PEOPLE.deputy, null] });
      const returned = await handle.executeUpdate(returnUpdate, { args: [PEOPLE.secretary, 'Bổ sung căn cứ pháp lý'] });
      expect(returned.status).toBe('returned');
      expect(returned.currentApprover).toBeUndefined();
      expect((await refusal(handle.executeUpdate(approveUpdate, { args: [PEOPLE.secretary, null] }))).type).toBe(LIFECYCLE_ERRORS.invalidTransition);
      expect((await refusal(handle.executeUpdate(reviseUpdate, { args: [PEOPLE.deputy, { content: ref(5) }] }))).type).toBe(LIFECYCLE_ERRORS.forbidden);

      const revised = await handle.executeUpdate(reviseUpdate, { args: [PEOPLE.author, { content: ref(5), approvers: ['bs-deputy'], recipients: ['BS-HB-DU'], dueDate: '2027-01-15' }] });
      expect(revised).toMatchObject({ status: 'in_review', currentApprover: 'bs-deputy', approvalIndex: 0, content: ref(5) });
      await handle.executeUpdate(approveUpdate, { args: [PEOPLE.deputy, null] });
      await sign(handle);
      await handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] });
      expect((await recorded(id, 'distributed')).data).toMatchObject({ recipients: ['BS-HB-DU'] });

      expect(t.fakes.actions(id)).toEqual(['created', 'registered', 'review-started', 'approved', 'returned', 'revised', 'review-started', 'approved', 'signed', 'issued', 'distributed']);
      const records = t.fakes.of(id);
      expect(records[4]).toMatchObject({ actor: 'bs-secretary', note: 'Bổ sung căn cứ pháp lý', status: 'returned', patch: { currentApprover: null } });
      expect(records[5]).toMatchObject({ status: 'registered', patch: { content: ref(5), approvers: ['bs-deputy'], addressees: ['BS-HB-DU'], dueDate: '2027-01-15' }, data: { content: ref(5).sha256 } });
      expect(records[6]).toMatchObject({ status: 'in_review', data: { approvers: ['bs-deputy'], currentApprover: 'bs-deputy' } });
      expect(t.fakes.callsOf('signAsPerson', id)[0][0].content).toEqual(ref(5));
      await copyWhen(client(), id, 'BS-HB-DU', (s) => s.status === 'accepted', 'accepted');
      const [[arrival]] = t.fakes.callsOf('registerIncoming', id);
      expect(arrival).toMatchObject({ org: 'BS-HB-DU', dueDate: '2027-01-15', parentWorkflowId: `document-${id}`, issuer: 'BS-TU' });
      await expect(copyHandle(client(), id, 'BS-TL-DU').describe()).rejects.toThrow(WorkflowNotFoundError);
    });

    it('is rejected by its approver: the approver is answered, the workflow ends without an archive, and takes nothing more', async () => {
      const id = 'branch-rejected';
      const handle = await startDocument(client(), documentInput(id));
      await handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] });
      const rejected = await handle.executeUpdate(rejectUpdate, { args: [PEOPLE.deputy, 'Không phù hợp chủ trương'] });
      expect(rejected.status).toBe('rejected');
      expect((await handle.result()).status).toBe('rejected');
      expect(t.fakes.of(id).at(-1)).toMatchObject({ action: 'rejected', status: 'rejected', actor: 'bs-deputy', note: 'Không phù hợp chủ trương' });
      expect(t.fakes.callsOf('archiveDocument', id)).toEqual([]);
      expect((await handle.describe()).typedSearchAttributes.get(DocumentAttributes.status)).toBe('rejected');
      await expect(handle.executeUpdate(reviseUpdate, { args: [PEOPLE.author, { content: ref(6) }] })).rejects.toThrow(WorkflowNotFoundError);
    });

    it('stays where it was when the signing service refuses a signature, and is signed and issued when asked again', async () => {
      const id = 'branch-signing-fails';
      const input = documentInput(id);
      const handle = await startDocument(client(), input);
      await toSigning(handle, input);
      const ours = (i: { documentId: string }) => i.documentId === id;

      t.fakes.refuse('signAsPerson', ours, SIGNING_ERRORS.noCertificate, 'bs-secretary has no valid signing certificate');
      const failed = await sign(handle).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (failed as WorkflowUpdateFailedError).cause;
      expect(cause).toBeInstanceOf(ActivityFailure);
      expect((cause as ActivityFailure).cause).toMatchObject({ type: SIGNING_ERRORS.noCertificate });
      expect(await handle.query(lifecycleStateQuery)).toMatchObject({ status: 'signing', personSigned: false, signatures: [] });
      await sign(handle);

      // The organisation's signature fails after the number was allocated: the retry asks for it again.
      t.fakes.refuse('signAsOrganisation', ours, SIGNING_ERRORS.certificateRevoked, 'the organisation certificate is revoked');
      await expect(handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] })).rejects.toThrow(WorkflowUpdateFailedError);
      const after = await handle.query(lifecycleStateQuery);
      expect(after).toMatchObject({ status: 'signing', personSigned: true });
      expect(after.number).toBeUndefined();
      const issued = await handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] });
      await recorded(id, 'distributed');

      const allocations = t.fakes.callsOf('allocateDocumentNumber', id).map(([a]) => a.documentId);
      expect(allocations).toEqual([id, id]);
      const sealings = t.fakes.callsOf('signAsOrganisation', id).map(([s]) => s.notation);
      expect(sealings).toEqual([issued.notation, issued.notation]);
      expect(t.fakes.actions(id)).toEqual(['created', 'registered', 'review-started', 'approved', 'signed', 'issued', 'distributed']);
    });

    it('is recalled after distribution: each open copy is recalled and drops its content, a finished one stays, and the document is archived as recalled', async () => {
      const id = 'branch-recalled';
      // No due date, so the copies run no deadline timers: the earlier tests' skips may have taken
      // the server's clock past any date, and a copy's reminder then falls due at once, racing the
      // task that recalls it. The time-skipping server strands a task that cancels a timer which
      // fired while the task was with the worker ("invalid history builder state for action"; CI,
      // twice). Deadlines have their own tests (incoming-branches).
      const { handle } = await issueDocument(client(), documentInput(id, { recipients: ['BS-TL-DU', 'BS-HB-DU', 'BS-TL-VP', 'BS-TL-XDD'], dueDate: undefined }));
      for (const org of ['BS-TL-DU', 'BS-HB-DU', 'BS-TL-VP', 'BS-TL-XDD']) await copyWhen(client(), id, org, (s) => s.status === 'accepted', 'accepted');
      // A copy at each stage: being processed, registered and waiting, done, assigned.
      await copyHandle(client(), id, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', null] });
      await copyHandle(client(), id, 'BS-TL-DU').executeUpdate(startProcessingUpdate, { args: [PEOPLE.tanLapSpecialist] });
      await copyHandle(client(), id, 'BS-TL-VP').executeUpdate(assignUpdate, { args: [PEOPLE.officeChief, 'tl-vp-chief', null] });
      await copyHandle(client(), id, 'BS-TL-VP').executeUpdate(completeUpdate, { args: [PEOPLE.officeChief, 'Đã thực hiện'] });
      await copyHandle(client(), id, 'BS-TL-XDD').executeUpdate(assignUpdate, { args: [PEOPLE.buildingHead, 'tl-xdd-head', null] });
      await documentWhen(handle, (s) => s.recipients.map((r) => r.status).join() === 'processing,accepted,done,assigned', 'the recipients\' statuses');

      expect((await refusal(handle.executeUpdate(recallUpdate, { args: [PEOPLE.author, 'Sai sót'] }))).type).toBe(LIFECYCLE_ERRORS.forbidden);
      expect((await refusal(handle.executeUpdate(recallUpdate, { args: [PEOPLE.tanLapClerk, 'Sai sót'] }))).type).toBe(LIFECYCLE_ERRORS.forbidden);
      const reason = 'Ban hành chưa đúng thẩm quyền';
      const recalled = await handle.executeUpdate(recallUpdate, { args: [PEOPLE.secretary, reason] });
      expect(recalled.status).toBe('recalled');

      // Watched until each copy has closed, without awaiting a result (which lets the server skip time).
      for (const org of ['BS-TL-DU', 'BS-HB-DU', 'BS-TL-XDD']) {
        await eventually(async () => (await copyHandle(client(), id, org).describe()).status.name !== 'RUNNING', `${id}@${org} closed`, 600);
      }
      for (const org of ['BS-TL-DU', 'BS-HB-DU', 'BS-TL-XDD']) {
        expect((await copyHandle(client(), id, org).result()).status).toBe('recalled');
        const last = t.fakes.of(`${id}@${org}`).at(-1);
        expect(last).toMatchObject({ action: 'copy-recalled', status: 'recalled', note: reason, patch: { deleted: true, content: null, attachments: [], statusCode: '13' } });
      }
      expect((await copyHandle(client(), id, 'BS-TL-VP').result()).status).toBe('done');
      expect(t.fakes.actions(`${id}@BS-TL-VP`)).not.toContain('copy-recalled');

      const final = await handle.result();
      expect(final.status).toBe('archived');
      expect(final.recipients.map((r) => r.status)).toEqual(['recalled', 'recalled', 'done', 'recalled']);
      expect(t.fakes.actions(id).slice(-3)).toEqual(['distributed', 'recalled', 'archived']);
      const records = t.fakes.of(id);
      expect(records.at(-2)).toMatchObject({ actor: 'bs-secretary', note: reason });
      expect(records.at(-1)).toMatchObject({ note: `recalled: ${reason}`, data: { finalStatus: 'recalled' } });
      expect(t.fakes.callsOf('archiveDocument', id)[0][0]).toMatchObject({ metadata: { finalStatus: 'recalled' } });
      await expect(handle.executeUpdate(recallUpdate, { args: [PEOPLE.secretary, reason] })).rejects.toThrow(WorkflowNotFoundError);
    });

    it('is recalled while its issue is being recorded: the recall goes first, and the document is sent to no one', async () => {
      const id = 'branch-recall-issuing';
      const input = documentInput(id, { recipients: ['BS-TL-DU', 'BS-HB-DU'] });
      const handle = await startDocument(client(), input, { workflowTaskTimeout: '2s' });
      await toSigning(handle, input);
      await sign(handle);
      const issuing = t.fakes.hold('recordTransition', (r: { aggregateId: string; action: string }) => r.aggregateId === id && r.action === 'issued');
      const issue = handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] });
      await issuing.reached;
      expect((await handle.query(lifecycleStateQuery)).status).toBe('issued');
      // Accepted now (an issued document may be recalled); it runs when the issue is recorded,
      // before the distribution that follows the issue.
      const recall = await handle.startUpdate(recallUpdate, { args: [PEOPLE.clerk, 'Phát hiện sai sót'], waitForStage: WorkflowUpdateStage.ACCEPTED });
      issuing.release();
      expect((await issue).status).toBe('issued');
      expect((await recall.result()).status).toBe('recalled');
      const final = await handle.result();
      expect(final).toMatchObject({ status: 'archived', recipients: [] });
      expect(t.fakes.actions(id).slice(-3)).toEqual(['issued', 'recalled', 'archived']);
      const events = (await handle.fetchHistory()).events ?? [];
      expect(events.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toEqual([]);
      expect(t.fakes.callsOf('archiveDocument', id)[0][0]).toMatchObject({ metadata: { finalStatus: 'recalled' } });
    });

    it('distributes after the issue answers: every recipient\'s copy started in one workflow task, their statuses recorded in batches, the last before the archive', async () => {
      const id = 'branch-fan-out';
      const orgs = ['BS-TL-DU', 'BS-HB-DU', 'BS-TL-VP', 'BS-TL-XDD'];
      const input = documentInput(id, { recipients: orgs });
      const handle = await startDocument(client(), input);
      await toSigning(handle, input);
      await sign(handle);
      // The clerk is answered before any copy exists: distribution is held at its record.
      const distributing = t.fakes.hold('recordTransition', (r: { aggregateId: string; action: string }) => r.aggregateId === id && r.action === 'distributed');
      const issued = await handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] });
      expect(issued.status).toBe('issued');
      await distributing.reached;
      distributing.release();
      for (const org of orgs) await copyWhen(client(), id, org, (s) => s.status === 'accepted', 'accepted');

      const events = (await handle.fetchHistory()).events ?? [];
      const starts = events.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes);
      expect(starts).toHaveLength(orgs.length);
      expect(new Set(starts.map((e) => String(e.startChildWorkflowExecutionInitiatedEventAttributes!.workflowTaskCompletedEventId)))).toHaveProperty('size', 1);

      for (const org of orgs) {
        await copyHandle(client(), id, org).executeUpdate(refuseUpdate, { args: [{ ...PEOPLE.tanLapClerk, org }, 'Không thuộc phạm vi'] });
      }
      const final = await handle.result();
      expect(final.status).toBe('archived');
      const views = t.fakes.callsOf('recordRecipients', id);
      // Each copy signals three times (delivered, registered, refused): never more writes than signals.
      expect(views.length).toBeLessThanOrEqual(3 * orgs.length);
      expect(views.at(-1)?.[1].map((r) => [r.org, r.status])).toEqual(orgs.map((org) => [org, 'rejected']));
      const mine = ({ activity, args }: { activity: string; args: unknown[] }) =>
        activity === 'recordRecipients' ? args[0] === id : activity === 'archiveDocument' && (args[0] as { metadata: { documentId: string } }).metadata.documentId === id;
      const order = t.fakes.calls.filter(mine).map((c) => c.activity);
      expect(order.slice(-2)).toEqual(['recordRecipients', 'archiveDocument']);
    });

    it('takes concurrent Updates one at a time: of an approver\'s approval, return and rejection sent at once, one is recorded', async () => {
      const id = 'branch-race-review';
      const handle = await startDocument(client(), documentInput(id, { approvers: ['bs-deputy', 'bs-secretary'] }));
      await handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] });
      const outcomes = await Promise.allSettled([
        handle.executeUpdate(approveUpdate, { args: [PEOPLE.deputy, null] }),
        handle.executeUpdate(approveUpdate, { args: [PEOPLE.deputy, null] }),
        handle.executeUpdate(returnUpdate, { args: [PEOPLE.deputy, 'Sửa'] }),
        handle.executeUpdate(rejectUpdate, { args: [PEOPLE.deputy, 'Không'] }),
      ]);
      const accepted = outcomes.filter((o) => o.status === 'fulfilled');
      expect(accepted).toHaveLength(1);
      const winner = (accepted[0] as PromiseFulfilledResult<{ status: string }>).value.status;
      for (const o of outcomes.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
        // A rejection closes the workflow in the task that records it; an Update the server had
        // not yet delivered then finds no running workflow (intake answers it 409 from the record).
        if (winner === 'rejected' && o.reason instanceof WorkflowNotFoundError) continue;
        expect(o.reason).toBeInstanceOf(WorkflowUpdateFailedError);
        expect([LIFECYCLE_ERRORS.notYourTurn, LIFECYCLE_ERRORS.invalidTransition]).toContain(((o.reason as WorkflowUpdateFailedError).cause as ApplicationFailure).type);
      }
      const decisions = t.fakes.actions(id).slice(3);
      expect(decisions).toHaveLength(1);
      expect({ approved: 'in_review', returned: 'returned', rejected: 'rejected' }[decisions[0]]).toBe(winner);
      if (winner !== 'rejected') expect((await handle.query(lifecycleStateQuery)).status).toBe(winner);
    });

    it('holds an Update sent as the workflow starts until its creation is recorded', async () => {
      const id = 'branch-race-start';
      const creating = t.fakes.hold('recordTransition', (r: { aggregateId: string; action: string }) => r.aggregateId === id && r.action === 'created');
      const handle = await startDocument(client(), documentInput(id), { workflowTaskTimeout: '2s' });
      const submit = await handle.startUpdate(submitUpdate, { args: [PEOPLE.author], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await creating.reached;
      expect(t.fakes.actions(id)).toEqual([]);
      creating.release();
      expect((await submit.result()).status).toBe('in_review');
      expect(t.fakes.of(id).map((r) => [r.seq, r.action])).toEqual([
        [1, 'created'],
        [2, 'registered'],
        [3, 'review-started'],
      ]);
    });

    it('refuses the issue while the signer\'s signature is being made, and a second signature sent meanwhile once the first is recorded', async () => {
      const id = 'branch-race-sign';
      const input = documentInput(id);
      const handle = await startDocument(client(), input);
      await toSigning(handle, input);
      const signing = t.fakes.hold('signAsPerson', (s: { documentId: string }) => s.documentId === id);
      const first = await handle.startUpdate(signUpdate, { args: [PEOPLE.secretary, { signingAuthorisation: 'auth-1' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await signing.reached;
      expect((await refusal(handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] }))).type).toBe(LIFECYCLE_ERRORS.invalidTransition);
      // Not signed yet, so accepted; refused under the lock, the signature being there by then.
      const second = await handle.startUpdate(signUpdate, { args: [PEOPLE.secretary, { signingAuthorisation: 'auth-2' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      signing.release();
      expect((await first.result()).personSigned).toBe(true);
      expect((await refusal(second.result())).type).toBe(LIFECYCLE_ERRORS.invalidTransition);
      expect(t.fakes.callsOf('signAsPerson', id)).toHaveLength(1);
      expect((await handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] })).status).toBe('issued');
      await recorded(id, 'distributed');
      expect(t.fakes.actions(id)).toEqual(['created', 'registered', 'review-started', 'approved', 'signed', 'issued', 'distributed']);
    });

    it('keeps a secret document to those who need to know it, sealed through every service, its recall reason archived whole', async () => {
      const id = 'branch-secret';
      const sealing = { wrappedKey: 'wrapped-data-key' };
      const input = documentInput(id, { secrecy: 'mat', sealing });
      const handle = await startDocument(client(), input);
      await handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] });
      await handle.executeUpdate(returnUpdate, { args: [PEOPLE.deputy, 'Sửa'] });
      await handle.executeUpdate(reviseUpdate, { args: [PEOPLE.author, { approvers: ['bs-deputy', 'bs-secretary'] }] });
      await handle.executeUpdate(approveUpdate, { args: [PEOPLE.deputy, null] });
      await handle.executeUpdate(approveUpdate, { args: [PEOPLE.secretary, null] });
      await sign(handle);
      await handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] });
      await copyWhen(client(), id, 'BS-TL-DU', (s) => s.status === 'accepted', 'accepted');

      const revised = t.fakes.of(id).find((r) => r.action === 'revised');
      expect(revised?.patch.participants).toEqual(['bs-specialist', 'bs-deputy', 'bs-secretary', 'desk:BS-TU:clerk']);
      // From its issue on, the clerk who issued it, no longer every clerk at the desk.
      expect(t.fakes.of(id).find((r) => r.action === 'issued')?.patch.participants).toEqual(['bs-specialist', 'bs-deputy', 'bs-secretary', 'bs-clerk']);
      for (const activity of ['signAsPerson', 'signAsOrganisation', 'verifyDocument', 'registerIncoming'] as const) {
        for (const [call] of t.fakes.callsOf(activity, id)) expect(call).toMatchObject({ sealing });
      }

      const reason = 'Lộ lọt nội dung';
      await handle.executeUpdate(recallUpdate, { args: [PEOPLE.clerk, reason] });
      expect((await handle.result()).status).toBe('archived');
      expect(t.fakes.of(id).at(-1)).toMatchObject({ action: 'archived', note: reason });
      expect(t.fakes.callsOf('archiveDocument', id)[0][0]).toMatchObject({ sealing });
    });
  });

  describe('the system probe', () => {
    it('has every service\'s worker answer on its own queue, and fails when one does not', async () => {
      const reports: ProbeReport[] = await t.env.client.workflow.execute(systemProbeWorkflow, { workflowId: 'probe-1', taskQueue: TASK_QUEUES.intake });
      expect(reports.map((r) => [r.service, r.taskQueue])).toEqual(SERVICE_NAMES.map((s) => [s, TASK_QUEUES[s]]));

      t.fakes.answer('probe', (service: string) => service === 'notify', async () => {
        throw new Error('notify cannot reach Kafka');
      }, 3);
      const failed = await t.env.client.workflow.execute(systemProbeWorkflow, { workflowId: 'probe-2', taskQueue: TASK_QUEUES.intake }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(WorkflowFailedError);
      expect((failed as WorkflowFailedError).cause).toBeInstanceOf(ActivityFailure);
      expect(((failed as WorkflowFailedError).cause as ActivityFailure).cause?.message).toBe('notify cannot reach Kafka');
      expect(t.fakes.calls.filter((c) => c.activity === 'probe' && c.args[0] === 'notify')).toHaveLength(1 + 3);
    });
  });
});
