import { sign, type KeyObject } from 'node:crypto';
import { signedDataWith, type CmsSigner } from '../cms/signed-data';
import { signerTemplate, type SignerTemplate } from '../cms/signer-template';
import { openKey, type SealedKey } from './sealed-key';

/** A key as the database holds it, with the certificates that go into its signatures. */
export interface KeyMaterial {
  serial: string;
  sealed: SealedKey;
  certificate: Buffer;
  /** Issuer first, up to but not including the root. */
  chain: Buffer[];
}

interface HeldKey {
  key: KeyObject;
  template: SignerTemplate;
  certificate: Buffer;
  chain: Buffer[];
}

/**
 * The document and timestamp keys this process has opened, used on the calling thread. RSA-2048
 * takes ~0.3 ms here; handing it to another thread and back cost ~70 µs more on these VMs (each
 * hand-off wakes a halted vCPU), so the service signs where the request is and uses the other
 * cores by running one process per core (`cluster/process-per-core.ts`). Each process opens a
 * key once, from its sealed form, and keeps it with the parts of the CMS that depend only on the
 * certificate; nothing here hands a key out.
 */
export class KeyRing {
  private readonly held = new Map<string, HeldKey>();

  constructor(private readonly kek: Buffer) {}

  /**
   * A signer for `serial`. `material` is read only the first time (the chain costs database
   * reads); `beforeUse` runs before every private-key operation: the service records the key use
   * there, so no signature exists without its record.
   */
  async signer(
    serial: string,
    material: () => Promise<KeyMaterial>,
    identity: { commonName: string; useId: string },
    beforeUse: () => Promise<unknown>,
  ): Promise<CmsSigner> {
    const held = this.held.get(serial) ?? this.open(await material());
    return {
      serial,
      commonName: identity.commonName,
      certificate: held.certificate,
      chain: held.chain,
      useId: identity.useId,
      sign: async (data) => {
        await beforeUse();
        return sign('sha256', data, held.key);
      },
      signedData: async (request) => {
        await beforeUse();
        return signedDataWith(held.template, request, (data) => sign('sha256', data, held.key));
      },
    };
  }

  private open(material: KeyMaterial): HeldKey {
    const held: HeldKey = {
      key: openKey(material.sealed, this.kek, material.serial),
      template: signerTemplate(material.certificate, material.chain),
      certificate: material.certificate,
      chain: material.chain,
    };
    this.held.set(material.serial, held);
    return held;
  }

  /** After a revocation; the signing policy already refuses the certificate, this drops the key too. */
  forget(serial: string): void {
    this.held.delete(serial);
  }
}
