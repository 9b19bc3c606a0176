import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, KeyRing, type LifecycleInput } from '@vanthu/shared';
import type { Figure } from './stats';

/**
 * What the Temporal payload codec adds to one payload, in microseconds: encoding (AES-256-GCM
 * over the proto-encoded payload) and decoding, beside the JSON conversion every payload pays
 * anyway. The payload is a lifecycle's input — the largest one our workflows carry often.
 */
export async function codecCost(rounds = 20_000): Promise<Figure[]> {
  const codec = new EncryptionCodec(KeyRing.fromEnv());
  const ref = (n: number) => ({ sha256: n.toString(16).padStart(64, '0'), size: 123_456, contentType: 'application/pdf', sealed: true });
  const input: LifecycleInput = {
    documentId: '3f2a9c1e-8b7d-4c6e-9a1f-0e2d3c4b5a69',
    issuer: 'BS-TU',
    type: 'NQ',
    urgency: 'khan',
    secrecy: 'tuyet-mat',
    createdBy: 'bs-specialist',
    approvers: ['bs-deputy'],
    signer: { userId: 'bs-secretary', authority: 'T/M', onBehalfOf: 'Ban Thường vụ' },
    recipients: ['BS-TL-DU', 'BS-HB-DU'],
    content: ref(1),
    attachments: [ref(2)],
    sealing: { wrappedKey: 'eyJhbGciOiJBMjU2S1ciLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoiZGV2LTIwMjYvb3JnOkJTLVRVIiwiY3R4IjoiZG9jdW1lbnQ6eCJ9.'.padEnd(300, 'x') },
  };
  const context = { type: 'workflow' as const, namespace: 'bench', workflowId: `document-${input.documentId}` };
  const clear = defaultPayloadConverter.toPayload(input);
  const [encrypted] = await codec.encode([clear], context);

  const time = async (run: () => unknown): Promise<number> => {
    for (let i = 0; i < 1_000; i++) await run();
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) await run();
    return Number(process.hrtime.bigint() - start) / 1_000 / rounds;
  };
  const convert = await time(() => defaultPayloadConverter.fromPayload(defaultPayloadConverter.toPayload(input)));
  const encode = await time(() => codec.encode([clear], context));
  const decode = await time(() => codec.decode([encrypted!]));
  return [
    { name: 'codec_encode_us_per_payload', value: encode, unit: 'µs', baseline: convert, ratio: encode / convert },
    { name: 'codec_decode_us_per_payload', value: decode, unit: 'µs', baseline: convert, ratio: decode / convert },
    { name: 'codec_payload_bytes', value: encrypted!.data!.length, unit: 'bytes', baseline: clear.data!.length, ratio: encrypted!.data!.length / clear.data!.length },
  ];
}
