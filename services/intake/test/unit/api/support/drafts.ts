/** Bytes that look like a PDF to anyone but a parser; the real app checks them, the fake does not. */
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export const DRAFT = {
  type: 'NQ',
  subject: 'Nghị quyết về chuyển đổi số trong các cơ quan Đảng',
  signer: { userId: 'bs-secretary', authority: 'T/M', onBehalfOf: 'Ban Thường vụ Tỉnh ủy' },
  approvers: ['bs-deputy'],
  recipients: ['BS-TL-DU', 'BS-HB-DU'],
};

export interface DraftParts {
  metadata?: unknown;
  content?: Buffer | null;
  attachments?: Buffer[];
}

/** A multipart draft as a portal sends it: metadata as JSON text, the PDF and attachments as files. */
export function draftForm(parts: DraftParts = {}): FormData {
  const form = new FormData();
  const metadata = 'metadata' in parts ? parts.metadata : DRAFT;
  if (metadata !== undefined) form.append('metadata', typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
  const content = parts.content === undefined ? PDF : parts.content;
  if (content) form.append('content', new Blob([content], { type: 'application/pdf' }), 'nghi-quyet.pdf');
  for (const [i, attachment] of (parts.attachments ?? []).entries()) {
    form.append('attachments', new Blob([attachment], { type: 'application/pdf' }), `phu-luc-${i + 1}.pdf`);
  }
  return form;
}

export async function problemOf(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as Record<string, unknown>;
}
