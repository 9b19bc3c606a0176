// The same change behind a patch: workflows that started before it (their history has no marker)
// skip the new step; those that start after it take it and record the marker.
import { patched } from '@temporalio/workflow';
import type { IncomingInput, IncomingState } from '@vanthu/shared/contracts';
import { incomingDocument as current } from '../../../src/incoming-document';
import { checkSender } from './arrival-check';

export async function incomingDocument(input: IncomingInput): Promise<IncomingState> {
  if (patched('arrival-sender-check')) await checkSender(input.issuer, input.org);
  return current(input);
}
