// Real servers answer in milliseconds, but a consumer-group join or a workflow bundle takes seconds.
jest.setTimeout(60_000);
