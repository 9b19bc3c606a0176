// Every workflow the intake worker registers. Only deterministic code may be imported here.
export { systemProbeWorkflow } from './system-probe';
export { documentLifecycle, workflowIdFor, incomingWorkflowIdFor } from './document-lifecycle';
export { incomingDocument } from './incoming-document';
export * from './definitions';
