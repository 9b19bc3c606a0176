import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
  KeyRing,
  PayloadCodecError,
  temporalDataConverter,
  WORKFLOW_ID_METADATA,
} from '../../src';
import { decodeOptionalFailureToOptionalError, encodeErrorToFailure, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';

const ring = (current: string, ...ids: string[]) => new KeyRing({ masters: new Map(ids.map((id) => [id, randomBytes(32)])), current });
const context = (workflowId: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId });
const json = (value: unknown) => defaultPayloadConverter.toPayload(value)!;
const meta = (payload: Payload, key: string) => Buffer.from(payload.metadata?.[key] ?? []).toString();
const relabel = (payload: Payload, key: string, value: string): Payload => ({ ...payload, metadata: { ...payload.metadata, [key]: Buffer.from(value) } });

/** Why decoding was refused. */
async function failureOf(decoding: Promise<unknown>): Promise<string> {
  const error = await decoding.then(
    () => new Error('decoded what it should have refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PayloadCodecError);
  return (error as PayloadCodecError).reason;
}

describe('the Temporal payload codec (AES-256-GCM)', () => {
  const keys = ring('k1', 'k1');
  const codec = new EncryptionCodec(keys);
  const subject = 'Về chuyển đổi số — mật';

  it('encrypts a payload, labels it with the key and the workflow, and decodes it back exactly', async () => {
    const original = json({ subject, approvers: ['bs-deputy'] });
    const [encoded] = await codec.encode([original], context('document-42'));
    expect(meta(encoded!, 'encoding')).toBe(ENCRYPTED_ENCODING);
    expect(meta(encoded!, KEY_ID_METADATA)).toBe('k1/temporal-codec');
    expect(meta(encoded!, WORKFLOW_ID_METADATA)).toBe('document-42');
    expect(Buffer.from(encoded!.data!).toString()).not.toContain('chuy');
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ subject, approvers: ['bs-deputy'] });
    expect(meta(decoded!, 'encoding')).toBe('json/plain');
  });

  it('uses a fresh IV each time: the same value never encrypts the same way twice', async () => {
    const [a, b] = await codec.encode([json(subject), json(subject)], context('document-42'));
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('names no workflow when the SDK gives no context, and still decodes', async () => {
    const [encoded] = await codec.encode([json(1)]);
    expect(encoded!.metadata?.[WORKFLOW_ID_METADATA]).toBeUndefined();
    expect(defaultPayloadConverter.fromPayload((await codec.decode([encoded!]))[0]!)).toBe(1);
  });

  it('passes payloads written without a codec through unchanged (older histories replay)', async () => {
    const plain = [json({ subject }), defaultPayloadConverter.toPayload(undefined)!, { metadata: { encoding: Buffer.from('binary/plain') }, data: Buffer.from([1, 2]) }];
    expect(await codec.decode(plain)).toEqual(plain);
  });

  it('refuses a payload relabelled with another workflow id, or with its label removed', async () => {
    const [encoded] = await codec.encode([json(subject)], context('document-secret'));
    expect(await failureOf(codec.decode([relabel(encoded!, WORKFLOW_ID_METADATA, 'document-public')]))).toBe('payload-not-authentic');
    const { [WORKFLOW_ID_METADATA]: _gone, ...unlabelled } = encoded!.metadata!;
    expect(await failureOf(codec.decode([{ ...encoded!, metadata: unlabelled }]))).toBe('payload-not-authentic');
  });

  it('refuses a payload whose key id was changed to another key of the ring', async () => {
    const rotated = ring('k2', 'k1', 'k2');
    const both = new EncryptionCodec(rotated);
    const [encoded] = await both.encode([json(subject)], context('document-1'));
    expect(await failureOf(both.decode([relabel(encoded!, KEY_ID_METADATA, 'k1/temporal-codec')]))).toBe('payload-not-authentic');
  });

  it('refuses altered ciphertext', async () => {
    const [encoded] = await codec.encode([json(subject)], context('document-1'));
    const data = Buffer.from(encoded!.data!);
    data[20] ^= 1;
    expect(await failureOf(codec.decode([{ ...encoded!, data }]))).toBe('payload-not-authentic');
  });

  it('says which key it lacks when a payload names one that is not configured', async () => {
    const [encoded] = await new EncryptionCodec(ring('elsewhere', 'elsewhere')).encode([json(subject)], context('document-1'));
    const error = await codec.decode([encoded!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadCodecError);
    expect((error as PayloadCodecError).reason).toBe('unknown-key');
    expect((error as Error).message).toContain('elsewhere/temporal-codec');
  });

  it('derives nothing from a key id of another scope (an organisation KEK)', async () => {
    const [encoded] = await codec.encode([json(subject)], context('document-1'));
    expect(await failureOf(codec.decode([relabel(encoded!, KEY_ID_METADATA, 'k1/org:BS-TU')]))).toBe('unknown-key');
  });

  it('after a rotation writes under the new master and still reads what the old one wrote', async () => {
    const masters = new Map([
      ['old', randomBytes(32)],
      ['new', randomBytes(32)],
    ]);
    const before = new EncryptionCodec(new KeyRing({ masters: new Map([['old', masters.get('old')!]]), current: 'old' }));
    const after = new EncryptionCodec(new KeyRing({ masters, current: 'new' }));
    const [old] = await before.encode([json('written before')], context('document-7'));
    const [fresh] = await after.encode([json('written after')], context('document-7'));
    expect(meta(old!, KEY_ID_METADATA)).toBe('old/temporal-codec');
    expect(meta(fresh!, KEY_ID_METADATA)).toBe('new/temporal-codec');
    expect((await after.decode([old!, fresh!])).map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['written before', 'written after']);
  });

  it('encrypts failure messages, stack traces and details, as every client and worker loads the converter', async () => {
    // The SDK's own loader, as Client and Worker.create use it: the failure converter comes by path.
    const loaded = loadDataConverter(temporalDataConverter(keys));
    const failure = await encodeErrorToFailure(loaded, ApplicationFailure.create({ message: `Số 15-NQ/TU: ${subject}`, type: 'SecretType', details: [subject] }), context('document-42'));
    expect(failure.message).toBe('Encoded failure');
    const stored = Buffer.from(temporal.api.failure.v1.Failure.encode(failure).finish());
    for (const clear of ['15-NQ/TU', 'chuy', 'temporal-codec.test']) expect(stored.toString('latin1')).not.toContain(clear);
    expect(meta(failure.encodedAttributes!, 'encoding')).toBe(ENCRYPTED_ENCODING);

    const error = await decodeOptionalFailureToOptionalError(loaded, failure);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error!.message).toBe(`Số 15-NQ/TU: ${subject}`);
    expect((error as ApplicationFailure).details).toEqual([subject]);
  });
});
