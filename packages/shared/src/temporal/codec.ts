import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { KeyRing } from '../secrets/key-ring';

/**
 * Everything our workflows carry — inputs, results, Update and signal arguments, query answers,
 * activity inputs and outputs, failures — names documents, people and organisations, and some of
 * it is secret. Temporal keeps it in history for as long as the namespace retains workflows, and
 * anyone with read access to Temporal (or its database) could read it there. So every payload is
 * encrypted before it leaves our processes, for all documents: deciding per document would leak
 * which ones are secret, and would put the secrecy rules into plumbing.
 */

/** Key ids of this codec are `<master id>/temporal-codec` (secrets/key-ring.ts). */
export const CODEC_KEY_SCOPE = 'temporal-codec';
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/** Whose payload it is: the codec endpoint decides who may read it from this alone. */
export const WORKFLOW_ID_METADATA = 'vanthu-workflow-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bumped if what the AAD covers ever changes, so old and new can never be confused. */
const AAD_VERSION = 'vanthu-temporal-codec/1';

export type PayloadCodecFailure = 'unknown-key' | 'payload-not-authentic' | 'malformed-payload';

export class PayloadCodecError extends Error {
  constructor(
    readonly reason: PayloadCodecFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PayloadCodecError';
  }
}

const text = (bytes: Uint8Array | null | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export const isEncryptedPayload = (payload: Payload): boolean => text(payload.metadata?.encoding) === ENCRYPTED_ENCODING;

/** The workflow an encrypted payload belongs to, as authenticated by its encryption (undefined: none was named). */
export const workflowIdOfPayload = (payload: Payload): string | undefined => text(payload.metadata?.[WORKFLOW_ID_METADATA]);

/**
 * The key id and the workflow id are in the clear, because the codec endpoint must know whose
 * payload it is before decrypting anything; as AAD they are bound to the ciphertext, so a payload
 * relabelled with another workflow's id (one the caller may read) no longer decrypts. The JSON
 * array keeps "no workflow" apart from any id.
 */
const aadOf = (keyId: string, workflowId: string | undefined) => Buffer.from(JSON.stringify([AAD_VERSION, keyId, workflowId ?? null]));

/** AES-256-GCM over the whole proto-encoded payload, metadata included (its original encoding says JSON, protobuf, …). */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const keyId = this.ring.currentKekId(CODEC_KEY_SCOPE);
    const key = this.ring.key(keyId);
    if (!key) throw new PayloadCodecError('unknown-key', `Temporal codec key ${keyId} is not configured (VANTHU_KEKS).`);
    const workflowId = context?.workflowId;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aadOf(keyId, workflowId));
      const clear = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(clear), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          encoding: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(keyId),
          ...(workflowId !== undefined && { [WORKFLOW_ID_METADATA]: Buffer.from(workflowId) }),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  /** Histories written before the codec, and payloads nobody encrypted, pass unchanged. */
  decodeOne(payload: Payload): Payload {
    if (!isEncryptedPayload(payload)) return payload;
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
    if (!keyId) throw new PayloadCodecError('malformed-payload', `An encrypted Temporal payload has no ${KEY_ID_METADATA}.`);
    // Only this codec's keys: a key id naming another scope (an organisation's KEK) is refused, not derived.
    const key = keyId.endsWith(`/${CODEC_KEY_SCOPE}`) ? this.ring.key(keyId) : undefined;
    if (!key) throw new PayloadCodecError('unknown-key', `Temporal payload encrypted under key ${keyId}, which is not configured here (VANTHU_KEKS).`);
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadCodecError('malformed-payload', 'An encrypted Temporal payload is too short to hold an IV and a tag.');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aadOf(keyId, workflowIdOfPayload(payload)));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let clear: Buffer;
    try {
      clear = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadCodecError('payload-not-authentic', `A Temporal payload under key ${keyId} failed authentication: its data, key id or workflow id was altered.`);
    }
    return temporal.api.common.v1.Payload.decode(clear);
  }
}

/**
 * The data converter of every Temporal client and worker of the system: the encryption codec,
 * and failures whose message and stack trace are payloads too (failure-converter.ts, by path, so
 * workflow code in the sandbox uses it as well).
 */
export function temporalDataConverter(ring: KeyRing = KeyRing.fromEnv()): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(ring)],
    failureConverterPath: require.resolve('./failure-converter'),
  };
}
