// Every workflow the intake worker registers. Only deterministic code may be imported here.
export { systemProbeWorkflow } from './system-probe';
