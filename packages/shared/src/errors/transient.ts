/** gRPC status codes (Temporal's client) that mean "busy or away for now", not "wrong". */
const GRPC_TRANSIENT = new Set([4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */]);
/** The database and bus clients' names for the same. */
const TRANSIENT_NAMES = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoWaitQueueTimeoutError',
  'MongoPoolClearedError',
  // The client closed under an operation: the watchdog reopening a wedged client (mongo/connection.ts),
  // or a stop. A consumer that parked its event for it dead-lettered two in a chaos run.
  'MongoTopologyClosedError',
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  // Temporal's client, when an Update's call ran out of time before the workflow answered.
  'WorkflowUpdateRPCTimeoutOrCancelledError',
]);

/**
 * Whether an error, or one it was caused by, is a dependency that is overloaded or unreachable for
 * the moment (Temporal answering RESOURCE_EXHAUSTED, the database's pool timing out): the request
 * or event was fine and will succeed later: an HTTP caller gets 503 with Retry-After, not a 500
 * that reads as a bug and that no client retries; a consumer holds its partition and tries again
 * instead of parking the event.
 */
export function isTransientDependencyError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const { name, code, message, details, metadata } = e as { name?: unknown; code?: unknown; message?: unknown; details?: unknown; metadata?: unknown };
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
    // A gRPC status error, as @grpc/grpc-js makes them (Temporal's isGrpcServiceError checks the same).
    if (typeof code === 'number' && typeof details === 'string' && metadata && typeof metadata === 'object' && GRPC_TRANSIENT.has(code)) return true;
    // Mongoose, when the connection is down, buffers a command and gives up with this message.
    if (typeof message === 'string' && /buffering timed out after/.test(message)) return true;
  }
  return false;
}
