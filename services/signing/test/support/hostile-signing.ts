import { createHash } from 'node:crypto';
import { authorisedHeaders, SECRETARY } from '../../../../packages/shared/test/support/hostile-requests';

// The demo leaders' development PIN (VANTHU_DEMO_DATA): setting another one first would need the current one.
const PIN = '123456';

/**
 * Headers for a direct signature of `file` as the secretary: the bearer token, and — where the
 * service asks for the signer's confirmation — a signing authorisation bound to the file's
 * SHA-256, obtained with the demo PIN. The one place to adapt when signing's authentication changes.
 */
export async function signingHeaders(url: string, file: Buffer): Promise<Headers> {
  const headers = authorisedHeaders(SECRETARY);
  const json = { ...Object.fromEntries(headers), 'content-type': 'application/json' };
  const issued = await fetch(`${url}/v1/signing-authorisations`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ pin: PIN, sha256: createHash('sha256').update(file).digest('hex') }),
  });
  if (issued.status !== 201) throw new Error(`no signing authorisation for the secretary: ${issued.status} ${await issued.text()}`);
  headers.set('Signing-Authorisation', ((await issued.json()) as { authorisation: string }).authorisation);
  return headers;
}

export function signForm(file: Buffer, fields: Record<string, string> = { userId: SECRETARY.userId }): FormData {
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'application/pdf' }), 'crafted.pdf');
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}
