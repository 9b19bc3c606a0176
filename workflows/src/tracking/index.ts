// Every workflow the tracking worker registers (require.resolve('@vanthu/workflows/dist/tracking')).
// Only workflow functions here: the bundle registers each export as a workflow type.
export { implementationTask } from './implementation-task';
