export { dispositionWorkflow } from './disposition';
export { fixityAuditWorkflow } from './fixity-audit';
