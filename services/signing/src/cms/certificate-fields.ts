import { childrenOf, readTlv, slice } from '../asn1/tlv';

/** The raw issuer Name, serial INTEGER and subject Name of a DER certificate, as signed. */
export function certificateFields(der: Buffer): { issuer: Buffer; serial: Buffer; subject: Buffer } {
  const tbs = childrenOf(der, readTlv(der, 0))[0];
  if (!tbs) throw new Error('not a certificate');
  const parts = childrenOf(der, tbs);
  const at = parts[0]?.tag === 0xa0 ? 1 : 0;
  const [serial, , issuer, , subject] = parts.slice(at);
  if (!serial || !issuer || !subject) throw new Error('not a certificate');
  return { serial: slice(der, serial), issuer: slice(der, issuer), subject: slice(der, subject) };
}

/** Lower-case hex of an INTEGER's value, without sign padding. */
export function integerHex(integerTlv: Buffer): string {
  const tlv = readTlv(integerTlv, 0);
  return integerTlv.subarray(tlv.body, tlv.end).toString('hex').replace(/^(00)+(?=.)/, '');
}
