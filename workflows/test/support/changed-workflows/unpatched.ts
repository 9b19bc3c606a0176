// The recipient's workflow changed as a careless change would: a new activity before the first
// one, without a patch. A history recorded before the change cannot replay on it.
import type { IncomingInput, IncomingState } from '@vanthu/shared/contracts';
import { incomingDocument as current } from '../../../src/incoming-document';
import { checkSender } from './arrival-check';

export async function incomingDocument(input: IncomingInput): Promise<IncomingState> {
  await checkSender(input.issuer, input.org);
  return current(input);
}
