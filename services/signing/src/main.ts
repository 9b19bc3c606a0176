#!/usr/bin/env node
import { runService } from '@vanthu/shared';
import { signingService } from './service';

runService(signingService);
