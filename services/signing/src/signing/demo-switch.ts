/** Demo certificates are for the demo stack; a deployment with its own hierarchy turns them off. */
export const demoEnrolmentEnabled = (env: NodeJS.ProcessEnv = process.env) => env.SIGNING_DEMO_PKI !== 'off';
