/**
 * Generated from services/signing/src/api/openapi.yaml by `npm run generate -w @vanthu/console`; do not edit.
 */

export interface paths {
    "/v1/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document, as YAML. */
        get: operations["getOpenApiYaml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document, as JSON. */
        get: operations["getOpenApiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verifies the signatures of a PDF, or a detached CMS signature over a file.
         * @description Any signed-in person. A PDF's embedded signatures are found and checked; with a `signature`
         *     part, the file is checked against that detached CMS (CAdES) signature. A file that is
         *     neither a PDF nor accompanied by a signature answers `valid: false` with no signatures.
         *     Only non-secret content is uploaded here.
         */
        post: operations["verifySignatures"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sign/cms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs a file as the caller, with a detached CMS (CAdES) signature.
         * @description Any signed-in person, as themselves only, with their confirmation: the
         *     `Signing-Authorisation` header carries an authorisation obtained with the PIN and bound to
         *     the SHA-256 of this very file (POST /v1/signing-authorisations). It is spent by the
         *     signature. The organisation's seal is never made here, only by the lifecycle at issuance.
         */
        post: operations["signCms"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sign/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs a PDF as the caller (PAdES), optionally with a visible stamp.
         * @description Any signed-in person, as themselves only, with an authorisation bound to the SHA-256 of the
         *     uploaded PDF in the `Signing-Authorisation` header, as for /v1/sign/cms. The signature's
         *     reason defaults to the authority form and the signer's title.
         */
        post: operations["signPdf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/signing-pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Sets the caller's signing PIN, or changes it (with the current one).
         * @description Any signed-in person, for themselves. 6 to 12 digits. Changing a PIN takes the current one,
         *     and wrong ones count towards the lock like wrong PINs at authorisation.
         */
        put: operations["setSigningPin"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}/signing-pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Clears a user's PIN and its lock; the user then sets a new one.
         * @description By an administrator of the user's own organisation.
         */
        delete: operations["resetSigningPin"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signing-authorisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirms with the PIN that the caller means to sign; answers a single-use authorisation.
         * @description Any signed-in person, for themselves. Bound to a document (for the lifecycle's signing
         *     step), to content by its SHA-256 (required for direct signing), or both; usable once,
         *     within minutes (`expiresAt`). Never cached (`Cache-Control: no-store`).
         */
        post: operations["createSigningAuthorisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Certificates, oldest first, without their keys. */
        get: operations["listCertificates"];
        put?: never;
        /**
         * Issues a person's, an organisation's or an issuing CA's certificate, with a new key.
         * @description By an administrator of the organisation whose CA issues it, or of one above (an issuing CA:
         *     of the parent organisation; under the root, nobody through the API).
         */
        post: operations["issueCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/certificates/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Imports a person's or organisation's key and certificate from a PKCS#12 file.
         * @description By an administrator of the organisation it is imported for. The certificate must be valid
         *     now, chain to this platform's hierarchy or to a configured outside CA, and name the subject
         *     it is imported for. The file is at most 1 MiB.
         */
        post: operations["importCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/certificates/{serial}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One certificate, without its key. */
        get: operations["getCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/certificates/{serial}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issues a new key and certificate for the same subject; the old one is superseded.
         * @description By an administrator of the issuing CA's organisation or one above. Imported certificates are not renewed here.
         */
        post: operations["renewCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/certificates/{serial}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revokes a certificate; it appears on its CA's CRL. Revoking a revoked one answers it as it is.
         * @description By an administrator of the issuing CA's organisation or one above (of the organisation it was imported for, for an imported one).
         */
        post: operations["revokeCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ca/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A CA's certificate, DER. */
        get: operations["getCaCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/crl/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A CA's certificate revocation list (X.509 v2), DER; up to a minute behind the revocations. */
        get: operations["getCrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tsa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The time-stamping authority (RFC 3161). */
        post: operations["timestamp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details. */
        Problem: {
            /** @description `urn:vanthu:problem:<reason>`. */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description Stable and machine-readable. */
            reason: string;
            /** @description The input at fault, as named in the request. */
            field?: string;
            errors?: {
                field: string;
                reason: string;
                detail: string;
            }[];
            /** @description The request's path. */
            instance?: string;
        };
        /** @description An organisation code or a user id. */
        Code: string;
        Name: string;
        Sha256: string;
        /** @description 256 random bits, base64url. */
        AuthorisationToken: string;
        /**
         * @description A form field's boolean.
         * @enum {string}
         */
        Flag: "true" | "false";
        /**
         * @description How the signer signs: T/M (on behalf of), K/T (deputy for), T/L (by delegation), or none.
         * @enum {string}
         */
        AuthorityForm: "T/M" | "K/T" | "T/L" | "none";
        /** @enum {string} */
        CertificateKind: "root-ca" | "issuing-ca" | "organisation" | "person" | "tsa";
        /** @enum {string} */
        CertificateStatus: "active" | "superseded" | "revoked";
        /**
         * @description RFC 5280 CRL reason codes.
         * @enum {string}
         */
        RevocationReason: "unspecified" | "keyCompromise" | "cACompromise" | "affiliationChanged" | "superseded" | "cessationOfOperation";
        /** @description A certificate record as the API shows it; never the key. */
        Certificate: {
            /** @description Lower-case hex. */
            serial: string;
            kind: components["schemas"]["CertificateKind"];
            /** @description `ca:root`, `tsa`, `ca:<org>`, `org:<org>` or `person:<userId>`. */
            subjectKey: string;
            commonName: string;
            orgCode?: string;
            userId?: string;
            /** @description The issuing CA's serial; absent for the root. */
            issuerSerial?: string;
            /** Format: date-time */
            notBefore: string;
            /** Format: date-time */
            notAfter: string;
            status: components["schemas"]["CertificateStatus"];
            /** Format: date-time */
            revokedAt?: string;
            revocationReason?: components["schemas"]["RevocationReason"];
            /** @description Imported from a PKCS#12 file rather than issued here. */
            imported: boolean;
            /** @description The certificate, PEM. */
            certificatePem: string;
        };
        CertificateList: {
            certificates: components["schemas"]["Certificate"][];
        };
        NewPersonCertificate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "person";
            userId: components["schemas"]["Code"];
            fullName: components["schemas"]["Name"];
            position: components["schemas"]["Name"];
            orgCode: components["schemas"]["Code"];
            orgName: components["schemas"]["Name"];
        };
        NewOrganisationCertificate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "organisation";
            orgCode: components["schemas"]["Code"];
            orgName: components["schemas"]["Name"];
        };
        NewIssuingCa: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "issuing-ca";
            orgCode: components["schemas"]["Code"];
            orgName: components["schemas"]["Name"];
            /** @description The organisation whose CA certifies this one; the root's when absent (not administered through the API). */
            parentOrgCode?: components["schemas"]["Code"];
        };
        NewCertificate: components["schemas"]["NewPersonCertificate"] | components["schemas"]["NewOrganisationCertificate"] | components["schemas"]["NewIssuingCa"];
        /** @description A PKCS#12 file and whom it is for: `userId` for a person, not for an organisation. */
        CertificateImport: {
            /**
             * Format: binary
             * @description The PKCS#12 (.p12/.pfx) file, at most 1 MiB.
             */
            file: string;
            /** @enum {string} */
            kind: "person" | "organisation";
            orgCode: components["schemas"]["Code"];
            /** @description Required for a person. */
            userId?: components["schemas"]["Code"];
            /** @description The file's password; none when absent. */
            password?: string;
        };
        Revocation: {
            /** @description `unspecified` when absent. */
            reason?: components["schemas"]["RevocationReason"];
        };
        SigningPinChange: {
            /** @description The new PIN. */
            pin: string;
            /** @description The PIN in force; required to change one. */
            currentPin?: string;
        };
        SigningPinState: {
            userId: string;
            /** @constant */
            pinSet: true;
        };
        /** @description At least one of `documentId` and `sha256`; direct signing needs `sha256`. */
        SigningAuthorisationRequest: {
            pin: string;
            documentId?: string;
            sha256?: components["schemas"]["Sha256"];
        };
        /** @description A single-use confirmation of the signer's intent. */
        SigningAuthorisation: {
            authorisation: components["schemas"]["AuthorisationToken"];
            userId: string;
            documentId?: string;
            sha256?: string;
            /** Format: date-time */
            expiresAt: string;
        };
        SignUpload: {
            /**
             * Format: binary
             * @description The file to sign (non-secret content only).
             */
            file: string;
            /** @description The signer; the caller, and only the caller, when given. */
            userId?: components["schemas"]["Code"];
            /** @description The organisation the caller's certificate must be of; never without `userId` (the seal is made only at issuance). */
            orgCode?: components["schemas"]["Code"];
            /** @description `false` for a signature without a timestamp (level B); `true` when absent. */
            timestamp?: components["schemas"]["Flag"];
        };
        SignPdfUpload: components["schemas"]["SignUpload"] & {
            /** @description Draws the signature's stamp (signer, title, organisation, time) on the last page; `false` when absent. */
            visibleStamp?: components["schemas"]["Flag"];
            /** @description `none` when absent. */
            authority?: components["schemas"]["AuthorityForm"];
            /** @description The signature's reason; the authority form and the signer's title when absent. */
            reason?: string;
        };
        VerifyUpload: {
            /**
             * Format: binary
             * @description A signed PDF, or the content a detached signature covers.
             */
            file: string;
            /**
             * Format: binary
             * @description A detached CMS signature (DER) over `file`.
             */
            signature?: string;
        };
        SignatureCheck: {
            signerName: string;
            certificateSerial?: string;
            /** Format: date-time */
            signedAt?: string;
            chainTrusted: boolean;
            validAtSigningTime: boolean;
            revoked: boolean;
            timestamped: boolean;
            /** @description The signed bytes are unchanged since the signature was made. */
            intact: boolean;
            /** @description For PDFs: the signature covers the file as it is now (nothing appended unsigned). */
            coversWholeDocument?: boolean;
            problems: string[];
        };
        VerificationReport: {
            valid: boolean;
            signatures: components["schemas"]["SignatureCheck"][];
        };
    };
    responses: {
        /**
         * @description An error: 401 `token-missing`, `token-invalid`, `token-expired`; 403 `forbidden`,
         *     `user-required`; 405 `method-not-allowed`; 429 `rate-limited`; 503 `overloaded` (with
         *     Retry-After); 500 `internal-error`.
         */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `validation-failed` (or `malformed-json`): the field at fault is named. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `missing-file`, `empty-file` (field `file` or `signature`), `bad-upload` (not a readable
         *     multipart/form-data body), `validation-failed` (a form field).
         */
        UploadRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `content-too-large` (a file beyond SIGNING_MAX_UPLOAD_BYTES, 50 MiB by default; a PKCS#12
         *     file beyond 1 MiB; a time-stamp query beyond 16 KiB), `field-too-large` (a form field beyond
         *     4 KiB), `too-many-parts`.
         */
        UploadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `missing-file`, `empty-file`, `bad-upload`, `validation-failed` (a form field). */
        SignRequestInvalid: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `not-your-key` (field `userId`: only as yourself), `seal-only-at-issuance` (field `orgCode`
         *     without `userId`), `signer-not-in-organisation` (field `orgCode`), and the confirmation's
         *     refusals (field `signingAuthorisation`): `signing-authorisation-required`,
         *     `signing-authorisation-unknown`, `signing-authorisation-not-yours`,
         *     `signing-authorisation-not-for-this-file` (not bound to a SHA-256),
         *     `signing-authorisation-other-content`, `signing-authorisation-other-document`,
         *     `signing-authorisation-used`, `signing-authorisation-expired`.
         */
        SignRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `no-valid-certificate`, `certificate-revoked`, `certificate-expired` (field `userId`). */
        CertificateUnusable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `signing-pin-locked`: too many wrong PINs; Retry-After says for how long (field `pin`). */
        PinLocked: {
            headers: {
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `not-your-organisation`: only an administrator of the issuing CA's organisation or one above
         *     may do this; `root-ca-not-administered`: certificates issued by the root are not
         *     administered through the API; `forbidden` for a role other than admin.
         */
        NotYourCertificates: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `unknown-certificate` (field `serial`). */
        UnknownCertificate: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `unknown-ca` (field `ca`): not `<ca>.crt`/`<ca>.crl`, or no such certificate authority. */
        UnknownCa: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The certificate's serial number, lower-case hex. */
        Serial: string;
        /** @description The signer's confirmation, from POST /v1/signing-authorisations with the file's `sha256`; a missing one answers 403 `signing-authorisation-required`. */
        SigningAuthorisation: components["schemas"]["AuthorisationToken"];
    };
    requestBodies: never;
    headers: {
        /** @description The id of the key-use record of this signature. */
        SignatureId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getOpenApiYaml: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
        };
    };
    getOpenApiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    verifySignatures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["VerifyUpload"];
            };
        };
        responses: {
            /** @description The report; `valid` only if every signature is, and the last one covers the whole file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationReport"];
                };
            };
            400: components["responses"]["UploadRefused"];
            413: components["responses"]["UploadTooLarge"];
            /** @description `pdf-damaged`, `pdf-too-complex` (field `file`), `cms-too-complex` (field `signature` or `file`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `signing-busy`: every reading thread is busy or the machine too loaded for the file to be read in time (never the file's fault); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    signCms: {
        parameters: {
            query?: never;
            header: {
                /** @description The signer's confirmation, from POST /v1/signing-authorisations with the file's `sha256`; a missing one answers 403 `signing-authorisation-required`. */
                "Signing-Authorisation": components["parameters"]["SigningAuthorisation"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["SignUpload"];
            };
        };
        responses: {
            /** @description The signature, DER. */
            200: {
                headers: {
                    "X-Signature-Id": components["headers"]["SignatureId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/pkcs7-signature": string;
                };
            };
            400: components["responses"]["SignRequestInvalid"];
            403: components["responses"]["SignRefused"];
            413: components["responses"]["UploadTooLarge"];
            422: components["responses"]["CertificateUnusable"];
            /** @description `signing-busy`: every hashing thread is busy; retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    signPdf: {
        parameters: {
            query?: never;
            header: {
                /** @description The signer's confirmation, from POST /v1/signing-authorisations with the file's `sha256`; a missing one answers 403 `signing-authorisation-required`. */
                "Signing-Authorisation": components["parameters"]["SigningAuthorisation"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["SignPdfUpload"];
            };
        };
        responses: {
            /** @description The signed PDF (the upload with an incremental update appended). */
            200: {
                headers: {
                    "X-Signature-Id": components["headers"]["SignatureId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            400: components["responses"]["SignRequestInvalid"];
            403: components["responses"]["SignRefused"];
            413: components["responses"]["UploadTooLarge"];
            /**
             * @description `not-a-pdf`, `pdf-damaged`, `pdf-too-complex` (field `file`); `no-valid-certificate`,
             *     `certificate-revoked`, `certificate-expired` (field `userId`).
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `signing-busy`: every reading thread is busy or the machine too loaded for the file to be read in time (never the file's fault); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    setSigningPin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SigningPinChange"];
            };
        };
        responses: {
            /** @description The PIN is changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningPinState"];
                };
            };
            /** @description The PIN is set (there was none). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningPinState"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            /** @description `wrong-pin` (field `currentPin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `pin-already-set` (give `currentPin` to change it), `pin-changed` (changed meanwhile). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            423: components["responses"]["PinLocked"];
            default: components["responses"]["Problem"];
        };
    };
    resetSigningPin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: components["schemas"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PIN is cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ValidationFailed"];
            /** @description `not-your-organisation`: the user is of another organisation; or `forbidden` for a role other than admin. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `no-signing-pin`: the user has none. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    createSigningAuthorisation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SigningAuthorisationRequest"];
            };
        };
        responses: {
            /** @description The authorisation; pass it on as `signingAuthorisation` (intake) or the `Signing-Authorisation` header (direct signing). */
            201: {
                headers: {
                    "Cache-Control"?: "no-store";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningAuthorisation"];
                };
            };
            /** @description `validation-failed`: neither `documentId` nor `sha256` (field `documentId`), or a malformed field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wrong-pin` (field `pin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `no-signing-pin`: set one first (field `pin`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            423: components["responses"]["PinLocked"];
            default: components["responses"]["Problem"];
        };
    };
    listCertificates: {
        parameters: {
            query?: {
                orgCode?: components["schemas"]["Code"];
                userId?: components["schemas"]["Code"];
                kind?: components["schemas"]["CertificateKind"];
                status?: components["schemas"]["CertificateStatus"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certificates that match every filter given. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificateList"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            default: components["responses"]["Problem"];
        };
    };
    issueCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCertificate"];
            };
        };
        responses: {
            /** @description The certificate, active. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            403: components["responses"]["NotYourCertificates"];
            /** @description `certificate-exists` (renew it instead), `no-issuing-ca` (field `orgCode`), `no-parent-ca` (field `parent`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    importCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["CertificateImport"];
            };
        };
        responses: {
            /** @description The imported certificate, active for its subject. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            400: components["responses"]["UploadRefused"];
            403: components["responses"]["NotYourCertificates"];
            /** @description `certificate-exists`: the subject has an active certificate. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["UploadTooLarge"];
            /**
             * @description `unreadable-pkcs12`, `no-private-key`, `no-matching-certificate`, `untrusted-issuer`,
             *     `certificate-expired` (field `file`); `certificate-names-another-subject` (field `userId` or `orgCode`).
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The certificate's serial number, lower-case hex. */
                serial: components["parameters"]["Serial"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certificate. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            404: components["responses"]["UnknownCertificate"];
            default: components["responses"]["Problem"];
        };
    };
    renewCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The certificate's serial number, lower-case hex. */
                serial: components["parameters"]["Serial"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new certificate. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            403: components["responses"]["NotYourCertificates"];
            404: components["responses"]["UnknownCertificate"];
            /** @description `not-renewable` (superseded, revoked or imported), `certificate-exists` (renewed meanwhile). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    revokeCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The certificate's serial number, lower-case hex. */
                serial: components["parameters"]["Serial"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Revocation"];
            };
        };
        responses: {
            /** @description The certificate, revoked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            403: components["responses"]["NotYourCertificates"];
            404: components["responses"]["UnknownCertificate"];
            default: components["responses"]["Problem"];
        };
    };
    getCaCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `<ca>.crt`, where `<ca>` is an organisation code or `root`. */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The active certificate of that CA. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pkix-cert": string;
                };
            };
            404: components["responses"]["UnknownCa"];
            default: components["responses"]["Problem"];
        };
    };
    getCrl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `<ca>.crl`, where `<ca>` is an organisation code or `root`. */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CRL, signed by the CA now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pkix-crl": string;
                };
            };
            404: components["responses"]["UnknownCa"];
            default: components["responses"]["Problem"];
        };
    };
    timestamp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A TimeStampReq, DER, at most 16 KiB. */
        requestBody: {
            content: {
                "application/timestamp-query": string;
            };
        };
        responses: {
            /** @description A TimeStampResp, DER (a refusal is a TimeStampResp with its status, too). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/timestamp-reply": string;
                };
            };
            413: components["responses"]["UploadTooLarge"];
            /** @description `unsupported-media-type`: the body is not `application/timestamp-query`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
}
