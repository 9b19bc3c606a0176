import type { CmsSigner } from '../cms/signed-data';
import type { KeyMaterial } from './pool-jobs';
import type { SigningPool } from './signing-pool';

/**
 * A signer whose key lives in the pool's threads. `beforeUse` runs before every private-key
 * operation: the service records the key use there, so no signature exists without its record.
 */
export function pooledSigner(
  pool: SigningPool,
  material: KeyMaterial,
  identity: { commonName: string; useId: string },
  beforeUse: () => Promise<unknown>,
): CmsSigner {
  return {
    serial: material.serial,
    commonName: identity.commonName,
    certificate: material.certificate,
    chain: material.chain,
    useId: identity.useId,
    sign: async (data) => {
      await beforeUse();
      return pool.sign(material, data);
    },
    signedData: async (request) => {
      await beforeUse();
      return pool.signedData(material, request);
    },
  };
}
