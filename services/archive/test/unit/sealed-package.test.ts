import { DocumentKey, documentContext, KeyRing, kekIdOf, type ArchiveDocumentInput, type BlobRef } from '@vanthu/shared';
import { sealedInput, SEALING_ERRORS } from '../../src/secrecy/sealed-package';

const keys = KeyRing.fromEnv({});
const blob = (sealed: boolean): BlobRef => ({ sha256: 'ab'.repeat(32), size: 10, contentType: 'application/pdf', ...(sealed && { sealed: true }) });

async function sealedDocument(documentId = 'doc-1') {
  const key = DocumentKey.generate(documentId);
  const input = {
    workflowId: `document-${documentId}`,
    metadata: { documentId, issuerCode: 'BS-TU', secrecy: 'mat', subject: await key.seal('Về công tác bảo vệ') },
    content: blob(true),
    attachments: [{ attachment: blob(true), signature: blob(false), summary: {} }],
    history: [{ seq: 1, at: '2026-11-20T09:00:00+07:00', action: 'register', status: 'registered', note: await key.seal('giữ kín') }],
    validationMaterial: { certificates: [blob(false)], crls: [] },
    sealing: await key.sealingFor(keys, 'BS-TU'),
  } as unknown as ArchiveDocumentInput;
  return { key, input };
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: { type?: string; nonRetryable?: boolean; message: string }) => error);

describe('sealedInput: what a sealed document must bring, and the archive’s own wrap of its key', () => {
  it('re-wraps the data key for archive:<issuer>, bound to the document, without opening anything else', async () => {
    const { key, input } = await sealedDocument();
    const { sealing, input: kept } = await sealedInput(keys, input);
    expect(kept).toEqual(input);
    expect(sealing?.kid).toBe(`${keys.currentMasterId}/archive:BS-TU`);
    expect(kekIdOf(sealing!.wrappedKey)).toBe(sealing!.kid);
    const reopened = await DocumentKey.open(keys, 'doc-1', { wrappedKey: sealing!.wrappedKey }, 'archive:BS-TU');
    expect(Buffer.from(reopened.exportRaw())).toEqual(Buffer.from(key.exportRaw()));
    // Bound to its document: the same wrap does not open as another's.
    await expect(keys.unwrap(sealing!.wrappedKey, documentContext('doc-2'))).rejects.toThrow(/belongs to document:doc-1/);
  });

  it('leaves a clear document alone', async () => {
    const { input } = await sealedDocument();
    const { sealing: _sealing, ...clear } = input;
    const plain = { ...clear, metadata: { ...clear.metadata, subject: 'Về công tác', secrecy: 'none' }, content: blob(false), attachments: [] } as ArchiveDocumentInput;
    await expect(sealedInput(keys, plain)).resolves.toEqual({ input: plain });
  });

  it('refuses, for good, a sealed document whose subject or files came in clear, naming each', async () => {
    const { input } = await sealedDocument();
    const clear = { ...input, metadata: { ...input.metadata, subject: 'Về công tác bảo vệ' }, content: blob(false) };
    const error = await failureOf(sealedInput(keys, clear));
    expect(error).toMatchObject({ type: SEALING_ERRORS.secretInClear, nonRetryable: true });
    expect(error!.message).toContain('records/metadata.json: subject; content');
    expect(error!.message).not.toContain('bảo vệ');
  });

  it('seals a history note that came in clear, and says which (by number, not text)', async () => {
    const { key, input } = await sealedDocument();
    const warnings: unknown[] = [];
    const stray = { ...input, history: [...input.history, { seq: 2, at: '2026-11-21T09:00:00+07:00', action: 'recall', status: 'recalled', note: 'thu hồi vì lộ' }] };
    const { input: kept } = await sealedInput(keys, stray, (message, fields) => warnings.push({ message, fields }));
    expect(kept.history[0]).toEqual(input.history[0]);
    expect(await key.open(kept.history[1]!.note!)).toBe('thu hồi vì lộ');
    expect(JSON.stringify(warnings)).not.toContain('lộ');
    expect(warnings).toEqual([{ message: expect.stringContaining('sealed them'), fields: { documentId: 'doc-1', seqs: [2] } }]);
  });

  it('refuses sealed parts without a sealing (they could never be opened), and a key for another document', async () => {
    const { input } = await sealedDocument();
    const { sealing: _sealing, ...keyless } = input;
    expect(await failureOf(sealedInput(keys, keyless))).toMatchObject({ type: SEALING_ERRORS.sealingMissing, nonRetryable: true });
    const other = await sealedDocument('doc-other');
    expect(await failureOf(sealedInput(keys, { ...input, sealing: other.input.sealing! }))).toMatchObject({ type: SEALING_ERRORS.sealingInvalid, nonRetryable: true });
  });

  it('waits (retryably) for a key-encryption key it does not hold', async () => {
    const { input } = await sealedDocument();
    const elsewhere = new KeyRing({ masters: new Map([['other-2026', Buffer.alloc(32, 3)]]), current: 'other-2026' });
    const error = await failureOf(sealedInput(elsewhere, input));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty('nonRetryable', true);
    expect(error!.message).toMatch(/is not configured here/);
  });
});
