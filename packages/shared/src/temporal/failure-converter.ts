import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (`failureConverterPath`), because workflow code builds its failures inside the
 * worker's sandbox from the bundle, not from the objects a client or worker was given. With the
 * common attributes encoded, a failure's message and stack trace travel as a payload, so the
 * payload codec encrypts them like everything else: an error that quotes a document's subject
 * does not leave it readable in history. Imports nothing but the SDK: it runs in the sandbox.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
