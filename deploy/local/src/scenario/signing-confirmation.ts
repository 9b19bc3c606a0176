import { ApiClient } from './http-client';
import { serviceUrlBeside } from './service-urls';

/**
 * The demo leaders' development signing PIN (docs/signing.md, "Signer's intent"): set by the
 * signing service with the demo data, outside production only.
 */
export const DEMO_SIGNING_PIN = '123456';

/** Where the signing API is when only the intake API's address is given. */
export function signingUrlBeside(intakeUrl: string): string {
  return serviceUrlBeside(intakeUrl, 'signing');
}

/**
 * What a portal does when the signer presses "sign": asks for their PIN and gets a single-use
 * authorisation for this document from the signing service, which the sign request then carries.
 */
export class SigningConfirmation {
  private readonly client: ApiClient;

  constructor(signingUrl: string, token: string, private readonly pin = DEMO_SIGNING_PIN) {
    this.client = new ApiClient(signingUrl, token);
  }

  async authorise(documentId: string, sha256?: string): Promise<string> {
    const issued = await this.client.request<{ authorisation: string }>('POST', '/v1/signing-authorisations', { pin: this.pin, documentId, ...(sha256 && { sha256 }) });
    return issued.authorisation;
  }
}

const SIGN_PATH = /^\/v1\/documents\/([^/]+)\/sign$/;

/**
 * A signer's portal: a sign request without an authorisation first gets one with the PIN, as the
 * portal's "sign" button does, so callers (the demo, the tests, the benchmark) sign as before.
 */
export function signerClient(baseUrl: string, token: string, confirmation: SigningConfirmation): ApiClient {
  const client = new ApiClient(baseUrl, token);
  const post = client.post;
  client.post = async <T>(path: string, body?: unknown): Promise<T> => {
    const documentId = SIGN_PATH.exec(path)?.[1];
    const fields = (body ?? {}) as Record<string, unknown>;
    if (!documentId || fields.signingAuthorisation !== undefined) return post<T>(path, body);
    return post<T>(path, { ...fields, signingAuthorisation: await confirmation.authorise(decodeURIComponent(documentId)) });
  };
  return client;
}
