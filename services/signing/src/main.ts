#!/usr/bin/env node
import { runService } from '@vanthu/shared';
import { runProcessPerCore } from './cluster/process-per-core';
import { signingService } from './service';

// One signing process per core: each signs on its own thread (see cluster/process-per-core.ts).
runProcessPerCore(signingService.name, () => runService(signingService));
