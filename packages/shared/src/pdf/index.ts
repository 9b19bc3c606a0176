export * from './budgeted-workers';
export * from './bounded-inflate';
export * from './byte-ranges';
export * from './inspect-pdf';
export * from './limits';
export * from './pdf-inspector';
export * from './pdf-refusal';
export * from './png-predictor';
export { Deadline } from './pdf-syntax';
