/**
 * Generated from services/intake/src/api/openapi.yaml by `npm run generate -w @vanthu/console`; do not edit.
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
    "/v1/system/probe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Runs the end-to-end system probe workflow through every service's worker. */
        get: operations["runProbe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organisations the caller may see. */
        get: operations["listOrganisations"];
        put?: never;
        /** Creates an organisation (admin). */
        post: operations["createOrganisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Users of the caller's organisation; an admin's, of any or all.
         * @description A non-admin sees the users of their own organisation only (another `org` is 403 `forbidden`), and no e-mail address but their own. An admin sees everyone, with e-mail addresses, of one organisation if `org` is given.
         */
        get: operations["listUsers"];
        put?: never;
        /** Creates a user (admin). */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/clearance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Sets a user's clearance for secret documents (an admin of the user's organisation).
         * @description Announced as `directory.user-clearance-changed`. A user of another organisation is 404 `user-not-found`; two changes at the same moment: the second is 409 `concurrent-change`.
         */
        put: operations["setClearance"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Outgoing documents the caller may see, newest first. */
        get: operations["listDocuments"];
        put?: never;
        /** Creates a draft from its metadata and its content (one PDF) with any attachments. */
        post: operations["createDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        /** One document, with its recipients and history. */
        get: operations["getDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Revises a draft or returned document (its author); new content or attachments replace the old. */
        patch: operations["reviseDraft"];
        trace?: never;
    };
    "/v1/documents/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submits a draft for review (or straight to signing when it has no approvers). */
        post: operations["submitDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The current approver approves. */
        post: operations["approveDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The current approver returns the document to its author for revision. */
        post: operations["returnDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The current approver rejects the document for good. */
        post: operations["rejectDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents/{id}/sign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The signer signs in person, with their confirmation.
         * @description The signer first confirms with their signing PIN at the signing service (`POST /v1/signing-authorisations` with `documentId`, and optionally the content's `sha256`), then sends the authorisation it returns here. It is single-use, valid a few minutes, and only for this signer and document; the PIN itself is never sent to this API. Without a valid one the answer is 403 (`signing-authorisation-required`, `-unknown`, `-expired`, `-used`, `-not-yours`, `-other-document`, `-other-content`) and the document stays awaiting signature.
         */
        post: operations["signDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents/{id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The clerk issues (number, date, the organisation's signature, distribution).
         * @description Answers once the document is numbered, dated and sealed (status `issued`); its distribution to the recipients follows at once (status `distributed`, then each recipient's copy arriving in `recipients`), so a resolution to a hundred communes answers as fast as one to a single recipient. A recall sent before the distribution has begun stops it: the document goes to no one.
         */
        post: operations["issueDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents/{id}/recall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recalls an issued document from its recipients. */
        post: operations["recallDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents/{id}/blobs/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bytes of the document's content, an attachment or a signature. */
        get: operations["getDocumentBlob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incoming": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Documents received by the caller's organisation (or another, for an admin). */
        get: operations["listIncoming"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incoming/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One incoming document. */
        get: operations["getIncoming"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incoming/{id}/blobs/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bytes of a received document's content or an attachment, in clear. */
        get: operations["getIncomingBlob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incoming/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assigns a handler, with a deadline. */
        post: operations["assignIncoming"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incoming/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The handler starts processing. */
        post: operations["startIncoming"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incoming/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The handler reports the work done. */
        post: operations["completeIncoming"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incoming/{id}/refuse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The recipient refuses the document (edXML status 02). */
        post: operations["refuseIncoming"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registers/outgoing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The outgoing register (sổ đăng ký văn bản đi), as JSON or CSV.
         * @description Asked for a page (`page` or `pageSize`), the JSON holds that page, read from the lines the
         *     API process keeps in memory (everything issued before the call included), and only the
         *     page's secret lines are logged (`list`). Otherwise — the CSV, or JSON without a page — the
         *     whole period is read from the records and every secret line is logged (`register-export`).
         */
        get: operations["outgoingRegister"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registers/incoming": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The incoming register (sổ đăng ký văn bản đến), as JSON or CSV.
         * @description As the outgoing register, for the copies registered on arrival.
         */
        get: operations["incomingRegister"];
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
         * The organisation's access log of secret documents, newest first (security officer).
         * @description Every look at a secret document's metadata or content — read, list, download, register
         *     export, archive export, codec decode — allowed or refused. A security officer reads their
         *     own organisation's log only; another organisation's answers 404. See docs/secret-documents.md.
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
    "/v1/figures/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Documents issued and received per Vietnam day, organisation and type (leaders, admins).
         * @description Issued: the outgoing documents an organisation issued, on their issue date. Received: the
         *     copies entered in an organisation's incoming register, on their arrival date, whatever
         *     became of them after. For `org` (the caller's own organisation when absent) and each
         *     organisation below it; a leader or administrator may ask for their own organisation or one
         *     below it (403 `outside-hierarchy` otherwise). The last 30 days by default, at most 366.
         *     Secret documents count like the others; no figure carries a subject or any text. From the
         *     projection of the document events, as of `projectedUpTo` (503 `figures-loading` while a
         *     process loads them).
         */
        get: operations["documentFigures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/figures/processing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Processing times of incoming documents, arrival to done, p50 and p90 (leaders, admins).
         * @description The copies completed in the period (by their completion date), from arrival in the incoming
         *     register to the handler's completion; nearest-rank percentiles in whole seconds, per
         *     organisation and over the whole scope together. Scope, rights and period as for
         *     `/v1/figures/documents`.
         */
        get: operations["processingFigures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/figures/deadlines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Incoming documents near or past their deadline and not done, per organisation (leaders, admins).
         * @description Copies neither done, refused nor recalled, with a deadline (once assigned): `past` when it
         *     is before `asOf`, `near` when it falls from `asOf` to the end of the `withinDays`th Vietnam
         *     day after `asOf`'s (0 = today). Scope and rights as for `/v1/figures/documents`.
         */
        get: operations["deadlineFigures"];
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
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description Stable and machine-readable; see docs/intake-api.md. */
            reason: string;
            /** @description The input at fault, as named in the request. */
            field?: string;
            errors?: {
                field: string;
                reason: string;
                detail: string;
            }[];
            instance?: string;
        };
        Id: string;
        /** @description A recipient's copy, named `<document id>@<recipient organisation code>`. */
        IncomingId: string;
        UserId: string;
        OrgCode: string;
        /** Format: date */
        Date: string;
        /** @enum {string} */
        DocumentType: "NQ" | "QD" | "CT" | "KL" | "QDi" | "QC" | "TB" | "HD" | "BC" | "KH" | "CTr" | "TT" | "CV" | "TTr" | "BB" | "DA";
        /** @enum {string} */
        Urgency: "normal" | "khan" | "thuong-khan" | "hoa-toc";
        /** @enum {string} */
        Secrecy: "none" | "mat" | "toi-mat" | "tuyet-mat";
        /** @enum {string} */
        AuthorityForm: "T/M" | "K/T" | "T/L" | "none";
        /** @enum {string} */
        Role: "clerk" | "specialist" | "leader" | "admin" | "archivist" | "security-officer";
        /** @enum {string} */
        OrgLevel: "central" | "province" | "commune" | "office";
        /** @enum {string} */
        DocumentStatus: "draft" | "registered" | "in_review" | "returned" | "rejected" | "signing" | "issued" | "distributed" | "archived" | "recalled";
        /** @enum {string} */
        RecipientStatus: "arrived" | "rejected" | "accepted" | "assigned" | "processing" | "done" | "recalled";
        Organisation: {
            code: components["schemas"]["OrgCode"];
            name: string;
            level: components["schemas"]["OrgLevel"];
            parent?: components["schemas"]["OrgCode"];
            /** @description The issuing-body code in notations, "TU" in "15-NQ/TU". */
            notationCode: string;
            numbering: {
                /** @constant */
                period: "calendar-year";
            } | {
                /** @constant */
                period: "term";
                term: string;
            };
        };
        User: {
            id: components["schemas"]["UserId"];
            fullName: string;
            position: string;
            role: components["schemas"]["Role"];
            org: components["schemas"]["OrgCode"];
            /** Format: email */
            email: string;
            clearance?: components["schemas"]["Clearance"];
        };
        /**
         * @description Which secret documents the user may be given (Mật, Tối mật, Tuyệt mật); `none` when absent. Shown to admins and to the user themself.
         * @enum {string}
         */
        Clearance: "none" | "mat" | "toi-mat" | "tuyet-mat";
        /** @description A user as listed: `email` only for admins and for the caller themself. */
        UserEntry: {
            id: components["schemas"]["UserId"];
            fullName: string;
            position: string;
            role: components["schemas"]["Role"];
            org: components["schemas"]["OrgCode"];
            /** Format: email */
            email?: string;
            clearance?: components["schemas"]["Clearance"];
        };
        Signer: {
            userId: components["schemas"]["UserId"];
            authority: components["schemas"]["AuthorityForm"];
            /** @description The body signed for under T/M, K/T or T/L. */
            onBehalfOf?: string;
        };
        DraftFields: {
            type?: components["schemas"]["DocumentType"];
            /** @description Trích yếu. */
            subject?: string;
            /** @description The issuing organisation; the caller's own when absent. */
            issuer?: components["schemas"]["OrgCode"];
            signer?: components["schemas"]["Signer"];
            /** @description User ids in review order; none by default. */
            approvers?: components["schemas"]["UserId"][];
            /** @description Organisation codes. */
            recipients?: components["schemas"]["OrgCode"][];
            urgency?: components["schemas"]["Urgency"];
            secrecy?: components["schemas"]["Secrecy"];
            /** Format: date */
            dueDate?: string;
            pageCount?: number;
            language?: string;
            fileCode?: string;
            copies?: number;
        };
        /** @description A new draft. `urgency` defaults to normal, `secrecy` to none, `approvers` to none. */
        DraftInput: WithRequired<components["schemas"]["DraftFields"], "type" | "subject" | "signer" | "recipients">;
        /** @description The fields to change; absent ones keep their value. */
        DraftPatch: components["schemas"]["DraftFields"];
        DraftUpload: {
            metadata: components["schemas"]["DraftInput"];
            /**
             * Format: binary
             * @description The document, one PDF.
             */
            content: string;
            attachments?: string[];
        };
        DraftPatchUpload: {
            metadata?: components["schemas"]["DraftPatch"];
            /** Format: binary */
            content?: string;
            attachments?: string[];
        };
        BlobRef: {
            sha256: string;
            size: number;
            contentType: string;
            /** @description The stored bytes are sealed with the secret document's key (a JWE): `sha256` and `size` are the ciphertext's. The blob routes answer with the file in clear to those allowed. */
            sealed?: boolean;
        };
        TransitionView: {
            seq: number;
            /** Format: date-time */
            at: string;
            action: string;
            /** @description A document or a recipient status. */
            status: string;
            actor?: string;
            note?: string;
        };
        RecipientView: {
            org: components["schemas"]["OrgCode"];
            status: components["schemas"]["RecipientStatus"];
            /** @description The edXML status code. */
            statusCode: string;
            arrivalNumber?: number;
            handler?: string;
            /**
             * Format: date-time
             * @description The end of the deadline day, as an instant.
             */
            deadline?: string;
            /** Format: date-time */
            updatedAt: string;
        };
        DocumentView: {
            id: components["schemas"]["Id"];
            workflowId: string;
            status: components["schemas"]["DocumentStatus"];
            type: components["schemas"]["DocumentType"];
            subject: string;
            issuer: components["schemas"]["OrgCode"];
            number?: number;
            /** @description "15-NQ/TU" once issued. */
            notation?: string;
            /** Format: date-time */
            issuedAt?: string;
            urgency: components["schemas"]["Urgency"];
            secrecy: components["schemas"]["Secrecy"];
            /** Format: date */
            dueDate?: string;
            pageCount: number;
            language?: string;
            fileCode?: string;
            copies?: number;
            signer: {
                userId: string;
                authority: components["schemas"]["AuthorityForm"];
                onBehalfOf?: string;
            };
            approvers: string[];
            currentApprover?: string;
            recipients: components["schemas"]["RecipientView"][];
            /** @description The organisations it goes to; before distribution `recipients` is empty. */
            addressees?: components["schemas"]["OrgCode"][];
            content: components["schemas"]["BlobRef"];
            attachments: components["schemas"]["BlobRef"][];
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            history: components["schemas"]["TransitionView"][];
        };
        IncomingView: {
            id: components["schemas"]["IncomingId"];
            documentId: components["schemas"]["Id"];
            org: components["schemas"]["OrgCode"];
            arrivalNumber: number;
            /** Format: date-time */
            arrivedAt: string;
            status: components["schemas"]["RecipientStatus"];
            statusCode: string;
            handler?: string;
            /**
             * Format: date-time
             * @description The end of the deadline day, as an instant.
             */
            deadline?: string;
            report?: string;
            issuer: components["schemas"]["OrgCode"];
            notation: string;
            type: components["schemas"]["DocumentType"];
            subject: string;
            urgency: components["schemas"]["Urgency"];
            secrecy: components["schemas"]["Secrecy"];
            content?: components["schemas"]["BlobRef"];
            attachments: components["schemas"]["BlobRef"][];
            history: components["schemas"]["TransitionView"][];
        };
        DocumentPage: {
            items: components["schemas"]["DocumentView"][];
            total: number;
            page: number;
            pageSize: number;
        };
        IncomingPage: {
            items: components["schemas"]["IncomingView"][];
            total: number;
            page: number;
            pageSize: number;
        };
        OutgoingRegisterRow: {
            /** @description The document, for a screen to open it; not a column of the CSV. */
            documentId: components["schemas"]["Id"];
            number: number;
            notation: string;
            issuedAt: string;
            type: components["schemas"]["DocumentType"];
            subject: string;
            signer: string;
            recipients: string;
            copies: number;
            urgency: components["schemas"]["Urgency"];
            secrecy: components["schemas"]["Secrecy"];
        };
        IncomingRegisterRow: {
            /** @description The copy's id (`<documentId>@<org>`), as /v1/incoming/{id} takes it. */
            id: string;
            documentId: string;
            arrivalNumber: number;
            arrivedAt: string;
            issuer: string;
            notation: string;
            type: components["schemas"]["DocumentType"];
            subject: string;
            handler: string;
            deadline: string;
            status: components["schemas"]["RecipientStatus"];
            secrecy: components["schemas"]["Secrecy"];
        };
        DayOrInstant: string;
        /** @description One look at a secret document, chained to the one before it by `prev` (docs/secret-documents.md). */
        AccessRecord: {
            org: components["schemas"]["OrgCode"];
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
            /** @description Why it was refused, e.g. no-clearance, not-in-flow. */
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
            org: components["schemas"]["OrgCode"];
            items: components["schemas"]["AccessRecord"][];
            total: number;
            page: number;
            pageSize: number;
        };
        AccessLogVerdict: {
            org: components["schemas"]["OrgCode"];
            ok: boolean;
            /** @description Records that chain correctly from record 1. */
            records: number;
            /** @description The first record at which the chain breaks. */
            brokenAt?: number;
            problem?: string;
        };
        DocumentCounts: {
            issued: number;
            received: number;
        };
        /** @description One organisation's own documents (not those of the organisations below it); a drill-down asks again with its `org`. */
        DocumentFigureRow: {
            org: components["schemas"]["OrgCode"];
            name: string;
            level: components["schemas"]["OrgLevel"];
            /** @description The organisation above it: a console draws the tree from these. */
            parent?: components["schemas"]["OrgCode"];
            issued: number;
            received: number;
        };
        DocumentDayRow: {
            /**
             * Format: date
             * @description A Vietnam calendar day.
             */
            day: string;
            org: components["schemas"]["OrgCode"];
            type: components["schemas"]["DocumentType"];
            issued: number;
            received: number;
        };
        DocumentFigures: {
            org: components["schemas"]["OrgCode"];
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** @description The organisation and each one below it, parents first, with its own counts (zeros included). */
            organisations: components["schemas"]["DocumentFigureRow"][];
            /** @description Per day, organisation and type, where anything was issued or received; by day, then organisation as above, then type. */
            days: components["schemas"]["DocumentDayRow"][];
            totals: components["schemas"]["DocumentCounts"];
            /**
             * Format: date-time
             * @description When this process last caught up with the projection.
             */
            projectedUpTo: string;
        };
        ProcessingCounts: {
            /** @description Copies completed in the period. */
            completed: number;
            /** @description Arrival to done, nearest-rank median; absent when none was completed. */
            p50Seconds?: number;
            /** @description Arrival to done, nearest-rank 90th percentile; absent when none was completed. */
            p90Seconds?: number;
        };
        /** @description One organisation's own copies (percentiles as in ProcessingCounts). */
        ProcessingFigureRow: {
            org: components["schemas"]["OrgCode"];
            name: string;
            level: components["schemas"]["OrgLevel"];
            /** @description The organisation above it: a console draws the tree from these. */
            parent?: components["schemas"]["OrgCode"];
            completed: number;
            p50Seconds?: number;
            p90Seconds?: number;
        };
        ProcessingFigures: {
            org: components["schemas"]["OrgCode"];
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            organisations: components["schemas"]["ProcessingFigureRow"][];
            /** @description Over every copy of the scope together (not a mean of the rows' percentiles). */
            totals: components["schemas"]["ProcessingCounts"];
            /** Format: date-time */
            projectedUpTo: string;
        };
        DeadlineCounts: {
            /** @description Not done, due from asOf to the end of the withinDays-th day after. */
            near: number;
            /** @description Not done, the deadline passed. */
            past: number;
        };
        /** @description One organisation's own copies (counted as in DeadlineCounts). */
        DeadlineFigureRow: {
            org: components["schemas"]["OrgCode"];
            name: string;
            level: components["schemas"]["OrgLevel"];
            /** @description The organisation above it: a console draws the tree from these. */
            parent?: components["schemas"]["OrgCode"];
            near: number;
            past: number;
        };
        DeadlineFigures: {
            org: components["schemas"]["OrgCode"];
            /** Format: date-time */
            asOf: string;
            withinDays: number;
            organisations: components["schemas"]["DeadlineFigureRow"][];
            totals: components["schemas"]["DeadlineCounts"];
            /** Format: date-time */
            projectedUpTo: string;
        };
    };
    responses: {
        /** @description The document, after the action. */
        Document: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DocumentView"];
            };
        };
        /** @description The incoming document, after the action. */
        Incoming: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["IncomingView"];
            };
        };
        /**
         * @description An error. 400 validation, 401 authentication (with WWW-Authenticate), 403 rights, 404,
         *     409 state or request-in-progress, 413 sizes, 415, 422 idempotency-key-reused or domain
         *     rules, 429 rate-limited and 503 overloaded (both with Retry-After).
         */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `pdf-check-busy` (field `content`): the PDF could not be checked right now, because every
         *     inspection thread is taken or the machine is too loaded to give one its processor time.
         *     Nothing is wrong with the file and nothing was stored; retry after `Retry-After` with the
         *     same `Idempotency-Key`. Or `overloaded`, as on every route. A file that is itself too
         *     costly to read is 422 `pdf-too-complex`, not this.
         */
        PdfCheckBusy: {
            headers: {
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A dependency is down; retry after Retry-After. */
        Unavailable: {
            headers: {
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Unique per intended operation (a UUID is best); retries reuse it. */
        IdempotencyKeyRequired: string;
        /** @description Makes a retry of this action return the first answer instead of acting twice. */
        IdempotencyKeyOptional: string;
        DocumentId: components["schemas"]["Id"];
        IncomingId: components["schemas"]["IncomingId"];
        /** @description First day, inclusive (YYYY-MM-DD). */
        From: string;
        /** @description Last day, inclusive (YYYY-MM-DD). */
        To: string;
        Page: number;
        PageSize: number;
        /** @description One page of the rows (JSON only; the CSV is the whole period). Without page and pageSize, every row of the period. */
        RegisterPage: number;
        /** @description Rows per page (20 when only page is given); alone, the first page. */
        RegisterPageSize: number;
        /** @description The organisation whose register; the caller's own when absent. */
        RegisterOrg: components["schemas"]["OrgCode"];
        /** @description The organisation whose figures, with those below it; the caller's own when absent. */
        FiguresOrg: components["schemas"]["OrgCode"];
        /** @description The organisation whose log; the caller's own when absent (the only one they may read). */
        AccessLogOrg: components["schemas"]["OrgCode"];
        /** @description csv answers text/csv, as `Accept: text/csv` does. */
        Format: "json" | "csv";
    };
    requestBodies: {
        Reason: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
    };
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
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    runProbe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every service answered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                        workflowId: string;
                        services: Record<string, never>[];
                    };
                };
            };
            503: components["responses"]["Unavailable"];
        };
    };
    listOrganisations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organisations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Organisation"][];
                    };
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    createOrganisation: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per intended operation (a UUID is best); retries reuse it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKeyRequired"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Organisation"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                org?: components["schemas"]["OrgCode"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["UserEntry"][];
                    };
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per intended operation (a UUID is best); retries reuse it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKeyRequired"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["User"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    setClearance: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    clearance: components["schemas"]["Clearance"];
                };
            };
        };
        responses: {
            /** @description The user, with the new clearance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    listDocuments: {
        parameters: {
            query?: {
                issuer?: components["schemas"]["OrgCode"];
                type?: components["schemas"]["DocumentType"];
                status?: components["schemas"]["DocumentStatus"];
                /** @description First day, inclusive (YYYY-MM-DD). */
                from?: components["parameters"]["From"];
                /** @description Last day, inclusive (YYYY-MM-DD). */
                to?: components["parameters"]["To"];
                number?: number;
                /** @description Documents this user drafted (a person's own drafts and documents). */
                createdBy?: components["schemas"]["UserId"];
                /** @description Documents whose next step is this user's: in review with them as the current approver, or awaiting signature with them as the signer who has not signed yet. */
                awaiting?: components["schemas"]["UserId"];
                /** @description Whether the signer has signed: with `status=signing`, `true` lists what awaits issue by a clerk, `false` what awaits the signer. */
                signed?: boolean;
                page?: components["parameters"]["Page"];
                pageSize?: components["parameters"]["PageSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of documents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentPage"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    createDraft: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per intended operation (a UUID is best); retries reuse it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKeyRequired"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["DraftUpload"];
            };
        };
        responses: {
            /** @description The draft. */
            201: {
                headers: {
                    /** @description The new document's URL. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentView"];
                };
            };
            413: components["responses"]["Problem"];
            /**
             * @description `system-busy`: new documents are admitted at the rate the service's latency allows
             *     (INTAKE_ADMISSION_TARGET_MS), and the system is still working through those it has
             *     accepted; `Retry-After` says when to try again. Or `rate-limited`, as on every route.
             */
            429: {
                headers: {
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            503: components["responses"]["PdfCheckBusy"];
            default: components["responses"]["Problem"];
        };
    };
    getDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentView"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    reviseDraft: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DraftPatch"];
                "multipart/form-data": components["schemas"]["DraftPatchUpload"];
            };
        };
        responses: {
            /** @description The revised document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentView"];
                };
            };
            503: components["responses"]["PdfCheckBusy"];
            default: components["responses"]["Problem"];
        };
    };
    submitDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Document"];
            default: components["responses"]["Problem"];
        };
    };
    approveDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            200: components["responses"]["Document"];
            default: components["responses"]["Problem"];
        };
    };
    returnDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Reason"];
        responses: {
            200: components["responses"]["Document"];
            default: components["responses"]["Problem"];
        };
    };
    rejectDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Reason"];
        responses: {
            200: components["responses"]["Document"];
            default: components["responses"]["Problem"];
        };
    };
    signDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The authorisation from the signing service's POST /v1/signing-authorisations. */
                    signingAuthorisation?: string;
                };
            };
        };
        responses: {
            200: components["responses"]["Document"];
            default: components["responses"]["Problem"];
        };
    };
    issueDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Document"];
            default: components["responses"]["Problem"];
        };
    };
    recallDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Reason"];
        responses: {
            200: components["responses"]["Document"];
            default: components["responses"]["Problem"];
        };
    };
    getDocumentBlob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["DocumentId"];
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with the content type they were stored with. */
            200: {
                headers: {
                    /** @description The quoted SHA-256. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description The caller's copy (If-None-Match) is current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Problem"];
        };
    };
    listIncoming: {
        parameters: {
            query?: {
                org?: components["schemas"]["OrgCode"];
                status?: components["schemas"]["RecipientStatus"];
                /** @description Only the copies assigned to this person (a handler's own work list). */
                handler?: components["schemas"]["UserId"];
                /** @description First day, inclusive (YYYY-MM-DD). */
                from?: components["parameters"]["From"];
                /** @description Last day, inclusive (YYYY-MM-DD). */
                to?: components["parameters"]["To"];
                page?: components["parameters"]["Page"];
                pageSize?: components["parameters"]["PageSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of incoming documents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncomingPage"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getIncoming: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IncomingId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Incoming"];
            default: components["responses"]["Problem"];
        };
    };
    getIncomingBlob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IncomingId"];
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with the content type of the file as given. */
            200: {
                headers: {
                    /** @description The quoted SHA-256 of the stored blob. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description The caller's copy (If-None-Match) is current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Problem"];
        };
    };
    assignIncoming: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["IncomingId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    handler: components["schemas"]["UserId"];
                    /** Format: date */
                    deadline?: string;
                };
            };
        };
        responses: {
            200: components["responses"]["Incoming"];
            default: components["responses"]["Problem"];
        };
    };
    startIncoming: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["IncomingId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Incoming"];
            default: components["responses"]["Problem"];
        };
    };
    completeIncoming: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["IncomingId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    report: string;
                };
            };
        };
        responses: {
            200: components["responses"]["Incoming"];
            default: components["responses"]["Problem"];
        };
    };
    refuseIncoming: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry of this action return the first answer instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                id: components["parameters"]["IncomingId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Reason"];
        responses: {
            200: components["responses"]["Incoming"];
            default: components["responses"]["Problem"];
        };
    };
    outgoingRegister: {
        parameters: {
            query?: {
                /** @description The organisation whose register; the caller's own when absent. */
                org?: components["parameters"]["RegisterOrg"];
                /** @description First day, inclusive (YYYY-MM-DD). */
                from?: components["parameters"]["From"];
                /** @description Last day, inclusive (YYYY-MM-DD). */
                to?: components["parameters"]["To"];
                /** @description csv answers text/csv, as `Accept: text/csv` does. */
                format?: components["parameters"]["Format"];
                /** @description One page of the rows (JSON only; the CSV is the whole period). Without page and pageSize, every row of the period. */
                page?: components["parameters"]["RegisterPage"];
                /** @description Rows per page (20 when only page is given); alone, the first page. */
                pageSize?: components["parameters"]["RegisterPageSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The register's rows in number order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        org: components["schemas"]["OrgCode"];
                        /** Format: date */
                        from: string;
                        /** Format: date */
                        to: string;
                        items: components["schemas"]["OutgoingRegisterRow"][];
                        /** @description The period's rows, on every page. */
                        total: number;
                        /** @description Present when a page was asked for. */
                        page?: number;
                        pageSize?: number;
                    };
                    "text/csv": string;
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    incomingRegister: {
        parameters: {
            query?: {
                /** @description The organisation whose register; the caller's own when absent. */
                org?: components["parameters"]["RegisterOrg"];
                /** @description First day, inclusive (YYYY-MM-DD). */
                from?: components["parameters"]["From"];
                /** @description Last day, inclusive (YYYY-MM-DD). */
                to?: components["parameters"]["To"];
                /** @description csv answers text/csv, as `Accept: text/csv` does. */
                format?: components["parameters"]["Format"];
                /** @description One page of the rows (JSON only; the CSV is the whole period). Without page and pageSize, every row of the period. */
                page?: components["parameters"]["RegisterPage"];
                /** @description Rows per page (20 when only page is given); alone, the first page. */
                pageSize?: components["parameters"]["RegisterPageSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The register's rows in arrival order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        org: components["schemas"]["OrgCode"];
                        /** Format: date */
                        from: string;
                        /** Format: date */
                        to: string;
                        items: components["schemas"]["IncomingRegisterRow"][];
                        /** @description The period's rows, on every page. */
                        total: number;
                        /** @description Present when a page was asked for. */
                        page?: number;
                        pageSize?: number;
                    };
                    "text/csv": string;
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
                actor?: components["schemas"]["UserId"];
                outcome?: "allowed" | "refused";
                /** @description From the start of this day (Vietnam time), or from this instant (ISO 8601 with its offset). */
                from?: components["schemas"]["DayOrInstant"];
                /** @description To the end of this day (Vietnam time), or to this instant (ISO 8601 with its offset), inclusive. */
                to?: components["schemas"]["DayOrInstant"];
                page?: components["parameters"]["Page"];
                pageSize?: components["parameters"]["PageSize"];
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
            default: components["responses"]["Problem"];
        };
    };
    documentFigures: {
        parameters: {
            query?: {
                /** @description The organisation whose figures, with those below it; the caller's own when absent. */
                org?: components["parameters"]["FiguresOrg"];
                /** @description First day, inclusive (YYYY-MM-DD). */
                from?: components["parameters"]["From"];
                /** @description Last day, inclusive (YYYY-MM-DD). */
                to?: components["parameters"]["To"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Counts per organisation, per day, organisation and type, and in total. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentFigures"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    processingFigures: {
        parameters: {
            query?: {
                /** @description The organisation whose figures, with those below it; the caller's own when absent. */
                org?: components["parameters"]["FiguresOrg"];
                /** @description First day, inclusive (YYYY-MM-DD). */
                from?: components["parameters"]["From"];
                /** @description Last day, inclusive (YYYY-MM-DD). */
                to?: components["parameters"]["To"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Completed copies and their percentiles, per organisation and in total. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcessingFigures"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    deadlineFigures: {
        parameters: {
            query?: {
                /** @description The organisation whose figures, with those below it; the caller's own when absent. */
                org?: components["parameters"]["FiguresOrg"];
                /** @description How many days ahead count as near (2 when absent). */
                withinDays?: number;
                /** @description The moment deadlines are judged against (now when absent), ISO 8601 with its offset. */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Copies near and past their deadline, per organisation and in total. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadlineFigures"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
