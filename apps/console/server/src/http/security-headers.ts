import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Response headers that keep the console's pages to themselves: scripts only from the console's
 * own origin (never inline), no framing, no sniffing. Styles may be inline: the component library
 * sets CSS variables and style attributes at run time, which cannot run code. The identity
 * provider's origin is the one other place the page may call (discovery and the token endpoint).
 */
export function securityHeaders(options: { identityProvider?: string }): RequestHandler {
  const provider = options.identityProvider ? [new URL(options.identityProvider).origin] : [];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...provider],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The pages embed nothing from elsewhere; requiring CORP of every resource would gain nothing.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
}
