/**
 * Generated from services/notify/src/api/openapi.yaml by `npm run generate -w @vanthu/console`; do not edit.
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
    "/v1/me/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events: the caller's new notifications, live.
         * @description Any signed-in person, their own notifications. The stream opens with `retry: 3000` and then
         *     sends:
         *
         *     - `event: notification` (the only `StreamEventType`), `id: <inbox seq>`, `data: <the
         *       inbox item as JSON>` (an `InboxEntry`), once per notification, in seq order, never twice;
         *     - a comment line `: keep-alive` every 15 s, so proxies keep the connection open.
         *
         *     A fresh stream starts at the present (GET /v1/me/notifications shows the past). A
         *     reconnecting client sends the last id it received as `Last-Event-ID` (EventSource does so
         *     by itself) or `lastEventId`, and first receives what it missed from the inbox (up to 100
         *     items, oldest first), then live ones. When the process shuts down it ends the stream; the
         *     client reconnects to another instance.
         */
        get: operations["streamNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's inbox, newest first, with the unread count.
         * @description Any signed-in person, their own inbox. Pass `next` as `before` for the older page.
         */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of the caller's notifications are unread, and the newest seq. */
        get: operations["getUnreadCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks read every notification up to `upTo` (the newest the portal showed), or all of them. */
        post: operations["markAllNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/{seq}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks one of the caller's notifications read. */
        post: operations["markNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's channel preferences (the defaults until they save), with the categories' labels. */
        get: operations["getPreferences"];
        /**
         * Replaces the caller's channel preferences; both channels, in full.
         * @description The inbox always receives everything; `sse` and `email` carry the categories listed.
         */
        put: operations["putPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's organisation's webhook endpoints (administrators). */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Registers a webhook endpoint for the caller's organisation; the answer holds its secret, shown only here.
         * @description By an administrator, for their own organisation; at most 20 endpoints per organisation.
         *     Outside production `http://` URLs are accepted, in production only `https://`. The URL must
         *     reach a public internet address (docs/notify.md, "Webhook security").
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the organisation's webhook endpoints. */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Removes a webhook endpoint; nothing more is delivered to it. */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint's delivery log, newest first. */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{endpointId}/deliveries/{seq}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery, with every attempt. */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{endpointId}/deliveries/{seq}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sends a logged delivery's exact body again, freshly signed, as a new delivery.
         * @description The new delivery names the original in `replayOf` and has attempts of its own. With the
         *     same `Idempotency-Key` a retried request replays once; without one, each request replays.
         */
        post: operations["replayWebhookDelivery"];
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
        /** @description A place in a log (an inbox, a delivery log), counted from 1. */
        Seq: number;
        StreamPosition: number;
        /**
         * @description The `event:` names GET /v1/me/stream sends; each `data` is an InboxEntry.
         * @enum {string}
         */
        StreamEventType: "notification";
        /**
         * @description What a notification is about, which is what channels are chosen by.
         * @enum {string}
         */
        Category: "action" | "deadline" | "incoming" | "status" | "task";
        /**
         * @description `refused`: the host resolved to an address webhooks may not reach; not retried.
         * @enum {string}
         */
        DeliveryStatus: "pending" | "succeeded" | "failed" | "refused";
        EndpointId: string;
        /** @description An exact event type (`document.issued`), every type of a family (`document.*`, `directory.*`, `tracking.*`), or `*`. */
        EventTypePattern: string;
        /** @description One in-app notification, as the inbox keeps it and the live stream sends it. */
        InboxEntry: {
            seq: components["schemas"]["Seq"];
            read: boolean;
            eventId: string;
            /** @description The domain event it comes from, e.g. `document.issued`, `tracking.task-assigned`. */
            eventType: string;
            category: components["schemas"]["Category"];
            documentId: string;
            /** @description What the event is about: the document, or the task for a task. */
            aggregateId: string;
            org?: string;
            title: string;
            body: string;
            /** @description Where the portal opens it; present when NOTIFY_PORTAL_URL is set. */
            link?: string;
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        InboxPage: {
            items: components["schemas"]["InboxEntry"][];
            /** @description Unread in the whole inbox, not just this page. */
            unread: number;
            /** @description Pass as `before` for the older page; absent on the last page. */
            next?: number;
        };
        UnreadCount: {
            unread: number;
            /** @description The newest seq in the inbox (0 when empty). */
            last: number;
        };
        ReadAll: {
            /** @description The newest seq the portal showed; everything when absent. */
            upTo?: components["schemas"]["Seq"];
        };
        ChannelSettings: {
            enabled: boolean;
            categories: components["schemas"]["Category"][];
        };
        PreferencesInput: {
            sse: components["schemas"]["ChannelSettings"];
            email: components["schemas"]["ChannelSettings"];
        };
        Preferences: {
            userId: string;
            sse: components["schemas"]["ChannelSettings"];
            email: components["schemas"]["ChannelSettings"];
            /**
             * Format: date-time
             * @description Absent while the user has the defaults.
             */
            updatedAt?: string;
        };
        PreferencesWithLabels: components["schemas"]["Preferences"] & {
            /** @description Each category's label, to show beside its switch. */
            categories: {
                action: string;
                deadline: string;
                incoming: string;
                status: string;
                task: string;
            };
        };
        WebhookEndpointInput: {
            /**
             * Format: uri
             * @description https:// in production.
             */
            url: string;
            /** @description What to deliver; every event of the organisation when empty or absent. */
            eventTypes?: components["schemas"]["EventTypePattern"][];
            description?: string;
        };
        WebhookEndpoint: {
            id: components["schemas"]["EndpointId"];
            url: string;
            eventTypes: string[];
            description?: string;
            enabled: boolean;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            org: string;
        };
        NewWebhookEndpoint: components["schemas"]["WebhookEndpoint"] & {
            /** @description `whsec_` and the base64 key that signs deliveries (Standard Webhooks); shown only in this answer. */
            secret: string;
        };
        WebhookEndpointList: {
            items: components["schemas"]["WebhookEndpoint"][];
        };
        WebhookAttempt: {
            attempt: number;
            /** Format: date-time */
            at: string;
            ok: boolean;
            statusCode?: number;
            error?: string;
            durationMs: number;
        };
        /** @description One delivery of one event to one endpoint (the body sent is not shown). */
        WebhookDelivery: {
            /** @description `<endpointId>:<seq>`. */
            id: string;
            workflowId: string;
            seq: components["schemas"]["Seq"];
            org: string;
            endpointId: components["schemas"]["EndpointId"];
            /** @description The `webhook-id` header of every attempt: receivers deduplicate on it. */
            eventId: string;
            eventType: string;
            url: string;
            status: components["schemas"]["DeliveryStatus"];
            attempts: number;
            lastStatusCode?: number;
            lastError?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            completedAt?: string;
            /** @description The delivery this one replays. */
            replayOf?: string;
            /** @description Every attempt; in the answer about one delivery only. */
            attemptLog?: components["schemas"]["WebhookAttempt"][];
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            /** @description Pass as `before` for the older page; absent on the last page. */
            next?: number;
        };
    };
    responses: {
        /**
         * @description An error: 401 `token-missing`, `token-invalid`, `token-expired`; 403 `forbidden`,
         *     `user-required`, `admin-only`; 405 `method-not-allowed`; 429 `rate-limited`; 503
         *     `overloaded` (with Retry-After); 500 `internal-error`.
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
        /** @description `webhook-not-found`: the organisation has no such endpoint. */
        WebhookNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `webhook-not-found`, or `delivery-not-found`: the endpoint has no delivery with that seq. */
        DeliveryNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        EndpointId: components["schemas"]["EndpointId"];
        DeliverySeq: components["schemas"]["Seq"];
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
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    streamNotifications: {
        parameters: {
            query?: {
                /** @description The same as Last-Event-ID, for clients that cannot set headers; the header wins. */
                lastEventId?: components["schemas"]["StreamPosition"];
            };
            header?: {
                /** @description The seq of the last notification received; resumes after it. */
                "Last-Event-ID"?: components["schemas"]["StreamPosition"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream, `text/event-stream; charset=utf-8`, uncached and unbuffered; it stays open. */
            200: {
                headers: {
                    "Cache-Control"?: "no-cache, no-transform";
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description `validation-failed`: Last-Event-ID (or `lastEventId`) is not a whole number from 0. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `too-many-streams`: this process holds NOTIFY_MAX_STREAMS streams already; `Retry-After` says when to reconnect (the inbox keeps everything meanwhile). An open stream whose client stops reading (256 KiB unread) is cut, to be resumed with Last-Event-ID. */
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
    listNotifications: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Only notifications older than this seq (the `next` of the previous page). */
                before?: components["schemas"]["Seq"];
                /** @description `true` drops read items from the page (the page still covers the same seqs). */
                unread?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the inbox. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxPage"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            default: components["responses"]["Problem"];
        };
    };
    getUnreadCount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The count. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnreadCount"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    markAllNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReadAll"];
            };
        };
        responses: {
            /** @description The count after marking. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnreadCount"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            default: components["responses"]["Problem"];
        };
    };
    markNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seq: components["schemas"]["Seq"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notification, read. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxEntry"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            /** @description `notification-not-found`: no such seq in the caller's inbox. */
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
    getPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preferences. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferencesWithLabels"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    putPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreferencesInput"];
            };
        };
        responses: {
            /** @description The preferences, saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferences"];
                };
            };
            /** @description `validation-failed`: an unknown field, an unknown or repeated category (the field is named). */
            400: {
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
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoints, without their secrets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointInput"];
            };
        };
        responses: {
            /** @description The endpoint, with `secret`. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewWebhookEndpoint"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            /**
             * @description `webhook-url-insecure` (not https:// in production), `webhook-url-invalid`,
             *     `webhook-url-credentials`, `webhook-address-not-allowed`, `webhook-host-unresolvable`
             *     (field `url`); `too-many-webhooks`.
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
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint, without its secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            404: components["responses"]["WebhookNotFound"];
            default: components["responses"]["Problem"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ValidationFailed"];
            404: components["responses"]["WebhookNotFound"];
            default: components["responses"]["Problem"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Only deliveries older than this seq (the `next` of the previous page). */
                before?: components["schemas"]["Seq"];
            };
            header?: never;
            path: {
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            404: components["responses"]["WebhookNotFound"];
            default: components["responses"]["Problem"];
        };
    };
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: components["parameters"]["EndpointId"];
                seq: components["parameters"]["DeliverySeq"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery and its attempts (`attemptLog`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            404: components["responses"]["DeliveryNotFound"];
            default: components["responses"]["Problem"];
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                endpointId: components["parameters"]["EndpointId"];
                seq: components["parameters"]["DeliverySeq"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new delivery, pending; its workflow is started. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description `validation-failed`: a malformed path parameter or Idempotency-Key. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: components["responses"]["DeliveryNotFound"];
            /** @description `webhook-disabled`: the endpoint is disabled. */
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
}
