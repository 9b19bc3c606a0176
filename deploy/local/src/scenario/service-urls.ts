import { SERVICES, type ServiceName } from '@vanthu/shared';

/**
 * Another service's API beside intake's: the same host, the port shifted as intake's is (the
 * end-to-end tests run every service 1000 ports up), e.g. http://127.0.0.1:3005 for tracking.
 */
export function serviceUrlBeside(intakeUrl: string, service: ServiceName): string {
  const url = new URL(intakeUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  url.port = String(port - SERVICES.intake.apiPort + SERVICES[service].apiPort);
  return url.origin;
}
