/**
 * Generated from services/archive/src/api/openapi.yaml by `npm run generate -w @vanthu/console`; do not edit.
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
    "/v1/packages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Searches the packages the caller's organisation issued, newest issue first.
         * @description Archivists and leaders. Every filter given must match. Only the caller's own
         *     organisation's packages, at levels their clearance reaches, are searched (an `issuer` other
         *     than theirs finds nothing); words of the subject never search sealed (secret) packages,
         *     whose subject is encrypted.
         */
        get: operations["searchPackages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/packages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One package's metadata, parts, manifest and place in the log.
         * @description Archivists and leaders of the issuing organisation, within their clearance.
         */
        get: operations["getPackage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/retention-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How long what is kept, and what happens then; rules, not records. */
        get: operations["getRetentionPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The log's Ed25519 public key, PEM (SPKI), which signs its tree heads. */
        get: operations["getLogPublicKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/tree-head": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The log's current signed tree head. */
        get: operations["getTreeHead"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/tree-heads/{treeSize}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed tree head of that size, as it was signed. */
        get: operations["getTreeHeadAt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A package's inclusion proof: where its manifest sits in a tree of the given size.
         * @description Archivists and leaders who may read the package (it would confirm that the package
         *     exists): otherwise 404 as for an unknown one. Without `treeSize`, against the current
         *     head, which is sent along.
         */
        get: operations["getInclusionProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/proofs/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A consistency proof that the tree of size `second` extends the tree of size `first`. */
        get: operations["getConsistencyProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/work-files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Opens a work file in the caller's organisation.
         * @description Archivists. The creator and the organisation are the caller's.
         */
        post: operations["createWorkFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/work-files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A work file of the caller's organisation, with its documents and active legal holds.
         * @description Archivists, leaders and administrators. A secret package above the caller's clearance is not among its members for them.
         */
        get: operations["getWorkFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/work-files/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adds an archived document (its package) to an open work file, by reference; adding it again changes nothing.
         * @description Archivists, with a package their organisation issued and they may read.
         */
        post: operations["addWorkFileDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/work-files/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Closes a work file; retention runs from the server's date of closing. */
        post: operations["closeWorkFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/work-files/{id}/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A closed work file's disposition plan: what happens to it, and when. */
        get: operations["getWorkFileRetention"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/work-files/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The work file as a BagIt bag (RFC 8493) for the historical archive, with what is needed to check it against the log offline.
         * @description Archivists. Streamed: a failure once bytes are out cuts the stream short, which the bag's
         *     manifests reveal. Secret packages' keys are handed over under the historical archive's key
         *     (ARCHIVE_EXPORT_PUBLIC_KEY); packages above the caller's clearance are left out.
         */
        get: operations["exportWorkFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/work-files/{id}/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Places a legal hold on a work file; no disposition executes while it holds.
         * @description Leaders and administrators of the file's organisation.
         */
        post: operations["placeHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds/{holdId}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Releases a legal hold; releasing a released one answers it as it is.
         * @description Leaders and administrators of the hold's file's organisation.
         */
        post: operations["releaseHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/work-files/{id}/disposition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Proposes a closed work file for disposition; its workflow waits for the due date and for a decision.
         * @description Archivists. Another person, a leader or administrator of the organisation, decides.
         */
        post: operations["proposeDisposition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dispositions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A disposition's status: its phase, plan, proposer, decision and outcome. */
        get: operations["getDisposition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dispositions/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approves a disposition awaiting approval; it then executes unless a hold stops it.
         * @description Leaders and administrators of the organisation, never the proposer.
         */
        post: operations["approveDisposition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dispositions/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rejects a disposition awaiting approval; the file is kept.
         * @description Leaders and administrators of the organisation, never the proposer.
         */
        post: operations["rejectDisposition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fixity-audits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The 20 latest fixity audits, newest first, without their mismatches. */
        get: operations["listFixityAudits"];
        put?: never;
        /**
         * Starts a fixity audit of the whole archive now.
         * @description Administrators and the operators' tools. Reports name package ids, parts and hashes, never content.
         */
        post: operations["startFixityAudit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fixity-audits/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One fixity audit's report, with the first mismatches it found. */
        get: operations["getFixityAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's access log of secret packages, newest first (security officer).
         * @description Every look at a secret package — read, list, export — allowed or refused. A security
         *     officer reads their own organisation's log only; another organisation's answers 404
         *     `access-log-not-found`. A parameter not listed here is refused (400 `unknown-parameter`).
         *     See docs/secret-documents.md.
         */
        get: operations["listAccessLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/access-log/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Walks the organisation's hash chain and names the first broken record (security officer). */
        get: operations["verifyAccessLog"];
        put?: never;
        post?: never;
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
        /** @description No fields; the server sets what the action records. */
        Empty: Record<string, never>;
        Sha256: string;
        /** Format: date-time */
        Instant: string;
        TreeSize: number;
        DayOrInstant: string;
        /** @enum {string} */
        DocumentType: "NQ" | "QD" | "CT" | "KL" | "QDi" | "QC" | "TB" | "HD" | "BC" | "KH" | "CTr" | "TT" | "CV" | "TTr" | "BB" | "DA";
        /** @enum {string} */
        Urgency: "normal" | "khan" | "thuong-khan" | "hoa-toc";
        /** @enum {string} */
        Secrecy: "none" | "mat" | "toi-mat" | "tuyet-mat";
        /** @description A document's required metadata as archived (Decree 30, Appendix VI). A sealed package's `subject` is a JWE. */
        ArchivalMetadata: {
            documentId: string;
            fileCode?: string;
            type: components["schemas"]["DocumentType"];
            number: number;
            /** @example 04-NQ/TU */
            notation: string;
            /** Format: date-time */
            issuedAt: string;
            issuerCode: string;
            issuerName: string;
            subject: string;
            language: string;
            pageCount: number;
            signer: {
                fullName: string;
                position: string;
                /** @description The authority form: T/M, K/T, T/L or none. */
                authority: string;
            };
            recipients: string[];
            urgency: components["schemas"]["Urgency"];
            secrecy: components["schemas"]["Secrecy"];
            copies: number;
            dueDate?: string;
            /** @description `distributed` (processed by every recipient) or `recalled`. */
            finalStatus: string;
        };
        /** @description A package as search lists it. */
        PackageSummary: {
            packageId: string;
            documentId: string;
            workflowId: string;
            archivedAt: components["schemas"]["Instant"];
            manifestSha256: components["schemas"]["Sha256"];
            /** @description The manifest's leaf in the log; absent until it is appended. */
            logIndex?: number;
            metadata: components["schemas"]["ArchivalMetadata"];
            /**
             * @description Present on secret packages kept sealed.
             * @constant
             */
            sealed?: true;
        };
        PackagePage: {
            /** @description All the packages found, not just this page. */
            total: number;
            page: number;
            pageSize: number;
            items: components["schemas"]["PackageSummary"][];
        };
        /** @description One file of a package, with the fixity value it had when archived. */
        PackagePart: {
            /** @description Inside the package, e.g. `content.pdf`, `records/metadata.json`. */
            path: string;
            sha256: components["schemas"]["Sha256"];
            size: number;
            /** @description The clear file's, also for a sealed part. */
            contentType: string;
            /** @enum {string} */
            source: "blob" | "record";
            /** @description The stored bytes are a JWE of the file, under the package key. */
            sealed?: boolean;
        };
        Package: {
            packageId: string;
            workflowId: string;
            documentId: string;
            archivedAt: components["schemas"]["Instant"];
            metadata: components["schemas"]["ArchivalMetadata"];
            parts: components["schemas"]["PackagePart"][];
            /** @description The manifest exactly as hashed into the log (canonical JSON). */
            manifest: string;
            manifestSha256: components["schemas"]["Sha256"];
            logIndex?: number;
            /** @constant */
            sealed?: true;
            /** @description On sealed packages: the id of the key that wraps the package's data key. */
            keyId?: string;
        };
        /** @description Years from the day a work file is closed, or `permanent`. */
        RetentionPeriod: number | "permanent";
        RetentionPolicy: {
            /** @description How long before a file falls due its keepers are told. */
            noticeDays: number;
            /** @description Permanent files go to the historical archive this many years after closing. */
            handOverAfterYears: number;
            default: components["schemas"]["RetentionPeriod"];
            /** @description By document type; a file keeps its documents as long as the longest of them. */
            documentTypes: {
                [key: string]: components["schemas"]["RetentionPeriod"];
            };
            /** @description A file's category, when it has one, decides over its documents' types. */
            workFileCategories: {
                [key: string]: components["schemas"]["RetentionPeriod"];
            };
        };
        DispositionPlan: {
            /**
             * @description Permanent files are transferred to the historical archive; others destroyed.
             * @enum {string}
             */
            action: "transfer" | "destroy";
            retention: components["schemas"]["RetentionPeriod"];
            dueAt: components["schemas"]["Instant"];
            noticeAt: components["schemas"]["Instant"];
        };
        SignedTreeHead: {
            treeSize: components["schemas"]["TreeSize"];
            /** @description Hex. */
            rootHash: string;
            /** @description Milliseconds since the epoch, as RFC 6962 timestamps are. */
            timestamp: number;
            /** @constant */
            algorithm: "Ed25519";
            /** @description SHA-256 of the public key (SPKI DER). */
            keyId: string;
            /** @description Base64, over RFC 6962's TreeHeadSignature. */
            signature: string;
        };
        InclusionProof: {
            /** @constant */
            type: "inclusion";
            packageId: string;
            leafIndex: number;
            treeSize: components["schemas"]["TreeSize"];
            manifestSha256: components["schemas"]["Sha256"];
            leafHash: components["schemas"]["Sha256"];
            auditPath: components["schemas"]["Sha256"][];
            treeHead?: components["schemas"]["SignedTreeHead"];
        };
        ConsistencyProof: {
            /** @constant */
            type: "consistency";
            first: components["schemas"]["TreeSize"];
            second: components["schemas"]["TreeSize"];
            path: components["schemas"]["Sha256"][];
            firstTreeHead?: components["schemas"]["SignedTreeHead"];
            secondTreeHead?: components["schemas"]["SignedTreeHead"];
        };
        /** @enum {string} */
        WorkFileState: "open" | "closed" | "transferred" | "destroyed";
        /** @description A letter or digit, then up to 63 letters, digits, ".", "_" or "-", without "..": it names the exported bag. */
        WorkFileCode: string;
        NewWorkFile: {
            code: components["schemas"]["WorkFileCode"];
            title: string;
            /** @description A key of the retention policy's `workFileCategories`. */
            category?: string;
            /**
             * Format: date-time
             * @description With its offset; now when absent.
             */
            openedAt?: string;
        };
        WorkFile: {
            /** @description The work file's id, `wf_` and a UUID. */
            _id: string;
            code: string;
            orgCode: string;
            createdBy: string;
            title: string;
            category?: string;
            state: components["schemas"]["WorkFileState"];
            openedAt: components["schemas"]["Instant"];
            closedAt?: components["schemas"]["Instant"];
            closedBy?: string;
            disposedAt?: components["schemas"]["Instant"];
            createdAt: components["schemas"]["Instant"];
        };
        NewMember: {
            packageId: string;
        };
        WorkFileMember: {
            /** @description `<work file id>:<package id>`. */
            _id: string;
            workFileId: string;
            packageId: string;
            documentId: string;
            addedAt: components["schemas"]["Instant"];
        };
        NewHold: {
            reason: string;
        };
        LegalHold: {
            /** @description The hold's id, `hold_` and a UUID. */
            _id: string;
            workFileId: string;
            reason: string;
            placedBy: string;
            placedAt: components["schemas"]["Instant"];
            releasedBy?: string;
            releasedAt?: components["schemas"]["Instant"];
        };
        WorkFileDetail: components["schemas"]["WorkFile"] & {
            members: components["schemas"]["WorkFileMember"][];
            /** @description The holds in force. */
            holds: components["schemas"]["LegalHold"][];
        };
        /** @enum {string} */
        DispositionPhase: "planning" | "waiting-for-notice" | "waiting-for-due-date" | "awaiting-approval" | "executing" | "done";
        /** @enum {string} */
        DispositionOutcomeKind: "transferred" | "destroyed" | "held" | "rejected" | "expired";
        DispositionProposal: {
            dispositionId: string;
            plan: components["schemas"]["DispositionPlan"];
            requestedBy: string;
        };
        DispositionDecisionInput: {
            reason?: string;
        };
        RecordedDecision: {
            approve: boolean;
            by: string;
            at: components["schemas"]["Instant"];
            reason?: string;
        };
        DispositionDecision: {
            dispositionId: string;
            decision: components["schemas"]["RecordedDecision"];
        };
        DispositionStatus: {
            phase: components["schemas"]["DispositionPhase"];
            workFileId?: string;
            orgCode?: string;
            requestedBy?: string;
            plan?: {
                /** @enum {string} */
                action: "transfer" | "destroy";
                dueAt: components["schemas"]["Instant"];
                noticeAt: components["schemas"]["Instant"];
            };
            decision?: components["schemas"]["RecordedDecision"];
            outcome?: {
                outcome: components["schemas"]["DispositionOutcomeKind"];
                /** @description The holds that stopped it. */
                holds?: string[];
                decidedBy?: string;
                decidedAt?: components["schemas"]["Instant"];
                reason?: string;
            };
        };
        FixityMismatch: {
            /** @enum {string} */
            kind: "blob-altered" | "blob-missing" | "record-altered" | "manifest-altered" | "package-missing" | "leaf-altered" | "log-root-mismatch" | "tree-head-invalid";
            packageId?: string;
            /** @description The part's path in the package, or `manifest`, `log/leaf/<index>`, `log/tree-head/<size>`. */
            part: string;
            expected: string;
            actual: string;
        };
        FixityAuditSummary: {
            /** @description The audit's id. */
            _id: string;
            startedAt: components["schemas"]["Instant"];
            finishedAt?: components["schemas"]["Instant"];
            packagesChecked: number;
            partsChecked: number;
            bytesHashed: number;
            treeSize: components["schemas"]["TreeSize"];
            mismatchCount: number;
        };
        FixityAudit: components["schemas"]["FixityAuditSummary"] & {
            /** @description The first mismatches found; `mismatchCount` counts them all. */
            mismatches: components["schemas"]["FixityMismatch"][];
        };
        FixityAuditList: {
            items: components["schemas"]["FixityAuditSummary"][];
        };
        /** @description One look at a secret package, chained to the one before it by `prev` (docs/secret-documents.md). */
        AccessRecord: {
            org: string;
            actor: string;
            actorOrg?: string;
            /** @enum {string} */
            action: "read" | "list" | "download" | "register-export" | "archive-export" | "codec-decode" | "act";
            documentId: string;
            /** @description What exactly: 'metadata', a blob's sha256, a register period, a package id. */
            target?: string;
            secrecy: components["schemas"]["Secrecy"];
            /** @enum {string} */
            outcome: "allowed" | "refused";
            /** @description The client's address. */
            from?: string;
            /** @description Why it was refused, e.g. no-clearance. */
            reason?: string;
            seq: number;
            /** Format: date-time */
            at: string;
            /** @description The hash of record seq - 1 (64 zeros for record 1). */
            prev: string;
            /** @description SHA-256 of the record's other fields as canonical JSON (RFC 8785). */
            hash: string;
        };
        AccessLogPage: {
            org: string;
            items: components["schemas"]["AccessRecord"][];
            total: number;
            page: number;
            pageSize: number;
        };
        AccessLogVerdict: {
            org: string;
            ok: boolean;
            /** @description Records that chain correctly from record 1. */
            records: number;
            /** @description The first record at which the chain breaks. */
            brokenAt?: number;
            problem?: string;
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
        /** @description `validation-failed` (or `unknown-parameter`): the field at fault is named. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `validation-failed`, `malformed-json`, `unknown-field`, `server-set-field`, `invalid-work-file-code`: the field at fault is named. */
        BodyRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `package-not-found`: no such package, or not one the caller may read. */
        PackageNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `log-range`: the package is not in a tree of that size, or the sizes are not in the log. */
        LogRange: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `work-file-not-found`: no such work file in the caller's organisation. */
        WorkFileNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `work-file-not-open`: the file is closed or disposed of. */
        WorkFileNotOpen: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `work-file-open`: only closed files have a retention date. */
        WorkFileOpen: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `disposition-not-found`: no such disposition in the caller's organisation (or the file was never proposed). */
        DispositionNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `disposition-own-proposal`: the proposer may not decide; `disposition-decider-not-authorised`:
         *     the workflow does not accept the decider; or `forbidden` for another role.
         */
        DecisionRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `disposition-not-awaiting-approval`: not (or no longer) awaiting a decision. */
        NotAwaitingApproval: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The decision, as the workflow recorded it. */
        DecisionRecorded: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DispositionDecision"];
            };
        };
        /** @description `access-log-not-found` (field `org`): another organisation's log. */
        AccessLogNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        PackageId: string;
        /** @description `wf_` and a UUID. */
        WorkFileId: string;
        /** @description `disposition-<work file id>`. */
        DispositionId: string;
        /** @description The organisation whose log; the caller's own when absent (the only one they may read). */
        AccessLogOrg: string;
    };
    requestBodies: never;
    headers: never;
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
    searchPackages: {
        parameters: {
            query?: {
                /** @description The document's number in its register. */
                number?: number;
                /** @description The document's notation (số, ký hiệu), exact but for letter case, diacritics and spaces, e.g. `04-NQ/TU`. */
                notation?: string;
                type?: components["schemas"]["DocumentType"];
                /** @description The issuing organisation's code; only the caller's own finds anything. */
                issuer?: string;
                /** @description Issued on or after this day (the date of `issuedAt`, in the document's own offset). */
                issuedFrom?: string;
                /** @description Issued on or before this day (the date of `issuedAt`, in the document's own offset). */
                issuedTo?: string;
                /** @description Words of the subject, all of which must occur, each as the start of a word, with or without diacritics. */
                q?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the packages found, and how many there are in all. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackagePage"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            /** @description `search-loading`: the search is still being loaded into memory after a start; retry after Retry-After. */
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
    getPackage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["PackageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The package. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Package"];
                };
            };
            404: components["responses"]["PackageNotFound"];
            default: components["responses"]["Problem"];
        };
    };
    getRetentionPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The retention rules in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionPolicy"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getLogPublicKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-pem-file": string;
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getTreeHead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The head; one per size, the first one signed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedTreeHead"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getTreeHeadAt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                treeSize: components["schemas"]["TreeSize"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The head. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedTreeHead"];
                };
            };
            /** @description `invalid-tree-size` (field `treeSize`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `tree-head-not-found`: no head of that size was signed. */
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
    getInclusionProof: {
        parameters: {
            query: {
                packageId: string;
                treeSize?: components["schemas"]["TreeSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proof, with the tree head it holds against when one is stored for that size. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InclusionProof"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            404: components["responses"]["PackageNotFound"];
            422: components["responses"]["LogRange"];
            default: components["responses"]["Problem"];
        };
    };
    getConsistencyProof: {
        parameters: {
            query: {
                first: components["schemas"]["TreeSize"];
                second: components["schemas"]["TreeSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proof, with both heads when they are stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsistencyProof"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            422: components["responses"]["LogRange"];
            default: components["responses"]["Problem"];
        };
    };
    createWorkFile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewWorkFile"];
            };
        };
        responses: {
            /** @description The work file, open. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkFile"];
                };
            };
            400: components["responses"]["BodyRefused"];
            /** @description `work-file-code-taken`: the organisation has a work file with that code (field `code`). */
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
    getWorkFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `wf_` and a UUID. */
                id: components["parameters"]["WorkFileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The work file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkFileDetail"];
                };
            };
            404: components["responses"]["WorkFileNotFound"];
            default: components["responses"]["Problem"];
        };
    };
    addWorkFileDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `wf_` and a UUID. */
                id: components["parameters"]["WorkFileId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMember"];
            };
        };
        responses: {
            /** @description The membership. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkFileMember"];
                };
            };
            400: components["responses"]["BodyRefused"];
            /** @description `work-file-not-found`, `package-not-found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            409: components["responses"]["WorkFileNotOpen"];
            default: components["responses"]["Problem"];
        };
    };
    closeWorkFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `wf_` and a UUID. */
                id: components["parameters"]["WorkFileId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Empty"];
            };
        };
        responses: {
            /** @description The work file, closed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkFile"];
                };
            };
            400: components["responses"]["BodyRefused"];
            404: components["responses"]["WorkFileNotFound"];
            409: components["responses"]["WorkFileNotOpen"];
            default: components["responses"]["Problem"];
        };
    };
    getWorkFileRetention: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `wf_` and a UUID. */
                id: components["parameters"]["WorkFileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plan. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DispositionPlan"];
                };
            };
            404: components["responses"]["WorkFileNotFound"];
            409: components["responses"]["WorkFileOpen"];
            default: components["responses"]["Problem"];
        };
    };
    exportWorkFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `wf_` and a UUID. */
                id: components["parameters"]["WorkFileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bag, as a tar archive. */
            200: {
                headers: {
                    /** @description An attachment named `<bag>.tar`. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/x-tar": string;
                };
            };
            404: components["responses"]["WorkFileNotFound"];
            /** @description `secret-export-key-missing`: the file holds secret documents and no key of the historical archive is configured. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `work-file-code-unsafe`: a stored code that cannot name a bag (field `code`). */
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
    placeHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `wf_` and a UUID. */
                id: components["parameters"]["WorkFileId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewHold"];
            };
        };
        responses: {
            /** @description The hold. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegalHold"];
                };
            };
            400: components["responses"]["BodyRefused"];
            404: components["responses"]["WorkFileNotFound"];
            /** @description `work-file-disposed`: the file has already been disposed of. */
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
    releaseHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                holdId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Empty"];
            };
        };
        responses: {
            /** @description The hold, released. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegalHold"];
                };
            };
            400: components["responses"]["BodyRefused"];
            /** @description `hold-not-found`. */
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
    proposeDisposition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `wf_` and a UUID. */
                id: components["parameters"]["WorkFileId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Empty"];
            };
        };
        responses: {
            /** @description The disposition, started. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DispositionProposal"];
                };
            };
            400: components["responses"]["BodyRefused"];
            404: components["responses"]["WorkFileNotFound"];
            /** @description `work-file-open` (only closed files have a retention date), `disposition-in-progress`. */
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
    getDisposition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `disposition-<work file id>`. */
                id: components["parameters"]["DispositionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status, as its workflow reports it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DispositionStatus"];
                };
            };
            404: components["responses"]["DispositionNotFound"];
            default: components["responses"]["Problem"];
        };
    };
    approveDisposition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `disposition-<work file id>`. */
                id: components["parameters"]["DispositionId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DispositionDecisionInput"];
            };
        };
        responses: {
            202: components["responses"]["DecisionRecorded"];
            400: components["responses"]["BodyRefused"];
            403: components["responses"]["DecisionRefused"];
            404: components["responses"]["DispositionNotFound"];
            409: components["responses"]["NotAwaitingApproval"];
            default: components["responses"]["Problem"];
        };
    };
    rejectDisposition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `disposition-<work file id>`. */
                id: components["parameters"]["DispositionId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DispositionDecisionInput"];
            };
        };
        responses: {
            202: components["responses"]["DecisionRecorded"];
            400: components["responses"]["BodyRefused"];
            403: components["responses"]["DecisionRefused"];
            404: components["responses"]["DispositionNotFound"];
            409: components["responses"]["NotAwaitingApproval"];
            default: components["responses"]["Problem"];
        };
    };
    listFixityAudits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audits. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixityAuditList"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    startFixityAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audit, started; its report appears under its id once it runs. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        auditId: string;
                    };
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getFixityAudit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixityAudit"];
                };
            };
            /** @description `fixity-audit-not-found` (it may not have started yet). */
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
    listAccessLog: {
        parameters: {
            query?: {
                /** @description The organisation whose log; the caller's own when absent (the only one they may read). */
                org?: components["parameters"]["AccessLogOrg"];
                documentId?: string;
                /** @description User id (or service principal) who looked. */
                actor?: string;
                outcome?: "allowed" | "refused";
                /** @description From the start of this day (Vietnam time), or from this instant (ISO 8601 with its offset). */
                from?: components["schemas"]["DayOrInstant"];
                /** @description To the end of this day (Vietnam time), or to this instant (ISO 8601 with its offset), inclusive. */
                to?: components["schemas"]["DayOrInstant"];
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the log's records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessLogPage"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            404: components["responses"]["AccessLogNotFound"];
            default: components["responses"]["Problem"];
        };
    };
    verifyAccessLog: {
        parameters: {
            query?: {
                /** @description The organisation whose log; the caller's own when absent (the only one they may read). */
                org?: components["parameters"]["AccessLogOrg"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verdict; `ok` false with `brokenAt` and `problem` when a record was changed, removed or moved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessLogVerdict"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            404: components["responses"]["AccessLogNotFound"];
            default: components["responses"]["Problem"];
        };
    };
}
