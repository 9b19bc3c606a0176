/**
 * Generated from services/tracking/src/api/openapi.yaml by `npm run generate -w @vanthu/console`; do not edit.
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
    "/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tasks the caller's organisation assigned, leads or cooperates on, newest first. */
        get: operations["listTasks"];
        put?: never;
        /**
         * Assigns a task from an issued document to an organisation below the caller's.
         * @description By a member of the document's issuer (leader, specialist or clerk). The source document
         *     must be issued, not recalled, not secret, and of a trackable type (NQ, CT, KL, KH, CTr,
         *     TB); tracking learns of an issuance a moment after it happens. The lead and cooperating
         *     organisations must be below the caller's. Exactly one of `deadline` and `recurrence`.
         */
        post: operations["createTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A task, to the members of its assigner, its lead, its cooperating organisations and the organisations above its lead. */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The lead organisation takes the task on. */
        post: operations["acceptTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/refuse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The lead organisation refuses the task, with a reason; the assigner reassigns or cancels it. */
        post: operations["refuseTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The lead organisation reports progress, with evidence uploaded for this task beforehand. */
        post: operations["reportProgress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The lead organisation submits the task as done; not while sub-tasks are open. */
        post: operations["submitTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/subtasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The lead organisation splits the task among organisations below it.
         * @description Each sub-task's lead must be below the task's lead organisation and its deadline no later
         *     than the task's. With an `Idempotency-Key`, a retry answers the sub-tasks the first call made.
         */
        post: operations["addSubtasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/extension-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The lead organisation asks for a later deadline, with a reason; one request pending at a time. */
        post: operations["requestExtension"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/extension-decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The assigner grants the pending extension or refuses it (with a reason). */
        post: operations["decideExtension"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/accept-result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The assigner accepts the submitted result; the task is done. */
        post: operations["acceptResult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The assigner returns the submitted result, with a reason; the task is in progress again. */
        post: operations["returnTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The assigner gives a refused task to another organisation below it. */
        post: operations["reassignTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The assigner withdraws the task (and its open sub-tasks), with a reason. */
        post: operations["cancelTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The lead organisation uploads a file backing a report; the body is the file itself.
         * @description The raw bytes, not multipart, with the file's Content-Type (PDF, JPEG, PNG, DOCX or XLSX)
         *     and at most TRACKING_MAX_EVIDENCE_BYTES (20 MiB by default; 413 `content-too-large`
         *     beyond). The bytes must be what the Content-Type says. A report names the file by its
         *     SHA-256. Uploading the same bytes again answers the same reference.
         */
        post: operations["uploadEvidence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/evidence/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An evidence file of the task, to whoever sees the task. */
        get: operations["getEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/figures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tasks done on time, done late, open within the deadline and overdue, for an assigning organisation.
         * @description For the members of `org` and of the organisations above it. Counted are one-off tasks and
         *     the periods of recurring tasks, cancelled ones not (docs/tracking.md, "Figures"). JSON, or
         *     CSV with `Accept: text/csv` or `format=csv`.
         */
        get: operations["getFigures"];
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
            /** @description Stable and machine-readable. */
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
        /** @description `T` and 20 base32 characters; a period of a recurring task adds `.<period>`. */
        TaskId: string;
        DocumentId: string;
        OrgCode: string;
        OrgList: components["schemas"]["OrgCode"][];
        UserId: string;
        Sha256: string;
        /** Format: date-time */
        Instant: string;
        Text: string;
        Title: string;
        /** @description The clause of the source document the task implements, e.g. `Mục III.2`. */
        Clause: string;
        /** @description A date (the end of that day, Vietnam time) or a date-time with its offset; in the future. */
        Deadline: string;
        DateOrDateTime: string;
        /** @enum {string} */
        DocumentType: "NQ" | "QD" | "CT" | "KL" | "QDi" | "QC" | "TB" | "HD" | "BC" | "KH" | "CTr" | "TT" | "CV" | "TTr" | "BB" | "DA";
        /** @enum {string} */
        TaskStatus: "assigned" | "accepted" | "refused" | "in_progress" | "submitted" | "done" | "cancelled";
        /** @enum {string} */
        TaskKind: "task" | "recurring" | "period";
        /** @enum {string} */
        TaskPriority: "normal" | "high" | "urgent";
        Recurrence: {
            /** @enum {string} */
            frequency: "monthly" | "quarterly" | "yearly";
            /**
             * Format: date
             * @description The first period is the one containing this date.
             */
            from: string;
            /**
             * Format: date
             * @description The last period is the one containing this date; at most 6 years after `from`.
             */
            until: string;
            /** @description The day of the period's last month the report is due; its last day when absent. */
            dueDay?: number;
        };
        NewTask: {
            sourceDocumentId: components["schemas"]["DocumentId"];
            title: components["schemas"]["Title"];
            clause?: components["schemas"]["Clause"];
            leadOrg: components["schemas"]["OrgCode"];
            cooperating?: components["schemas"]["OrgList"];
            deadline?: components["schemas"]["Deadline"];
            recurrence?: components["schemas"]["Recurrence"];
            priority?: components["schemas"]["TaskPriority"];
        };
        NewSubtask: {
            title: components["schemas"]["Title"];
            clause?: components["schemas"]["Clause"];
            leadOrg: components["schemas"]["OrgCode"];
            cooperating?: components["schemas"]["OrgList"];
            deadline: components["schemas"]["Deadline"];
            priority?: components["schemas"]["TaskPriority"];
            /** @default 1 */
            weight: number;
        };
        Reason: {
            reason: components["schemas"]["Text"];
        };
        /** @description SHA-256 of files uploaded for this task (POST /v1/tasks/{id}/evidence). */
        EvidenceList: components["schemas"]["Sha256"][];
        /** @description A document that reports on or implements the task, e.g. the organisation's own plan. */
        DocumentRef: string;
        ProgressReport: {
            percent: number;
            narrative: components["schemas"]["Text"];
            evidence?: components["schemas"]["EvidenceList"];
            documentRef?: components["schemas"]["DocumentRef"];
        };
        Submission: {
            narrative: components["schemas"]["Text"];
            evidence?: components["schemas"]["EvidenceList"];
            documentRef?: components["schemas"]["DocumentRef"];
        };
        EvidenceRef: {
            sha256: components["schemas"]["Sha256"];
            size: number;
            contentType: string;
            name: string;
        };
        TaskReport: {
            seq: number;
            at: string;
            by: string;
            /** @enum {string} */
            kind: "progress" | "submission";
            percent: number;
            narrative: string;
            evidence: components["schemas"]["EvidenceRef"][];
            documentRef?: string;
        };
        SubtaskSummary: {
            taskId: string;
            leadOrg: string;
            status: components["schemas"]["TaskStatus"];
            progress: number;
            weight: number;
            deadline?: string;
            period?: string;
            completedAt?: string;
        };
        /** @description A task as its record keeps it, written by its workflow alone. */
        TaskView: {
            id: components["schemas"]["TaskId"];
            kind: components["schemas"]["TaskKind"];
            title: string;
            clause?: string | null;
            source: {
                documentId: string;
                notation: string;
                type: components["schemas"]["DocumentType"];
            };
            assignerOrg: string;
            assignedBy: string;
            leadOrg: string;
            cooperating: string[];
            /** @description In force, after any extension granted. */
            deadline?: string | null;
            originalDeadline?: string | null;
            recurrence?: {
                /** @enum {string} */
                frequency: "monthly" | "quarterly" | "yearly";
                from: string;
                until: string;
                dueDay?: number;
            };
            period?: string | null;
            priority: components["schemas"]["TaskPriority"];
            parentTaskId?: string | null;
            rootTaskId: string;
            depth: number;
            weight: number;
            assignedAt: string;
            status: components["schemas"]["TaskStatus"];
            progress: number;
            seq: number;
            updatedAt: string;
            submittedAt?: string | null;
            completedAt?: string | null;
            pendingExtension?: null | {
                until: string;
                reason: string;
                requestedBy: string;
                requestedAt: string;
            };
            subtasks: components["schemas"]["SubtaskSummary"][];
            reports: components["schemas"]["TaskReport"][];
            history: {
                seq: number;
                at: string;
                action: string;
                status: components["schemas"]["TaskStatus"];
                actor?: string;
                note?: string;
            }[];
        };
        FigureCounts: {
            doneOnTime: number;
            doneLate: number;
            openWithinDeadline: number;
            overdue: number;
            total: number;
        };
        FiguresResult: {
            org: string;
            /** @enum {string} */
            scope: "own" | "subtree";
            from?: string;
            to?: string;
            asOf: string;
            /** @enum {string} */
            groupBy: "leadOrg" | "sourceDocument" | "documentType" | "none";
            totals: components["schemas"]["FigureCounts"];
            rows: (components["schemas"]["FigureCounts"] & {
                key: string;
                label: string;
                /** @description For a lead organisation's row: the query of that organisation's own figures. */
                drillDown?: string;
            })[];
            /** @description When the figures were last brought up to date: how fresh they are. */
            projectedUpTo: string;
        };
    };
    responses: {
        /** @description The task, after the action. */
        Task: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TaskView"];
            };
        };
        /**
         * @description An error. 400 validation (unknown fields included), 401 authentication, 403 rights on the
         *     task's side, 404 `task-not-found` (also for a task one may not see), 409
         *     `invalid-transition` or `subtasks-open`, 413 `content-too-large`, 415, 422 domain rules
         *     (`unknown-source`, `secret-source`, `untrackable-type`, `unknown-organisation`,
         *     `outside-hierarchy`, `deadline-in-past`, `unknown-evidence`, `invalid-input`, ...), 429
         *     and 503 with Retry-After.
         */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        TaskId: components["schemas"]["TaskId"];
        /**
         * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
         *     the task the first call created; a step of a task answers with that step's outcome (a
         *     progress report sent again is recorded once). Keys are the caller's own.
         */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /** @description Where the created resource is read. */
        Location: string;
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
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    listTasks: {
        parameters: {
            query?: {
                /** @description The organisation's part in the task; all three when absent. */
                role?: "assigned" | "lead" | "cooperating";
                status?: components["schemas"]["TaskStatus"];
                sourceDocumentId?: components["schemas"]["DocumentId"];
                leadOrg?: components["schemas"]["OrgCode"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of tasks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["TaskView"][];
                        /** @description Present when more tasks follow. */
                        nextCursor?: string;
                    };
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    createTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewTask"];
            };
        };
        responses: {
            /** @description The task a first call with the same Idempotency-Key created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
                };
            };
            /** @description The task, assigned. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    acceptTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    refuseTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reason"];
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    reportProgress: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProgressReport"];
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    submitTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Submission"];
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    addSubtasks: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subtasks: components["schemas"]["NewSubtask"][];
                };
            };
        };
        responses: {
            /** @description The sub-tasks, assigned. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subtasks: components["schemas"]["TaskView"][];
                    };
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    requestExtension: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    until: components["schemas"]["Deadline"];
                    reason: components["schemas"]["Text"];
                };
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    decideExtension: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    grant: boolean;
                    reason?: components["schemas"]["Text"];
                };
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    acceptResult: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: components["schemas"]["Text"];
                };
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    returnTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reason"];
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    reassignTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    leadOrg: components["schemas"]["OrgCode"];
                    cooperating?: components["schemas"]["OrgList"];
                };
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    cancelTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry find what the first call did, rather than do it twice: a creation answers
                 *     the task the first call created; a step of a task answers with that step's outcome (a
                 *     progress report sent again is recorded once). Keys are the caller's own.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reason"];
            };
        };
        responses: {
            200: components["responses"]["Task"];
            default: components["responses"]["Problem"];
        };
    };
    uploadEvidence: {
        parameters: {
            query: {
                /** @description The file's name, shown to whoever downloads it. */
                name: string;
            };
            header?: never;
            path: {
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/pdf": string;
                "image/jpeg": string;
                "image/png": string;
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            };
        };
        responses: {
            /** @description The file, stored. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceRef"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["TaskId"];
                sha256: components["schemas"]["Sha256"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with the content type they were uploaded with. */
            200: {
                headers: {
                    /** @description The quoted SHA-256. */
                    ETag?: string;
                    /** @description An attachment, with the file's name. */
                    "Content-Disposition"?: string;
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
    getFigures: {
        parameters: {
            query: {
                /** @description The assigning organisation. */
                org: components["schemas"]["OrgCode"];
                /** @description `own`: the tasks `org` assigned; `subtree`: those of `org` and of every organisation below it. */
                scope?: "own" | "subtree";
                /** @description Only tasks whose deadline is at or after this (a date is its start, Vietnam time). */
                from?: components["schemas"]["DateOrDateTime"];
                /** @description Only tasks whose deadline is at or before this (a date is its end, Vietnam time). */
                to?: components["schemas"]["DateOrDateTime"];
                /** @description The moment open tasks are judged against their deadline; now when absent. */
                asOf?: string;
                groupBy?: "leadOrg" | "sourceDocument" | "documentType" | "none";
                sourceDocumentId?: components["schemas"]["DocumentId"];
                leadOrg?: components["schemas"]["OrgCode"];
                documentType?: components["schemas"]["DocumentType"];
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FiguresResult"];
                    "text/csv": string;
                };
            };
            default: components["responses"]["Problem"];
        };
    };
}
